// Changing the routing rules live: a group's new rules or a rollback become a new version, journalled, and
// applied at once to the callers already waiting (priority, wait limit) and to every next routing decision.
import type { GroupRules, QueueExit, RulesChange, RulesVersion } from '@octopus/contracts';
import { persistRules } from './durability';
import { insertInQueue } from './queue';
import { armQueueTimer, queueTimedOut, waitLimit } from './routing';
import { queuePriority, RULES_HISTORY_KEPT } from './rules-book';
import type { EngineState } from './state';

/** Why a change was refused: `status` 400 (`field` names the rule), 404 (unknown group or version) or 409 (`ifVersion` is not current). */
export interface RulesRefusal {
  ok: false;
  status: 400 | 404 | 409;
  error: 'bad_request' | 'not_found' | 'version_conflict';
  message: string;
  field?: string;
}

/** A change made: the new current version. */
export type RulesOutcome = { ok: true; current: RulesVersion } | RulesRefusal;

function invalid(field: string, message: string): RulesRefusal {
  return { ok: false, status: 400, error: 'bad_request', message: `${field}: ${message}`, field };
}

/** Checks what the schema cannot: groups named exist (and are not the group itself), required pairs, known agents. */
export function checkGroupRules(s: EngineState, groupName: string, rules: GroupRules): RulesRefusal | null {
  const exits: Array<[string, QueueExit | null]> = [
    ['onMaxWait', rules.onMaxWait],
    ['onFull', rules.onFull],
    ['businessHours.outOfHours', rules.businessHours?.outOfHours ?? null],
  ];
  for (const [field, exit] of exits) {
    if (exit?.kind !== 'overflow') continue;
    if (!s.groups.has(exit.group)) return invalid(`${field}.group`, `no skill group ${exit.group}`);
    if (exit.group === groupName) return invalid(`${field}.group`, 'a group cannot overflow to itself');
  }
  if (rules.maxWaitMs !== null && rules.onMaxWait === null) return invalid('onMaxWait', 'required with maxWaitMs (what happens when the wait is over)');
  if (rules.maxWaitMs === null && rules.onMaxWait !== null) return invalid('maxWaitMs', 'required with onMaxWait');
  if (rules.capacity !== null && rules.onFull === null) return invalid('onFull', 'required with capacity (what a caller finding the queue full gets)');
  for (const agentId of Object.keys(rules.agentLevels)) {
    if (!s.agents.has(agentId)) return invalid(`agentLevels.${agentId}`, `no agent ${agentId}`);
  }
  return null;
}

/** The top-level rules that differ between two versions of a group's rules (for the history and the audit). */
export function changedFields(before: GroupRules | undefined, after: GroupRules): string[] {
  return (Object.keys(after) as Array<keyof GroupRules>).filter((k) => JSON.stringify(before?.[k]) !== JSON.stringify(after[k]));
}

/** Makes `groups` the current rules as a new version by `by` (an agent id), journals it and applies it. Runs inside a step. */
function install(s: EngineState, groups: Record<string, GroupRules>, by: string, change: RulesChange): RulesVersion {
  const next: RulesVersion = { version: s.rules.current.version + 1, at: s.clock.now(), by, change, groups };
  s.rules = { current: next, history: [next, ...s.rules.history].slice(0, RULES_HISTORY_KEPT) };
  persistRules(s);
  reapply(s);
  return next;
}

/**
 * Applies the current rules to the callers already waiting: each one's priority (its customer level under
 * the new table; a returning caller stays returning), the queue order, and the wait limit from when it
 * began waiting (one already past the new limit leaves now). Every queue is served again (new strategy,
 * sticky agent). Ringing, talking and wrap-up keep the times they started with.
 */
function reapply(s: EngineState): void {
  const now = s.clock.now();
  for (const group of s.groups.values()) {
    const rules = s.rules.current.groups[group.config.name];
    const waiting = group.queue.splice(0);
    for (const call of waiting) {
      if (rules) call.priority = queuePriority(rules, call.customerLevel, call.priority % 2 === 1);
      insertInQueue(group, call);
    }
    for (const call of waiting) {
      s.clock.clearTimeout(call.queueTimer);
      call.queueTimer = null;
      const limit = waitLimit(s, call, group);
      if (limit === null || call.queuedAt === null) continue;
      const remaining = call.queuedAt + limit - now;
      if (remaining > 0) armQueueTimer(s, call, group, remaining);
      else queueTimedOut(s, call, group);
    }
    for (const call of group.queue) s.markCall(call);
    s.routeGroups.add(group.config.name);
    s.listGroups.add(group.config.name);
  }
}

/** 409 when the caller edited `ifVersion` and another version has become current since. */
function conflict(s: EngineState, ifVersion: number | undefined): RulesRefusal | null {
  if (ifVersion === undefined || ifVersion === s.rules.current.version) return null;
  return { ok: false, status: 409, error: 'version_conflict', message: `the rules are at version ${s.rules.current.version}, not ${ifVersion}: reload and apply the change again` };
}

/** Replaces one group's rules (already schema-valid) as a new version. 404 for an unknown group, 409 (see `conflict`), 400 naming the rule otherwise. */
export function updateGroupRules(s: EngineState, groupName: string, rules: GroupRules, by: string, ifVersion?: number): RulesOutcome {
  if (!s.groups.has(groupName)) return { ok: false, status: 404, error: 'not_found', message: `no skill group ${groupName}` };
  const stale = conflict(s, ifVersion);
  if (stale) return stale;
  const refusal = checkGroupRules(s, groupName, rules);
  if (refusal) return refusal;
  const fields = changedFields(s.rules.current.groups[groupName], rules);
  const current = s.run(() => install(s, { ...s.rules.current.groups, [groupName]: rules }, by, { action: 'update', group: groupName, fields }));
  return { ok: true, current };
}

/** Makes a kept version's rules current again, as a new version. 404 when `version` is not in the history. */
export function rollbackRules(s: EngineState, version: number, by: string, ifVersion?: number): RulesOutcome {
  const stale = conflict(s, ifVersion);
  if (stale) return stale;
  const target = s.rules.history.find((v) => v.version === version);
  if (!target) return { ok: false, status: 404, error: 'not_found', message: `no rules version ${version} in the history` };
  // Groups configured after that version keep their current rules.
  const current = s.run(() => install(s, { ...s.rules.current.groups, ...target.groups }, by, { action: 'rollback', toVersion: version }));
  return { ok: true, current };
}
