import { inertText } from '@octopus/contracts';

/**
 * `value` with every string in it (object keys included) passed through `inertText`: bidi
 * embedding/override/isolate controls removed, so stored text can never reorder what an agent sees.
 * Arrays and plain objects are copied; numbers, booleans and null pass unchanged. Applied once, here,
 * to every api answer the shell and the remotes read.
 */
export function inertDeep<T>(value: T): T {
  if (typeof value === 'string') return inertText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => inertDeep(item)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) out[inertText(key)] = inertDeep(inner);
    return out as T;
  }
  return value;
}
