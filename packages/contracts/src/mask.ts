// The one rule for masking what identifies a customer wherever it is shown to an agent without
// verification: the api's masked answers, the cti-server's call view and the shell's lists use it alike.

/** `'张伟'` → `'张**'`: the first character (code point) and two asterisks, whatever the length; `''` → `'***'`. */
export function maskName(name: string): string {
  const first = Array.from(name)[0] ?? '*';
  return `${first}**`;
}

/**
 * The one phone-number masking rule.
 * - A mainland mobile number (11 digits starting with 1, optionally after `+86`): the first three and last four digits
 *   stay (`13800138000` → `138****8000`, `+8613800138000` → `+86138****8000`), the common practice of
 *   Chinese customer service that lets a caller recognise their own number.
 * - Anything else (landlines, foreign or malformed numbers): all but the last two characters become
 *   asterisks (`01088886666` → `*********66`); four characters or fewer: `'****'`.
 */
export function maskPhone(phone: string): string {
  const mobile = /^(\+86)?(1\d{2})\d{4}(\d{4})$/.exec(phone);
  if (mobile) return `${mobile[1] ?? ''}${mobile[2]}****${mobile[3]}`;
  return phone.length <= 4 ? '****' : `${'*'.repeat(phone.length - 2)}${phone.slice(-2)}`;
}
