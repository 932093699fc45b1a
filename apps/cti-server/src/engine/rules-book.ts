// The routing rules as the mechanisms read them: the seed (version 1) from the groups' configuration, a
// group's current rules, business hours, caller priority and the sticky agent. Pure lookups: changing
// the rules (new versions, rollback, applying them to waiting callers) is `rules.ts`.
import { z } from 'zod';
import { rulesVersionSchema, type BusinessHours, type GroupRules, type MemberLevel, type QueueExit, type RulesVersion } from '@octopus/contracts';
import type { GroupConfig, OverflowTarget } from './config';
import type { Agent, Call, Group } from './model';
import type { EngineState, RulesBook } from './state';

/** Versions kept in the history (the current one included). */
export const RULES_HISTORY_KEPT = 100;

const DAY_MS = 86_400_000;

function exitOf(overflow: OverflowTarget | null): QueueExit | null {
  if (!overflow) return null;
  return overflow.kind === 'group' ? { kind: 'overflow', group: overflow.group } : { kind: overflow.kind };
}

/** A group's rules as its configuration gives them (strategy, wait limit, overflow) with the engine's ring and wrap-up times. */
export function seedGroupRules(config: GroupConfig, ringTimeoutMs: number, wrapUpMs: number): GroupRules {
  return {
    strategy: config.routing,
    agentLevels: {},
    priorityByLevel: {},
    maxWaitMs: config.maxWaitMs,
    onMaxWait: exitOf(config.overflow),
    capacity: null,
    onFull: null,
    ringTimeoutMs,
    wrapUpMs,
    businessHours: null,
    sticky: null,
  };
}

/** Version 1: every configured group's seed rules (the demo's `DEMO_GROUPS`), made by `system` at `now`. */
export function seedRules(groups: GroupConfig[], ringTimeoutMs: number, wrapUpMs: number, now: number): RulesBook {
  const current: RulesVersion = {
    version: 1,
    at: now,
    by: 'system',
    change: { action: 'seed' },
    groups: Object.fromEntries(groups.map((g) => [g.name, seedGroupRules(g, ringTimeoutMs, wrapUpMs)])),
  };
  return { current, history: [current] };
}

const rulesBookSchema = z.object({ current: rulesVersionSchema, history: z.array(rulesVersionSchema) });

/**
 * The rules a journal kept, or null when absent or unreadable. Groups configured since are given their seed
 * rules (`seed`); groups no longer configured are kept (a later configuration may bring them back).
 */
export function parseRulesBook(raw: unknown, seed: RulesBook): RulesBook | null {
  const parsed = rulesBookSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { current, history } = parsed.data;
  return { current: { ...current, groups: { ...seed.current.groups, ...current.groups } }, history: history.slice(0, RULES_HISTORY_KEPT) };
}

/** The current rules of a group (a group the rules lack — none in practice — gets the seed of its configuration). */
export function groupRules(s: EngineState, groupName: string): GroupRules {
  const rules = s.rules.current.groups[groupName];
  if (rules) return rules;
  const group = s.groups.get(groupName);
  return seedGroupRules(group?.config ?? { name: groupName, label: groupName, callerId: '', routing: 'longest-idle', maxWaitMs: null, overflow: null }, s.ringTimeoutMs, s.wrapUpMs);
}

/** Local calendar fields of `at` (epoch ms) in `timeZone`: `YYYY-MM-DD`, ISO weekday 1–7, `HH:MM`. */
export function localTime(at: number, timeZone: string): { date: string; weekday: number; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday ?? '') + 1;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, time: `${parts.hour}:${parts.minute}` };
}

/** Whether the group is open at `at` (epoch ms): not a holiday, and inside one of the weekly spans. Always open without hours. */
export function isOpen(hours: BusinessHours | null, at: number): boolean {
  if (!hours) return true;
  const local = localTime(at, hours.timeZone);
  if (hours.holidays.some((h) => h.date === local.date)) return false;
  return hours.weekly.some((span) => span.days.includes(local.weekday) && span.open <= local.time && local.time < span.close);
}

/**
 * A caller's place in the serving order: twice the priority its customer level has in the group (0 without a
 * known level), plus 1 for a returning caller (offered before, or back from an agent) — so within one
 * customer priority returning callers come first, and a higher customer priority comes before both.
 */
export function queuePriority(rules: GroupRules, level: MemberLevel | null | undefined, returning: boolean): number {
  const customer = level ? (rules.priorityByLevel[level] ?? 0) : 0;
  return customer * 2 + (returning ? 1 : 0);
}

/** An agent's skill level in the group (1 when not listed). */
export function skillLevel(rules: GroupRules, agentId: string): number {
  return rules.agentLevels[agentId] ?? 1;
}

/** Callers counted against the group's capacity: waiting inbound callers (not callback tasks). */
export function waitingCallers(group: Group): number {
  let n = 0;
  for (const c of group.queue) if (!c.callbackOf) n++;
  return n;
}

/**
 * The sticky agent for a queued inbound caller: the agent of this group who last served its number within
 * `withinDays` and has not let this caller go. `agent` when routable now, `wait` (until `until`, engine ms)
 * while the caller may still wait for them, null otherwise (routing picks as usual).
 */
export function stickyChoice(s: EngineState, group: Group, call: Call, rules: GroupRules, now: number): { agent: Agent } | { wait: number } | null {
  if (!rules.sticky || call.direction !== 'inbound' || call.callbackOf) return null;
  const last = s.lastServed.get(call.number);
  if (!last || now - last.at > rules.sticky.withinDays * DAY_MS) return null;
  const agent = s.agents.get(last.agentId);
  if (!agent || !group.members.includes(agent) || call.declined.has(agent.id)) return null;
  if (s.isRoutable(agent)) return { agent };
  const until = (call.queuedAt ?? now) + rules.sticky.waitMs;
  return until > now ? { wait: until } : null;
}

/** Remembers who served an inbound caller (at its end), for the sticky agent; the oldest entries go past `max`. */
export function rememberServed(s: EngineState, call: Call, at: number, max = 100_000): void {
  if (call.direction !== 'inbound' || call.connectedAt === null || !call.lastAgentId) return;
  s.lastServed.delete(call.number);
  s.lastServed.set(call.number, { agentId: call.lastAgentId, at });
  if (s.lastServed.size > max) s.lastServed.delete(s.lastServed.keys().next().value!);
}
