import { findInvalidText, hasBidiControls } from '@octopus/contracts';
import { HttpError } from './errors';

/**
 * 400 `invalid_text` naming the first string of `value` (keys included) that is not acceptable text:
 * NUL, other C0/C1 controls except tab/LF/CR, lone surrogates. `where` prefixes the field (`body.note`).
 */
export function refuseInvalidText(value: unknown, where: 'body' | 'query' | 'params'): void {
  const found = findInvalidText(value);
  if (!found) return;
  const field = found.field === '(body)' ? where : `${where}.${found.field}`;
  throw new HttpError(400, 'invalid_text', `${field}: ${found.problem}`, field);
}

/**
 * 400 `invalid_text` when one of `fields` of a note or ticket text carries bidi embedding/override/
 * isolate controls: they only ever serve to make text display as something else (Trojan Source).
 */
export function refuseBidi(body: Record<string, unknown>, where: 'body', fields: readonly string[]): void {
  for (const name of fields) {
    const value = body[name];
    if (typeof value === 'string' && hasBidiControls(value)) {
      const field = `${where}.${name}`;
      throw new HttpError(400, 'invalid_text', `${field}: must not contain bidirectional override or isolate controls`, field);
    }
  }
}
