/**
 * Text rules shared by every service and UI: what counts as invalid input, and how stored text is
 * made inert before an agent sees it. Source: Unicode UAX #9 (bidi controls), Trojan Source
 * (CVE-2021-42574) for why overrides must never reach the screen.
 */

/** Bidi embedding, override and isolate controls (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * `text` with every bidi embedding/override/isolate control removed, so nothing can reorder what
 * follows it on screen ("safe \u202Eexe.txt" shows as "safe exe.txt"). Marks (LRM, RLM) are kept.
 */
export function inertText(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** True when `text` contains a bidi embedding/override/isolate control. */
export function hasBidiControls(text: string): boolean {
  return /[\u202A-\u202E\u2066-\u2069]/.test(text);
}

/**
 * Everything that changes text direction or breaks lines invisibly: the embedding/override/isolate
 * controls above, the marks LRM, RLM and ALM (U+200E, U+200F, U+061C), and the line and paragraph
 * separators U+2028/U+2029. Agent-typed text never needs them; they only make text display as
 * something else.
 */
const DIRECTIONAL_FORMATTING = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/;

/** Why `text` carries directional formatting (see above) that input must not, or null. */
export function directionalTextProblem(text: string): string | null {
  return DIRECTIONAL_FORMATTING.test(text)
    ? 'must not contain bidirectional controls or marks (U+202A–U+202E, U+2066–U+2069, LRM, RLM, ALM) or U+2028/U+2029'
    : null;
}

/**
 * Why `text` is not acceptable input, or null: NUL and other C0 controls except tab, line feed and
 * carriage return; DEL; C1 controls; lone (unpaired) UTF-16 surrogates.
 */
export function invalidTextProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  // eslint-disable-next-line no-control-regex
  if (/[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(text)) return 'must not contain control characters';
  if (/[\uD800-\uDFFF]/u.test(text)) return 'must be valid Unicode (no lone surrogates)';
  return null;
}

/**
 * The path (`notes`, `items.0.title`) of the first string inside `value` that `invalidTextProblem`
 * refuses, with the problem; null when every string (keys included) is acceptable.
 */
export function findInvalidText(value: unknown, path: string[] = []): { field: string; problem: string } | null {
  return findTextProblem(value, invalidTextProblem, path);
}

/** Like `findInvalidText`, with any rule: `problem(text)` says why a string is refused, or null. */
export function findTextProblem(
  value: unknown,
  problem: (text: string) => string | null,
  path: string[] = [],
): { field: string; problem: string } | null {
  if (typeof value === 'string') {
    const found = problem(value);
    return found ? { field: path.join('.') || '(body)', problem: found } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findTextProblem(value[i], problem, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const keyProblem = problem(key);
      if (keyProblem) return { field: [...path, key].join('.'), problem: keyProblem };
      const found = findTextProblem(inner, problem, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
