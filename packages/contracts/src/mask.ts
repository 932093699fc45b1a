// The one rule for masking a customer's name wherever it is shown to an agent without verification:
// the api's masked answers and the cti-server's call view use it alike.

/** `'张伟'` → `'张**'`: the first character (code point) and two asterisks, whatever the length; `''` → `'***'`. */
export function maskName(name: string): string {
  const first = Array.from(name)[0] ?? '*';
  return `${first}**`;
}
