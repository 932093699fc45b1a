// Masking for unverified callers and search results. It must never reveal what verification asks
// for: the ID number's suffix stays hidden, so does the street address.

// Names and phones are masked by the rules shared with the cti-server's call view and the shell's
// lists (one rule each, in contracts).
export { maskName, maskPhone } from '@octopus/contracts';

export function maskIdNumber(id: string): string {
  return `${id.slice(0, 3)}${'*'.repeat(Math.max(0, id.length - 3))}`;
}

/** Keeps the administrative part (up to the district or county) of a free-text address. */
export function maskAddressText(address: string): string {
  const match = /^(.{2,14}?(?:区|县|旗))/.exec(address);
  const kept = match?.[1] ?? Array.from(address).slice(0, 6).join('');
  return `${kept}****`;
}
