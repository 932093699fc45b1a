// Pure helpers of the rules editor: the form shows seconds and days where the contract keeps ms, and a
// server refusal names a dotted field the form has to find again.
import type { GroupRules, QueueExit } from '@octopus/contracts';

/** ms → the seconds a field shows (`''` for null: no limit). */
export function secondsOf(ms: number | null): string {
  return ms === null ? '' : String(ms / 1000);
}

/**
 * What a seconds field holds → ms. `''` is null (no limit); anything not a number becomes NaN, which travels
 * as JSON `null` so the server's 400 names the field (the server is the one judge of the rules).
 */
export function msOf(seconds: string): number | null {
  if (seconds.trim() === '') return null;
  const value = Number(seconds);
  return Number.isFinite(value) ? Math.round(value * 1000) : Number.NaN;
}

/** A count field → a number (`''` is null); not a number → NaN (refused by the server with the field named). */
export function countOf(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** The exit a newly chosen kind starts with (an overflow to the first other group, a closed message in both languages). */
export function exitOfKind(kind: QueueExit['kind'] | 'none', otherGroups: string[], closedText: { 'zh-CN': string; 'en-US': string }): QueueExit | null {
  switch (kind) {
    case 'none':
      return null;
    case 'overflow':
      return { kind, group: otherGroups[0] ?? '' };
    case 'closed':
      return { kind, message: closedText };
    default:
      return { kind };
  }
}

/**
 * Whether a server error's `field` (dotted path, e.g. `businessHours.weekly.0.close`) belongs to the form field
 * `name`: the same path, or — for a field that holds a list or a record, `nested` — a path inside it.
 */
export function fieldMatches(errorField: string | undefined, name: string, nested = false): boolean {
  if (!errorField) return false;
  return errorField === name || (nested && errorField.startsWith(`${name}.`));
}

/** The top-level rules that differ between the saved rules and the draft (what Save would change). */
export function changedRules(saved: GroupRules, draft: GroupRules): string[] {
  return (Object.keys(draft) as Array<keyof GroupRules>).filter((k) => JSON.stringify(saved[k]) !== JSON.stringify(draft[k]));
}
