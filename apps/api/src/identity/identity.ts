// Identity rules: keypad input and caller ids (pure). The checks are in ./ivr.ts and routes/identity.ts.

/** Keypad input → canonical: trailing `#` dropped, `*` read as X, upper case. */
export function normaliseIdentityInput(input: string): string {
  return input.replace(/#$/, '').replace(/\*/g, 'X').toUpperCase();
}

/** Caller ids may carry the country code (+86 / 86); numbers are stored as 11 national digits. */
export function nationalNumber(phone: string): string {
  const match = /^\+?86(1\d{10})$/.exec(phone);
  return match?.[1] ?? phone;
}

/** Whether the keyed phone (11 national digits) is the grant's calling number (`+86`/`86` prefixes, spaces and dashes ignored). */
export function isCallingNumber(phone: string, callerNumber: string | null | undefined): boolean {
  if (typeof callerNumber !== 'string' || callerNumber === '') return false;
  return nationalNumber(callerNumber.replace(/[\s-]/g, '')) === phone;
}
