import { directionalTextProblem, findTextProblem, invalidTextProblem } from '@octopus/contracts';
import { HttpError } from './errors';

/** The api's one text rule for every string it accepts: invalid text, then directional formatting. */
function textProblem(text: string): string | null {
  return invalidTextProblem(text) ?? directionalTextProblem(text);
}

/**
 * 400 `invalid_text` naming the first string of `value` (keys included) that is not acceptable text:
 * NUL, other C0/C1 controls except tab/LF/CR, lone surrogates, and bidi controls/marks or U+2028/U+2029
 * (they only ever serve to make text display as something else: Trojan Source). Applied once, to
 * every body, query and path of every route, so no free-text field (note, ticket text, comment,
 * recordingRef …) can be missed. `where` prefixes the field (`body.note`).
 */
export function refuseInvalidText(value: unknown, where: 'body' | 'query' | 'params'): void {
  const found = findTextProblem(value, textProblem);
  if (!found) return;
  const field = found.field === '(body)' ? where : `${where}.${found.field}`;
  throw new HttpError(400, 'invalid_text', `${field}: ${found.problem}`, field);
}
