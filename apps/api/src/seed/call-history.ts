import { Prng } from '@octopus/prng';
import { DEMO_ACCOUNTS } from '../accounts/seed';
import { DEMO_DISPOSITIONS } from '../dispositions/repository';
import { DAY, HOUR, iso, type Dataset } from './dataset';
import { SKILL_GROUPS } from './vocabulary';

// A few weeks of hotline traffic for the effectiveness report (docs/report.md), so its tables and charts
// mean something on first start: every inbound call with its arrival, queue, offer, answer and end
// times, IVR outcome, verification path, missed rings, transfers and wrap-up code. Its own PRNG stream
// (seed + HISTORY_STREAM), so the rest of the seed does not move when this changes.

/** Days of history before the anchor. */
export const CALL_HISTORY_DAYS = 35;
const HISTORY_STREAM = 0x5eed_ca11;
/** Weekday share of each group's calls (Monday first); weekends are quieter. */
const WEEKDAY_LOAD = [1, 0.95, 0.95, 0.9, 1.05, 0.65, 0.55];
/** Share of a day's calls per hour of the day (China time, 08:00–21:59), peaking late morning and mid-afternoon. */
const HOUR_LOAD: ReadonlyArray<readonly [number, number]> = [
  [8, 3], [9, 8], [10, 11], [11, 10], [12, 6], [13, 7], [14, 10], [15, 10], [16, 9], [17, 7], [18, 5], [19, 6], [20, 5], [21, 3],
];
/** Mean talk time per group (seconds) before verification. */
const TALK_SECONDS: Record<string, number> = { presale: 210, aftersale: 300, finance: 340 };
/** How often each group's callers need their identity checked (finance always wants it). */
const NEEDS_VERIFICATION: Record<string, number> = { presale: 0.3, aftersale: 0.65, finance: 0.95 };
const GROUP_SHARE: Record<string, number> = { presale: 0.35, aftersale: 0.45, finance: 0.2 };
const RING_MS = 20_000;

interface Caller {
  userId: string | null;
  phone: string;
  province: string | null;
  city: string | null;
}

/** An exponential draw with this mean (seconds). */
function exponential(rng: Prng, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}

/**
 * Appends `ds.call_history` rows (inserted into `call_records`; columns in dataset.ts): per day of the `CALL_HISTORY_DAYS` before
 * `anchor`, about `users / 25` calls (8–150) split over the groups, weekdays and business hours. Shares
 * aimed at (roughly): 6 % verified in the IVR, 2.5 % resolved by self-service, 2.5 % hung up in the IVR,
 * ~3 % abandoned in the queue, service level ~80 %, IVR-verified handle time ~12 s below agent-verified.
 * `fixedUserIds`: customers whose data is fixed (the demo users): never callers here.
 */
export function addCallHistory(ds: Dataset, seed: number, anchor: number, fixedUserIds: ReadonlySet<string>): void {
  const rng = new Prng((seed ^ HISTORY_STREAM) >>> 0);
  const callersKnown = knownCallers(ds).filter((c) => !fixedUserIds.has(c.userId as string));
  const registered = new Set(ds.user_phones.rows.map((r) => r[0] as string));
  const agentsOf = new Map(SKILL_GROUPS.map((g) => [g, DEMO_ACCOUNTS.filter((a) => a.role === 'agent' && a.skillGroups.includes(g)).map((a) => a.id)]));
  const perDay = Math.min(150, Math.max(8, Math.round(ds.users.rows.length / 25)));
  // Midnight China time of the anchor's day (the anchor is midnight UTC = 08:00 China).
  const chinaMidnight = anchor - 8 * HOUR;
  let n = 0;
  for (let day = CALL_HISTORY_DAYS; day >= 1; day--) {
    const dayStart = chinaMidnight - day * DAY;
    const weekday = (new Date(dayStart + 8 * HOUR).getUTCDay() + 6) % 7;
    const calls = Math.round(perDay * (WEEKDAY_LOAD[weekday] ?? 1) * (0.9 + rng.next() * 0.2));
    for (let i = 0; i < calls; i++) {
      n += 1;
      const hour = rng.weighted(HOUR_LOAD.map(([h, w]) => [h, w] as const));
      const arrived = dayStart + hour * HOUR + rng.int(0, 3599) * 1000;
      const peak = (HOUR_LOAD.find(([h]) => h === hour)?.[1] ?? 5) / 11;
      const caller = rng.chance(0.78) && callersKnown.length > 0 ? rng.pick(callersKnown) : unknownCaller(rng, registered);
      ds.call_history.rows.push(historyCall(rng, `hist-${String(n).padStart(6, '0')}`, arrived, peak, caller, agentsOf));
    }
  }
}

function knownCallers(ds: Dataset): Caller[] {
  const users = new Map(ds.users.rows.map((r) => [r[0] as string, { province: r[4] as string, city: r[5] as string }]));
  return ds.user_phones.rows
    .filter((p) => p[2] === true)
    .map((p) => ({ userId: p[1] as string, phone: p[0] as string, ...(users.get(p[1] as string) ?? { province: null, city: null }) }));
}

function unknownCaller(rng: Prng, registered: Set<string>): Caller {
  for (;;) {
    const phone = `170${rng.digits(8)}`;
    if (!registered.has(phone)) return { userId: null, phone, province: null, city: null };
  }
}

/** One inbound call's row, from arrival to wrap-up. `peak`: 0–1, how busy the hour is (longer waits). */
function historyCall(rng: Prng, callId: string, arrived: number, peak: number, caller: Caller, agentsOf: Map<string, string[]>): unknown[] {
  let group = rng.weighted(SKILL_GROUPS.map((g) => [g, GROUP_SHARE[g] ?? 0.3] as const)) as string;
  const key = String(SKILL_GROUPS.indexOf(group as (typeof SKILL_GROUPS)[number]) + 1);
  const ivrSeconds = rng.int(12, 45);
  const leftIvr = arrived + ivrSeconds * 1000;
  const base = {
    callId, number: caller.phone, province: caller.province, city: caller.city, userId: caller.userId, arrived,
    agentId: null as string | null, group: group as string | null, keyTrack: key, status: 'skipped', method: null as string | null,
    connected: null as number | null, ended: leftIvr, transfers: [] as unknown[], rating: null as number | null, endReason: 'abandoned-ivr',
    note: '', queued: null as number | null, offered: null as number | null, ivrOutcome: 'hung-up', missed: [] as unknown[],
    disposition: null as string | null, dispositionAt: null as number | null,
  };
  const roll = rng.next();
  // Left in the IVR: hung up, or answered by self-service (most after verifying in the IVR).
  if (roll < 0.025) return historyRow({ ...base, group: null });
  if (roll < 0.05 && caller.userId) {
    const verified = rng.chance(0.6);
    return historyRow({
      ...base, group: null, keyTrack: `${key}-9`, status: verified ? 'verified' : 'skipped', method: verified ? 'ivr-phone' : null,
      ended: leftIvr + rng.int(20, 70) * 1000, endReason: 'caller-hangup', ivrOutcome: 'self-service',
    });
  }
  // Verified in the IVR (only a registered caller can be), as often as the group's calls need it.
  const ivrVerified = caller.userId !== null && rng.chance((0.075 * (NEEDS_VERIFICATION[group] ?? 0.5)) / 0.59);
  const queued = leftIvr;
  const transfers: unknown[] = [];
  // A few callers overflow from presale to aftersale when presale is busy.
  if (group === 'presale' && rng.chance(0.04 * peak)) {
    transfers.push({ from: 'presale', to: 'aftersale', kind: 'overflow', at: iso(queued + 60_000) });
    group = 'aftersale';
  }
  let wait = exponential(rng, 3 + 9 * peak) + (transfers.length ? 60 : 0);
  // Few callers give up in the first 10 s.
  const patience = 10 + exponential(rng, 100);
  const agents = agentsOf.get(group) ?? [];
  const common = {
    ...base, group, queued, ivrOutcome: 'queued', status: ivrVerified ? 'verified' : 'unverified', transfers,
    method: ivrVerified ? rng.weighted([['ivr-phone', 7], ['ivr-id-suffix', 3]] as const) : null,
  };
  if (patience < wait || agents.length === 0) {
    // Abandoned in the queue (some while a phone was already ringing).
    const rang = rng.chance(0.3);
    return historyRow({ ...common, ended: queued + Math.round(patience * 1000), endReason: 'abandoned', offered: rang ? queued + Math.round(patience * 600) : null });
  }
  const missed: unknown[] = [];
  let offered = queued + Math.round(Math.max(0, wait - rng.int(2, 6)) * 1000);
  const firstOffer = offered;
  if (rng.chance(0.04)) {
    // The first agent let it ring out (or rejected it); the next one answered.
    const reason = rng.chance(0.75) ? 'missed' : 'rejected';
    const ringMs = reason === 'missed' ? RING_MS : rng.int(2, 8) * 1000;
    missed.push({ agentId: rng.pick(agents), at: iso(offered + ringMs), reason });
    offered += ringMs;
    wait += ringMs / 1000;
  }
  const connected = queued + Math.round(wait * 1000) + rng.int(1, 3) * 1000;
  const agentId = rng.pick(agents);
  // Verification by the agent (when the call needs it and the IVR did not) costs ~12 s of talk.
  const needs = rng.chance(NEEDS_VERIFICATION[group] ?? 0.5);
  const agentVerified = !ivrVerified && needs && caller.userId !== null && rng.chance(0.85);
  const mean = TALK_SECONDS[group] ?? 250;
  const talk = mean * (0.7 + 0.45 * rng.next()) + exponential(rng, 0.075 * mean) + (agentVerified ? 8 + rng.next() * 9 : 0);
  const ended = connected + Math.round(talk * 1000);
  if (rng.chance(0.06)) {
    const other = agents.find((a) => a !== agentId);
    if (other) transfers.push({ from: agentId, to: other, kind: rng.chance(0.6) ? 'agent' : 'consult', at: iso(connected + Math.round(talk * 500)) });
  }
  const codes = DEMO_DISPOSITIONS[group]?.codes ?? [];
  const disposition = codes.length && (DEMO_DISPOSITIONS[group]?.required || rng.chance(0.7)) ? rng.weighted(codes.map(([code], i) => [code, codes.length - i] as const)) : null;
  return historyRow({
    ...common, agentId, connected, ended, offered: firstOffer, missed,
    status: ivrVerified || agentVerified ? 'verified' : 'unverified',
    method: ivrVerified ? common.method : agentVerified ? rng.weighted([['agent-confirm', 85], ['agent-search', 15]] as const) : null,
    endReason: rng.chance(0.8) ? 'caller-hangup' : 'agent-hangup', rating: rng.chance(0.35) ? rng.weighted([[5, 6], [4, 3], [3, 1], [2, 0.5], [1, 0.5]] as const) : null,
    disposition, dispositionAt: disposition ? ended + rng.int(5, 40) * 1000 : null,
  });
}

function historyRow(c: {
  callId: string; agentId: string | null; number: string; province: string | null; city: string | null; group: string | null; keyTrack: string;
  status: string; method: string | null; userId: string | null; connected: number | null; ended: number; transfers: unknown[]; rating: number | null;
  endReason: string; note: string; arrived: number; queued: number | null; offered: number | null; ivrOutcome: string; missed: unknown[];
  disposition: string | null; dispositionAt: number | null;
}): unknown[] {
  const at = (ms: number | null) => (ms === null ? null : iso(ms));
  return [
    c.callId, c.agentId, 'inbound', c.number, c.province, c.city, c.group, c.keyTrack, c.status, c.method, c.userId, at(c.connected), iso(c.ended),
    JSON.stringify(c.transfers), c.rating, c.endReason, c.note, iso(c.ended), iso(c.ended), iso(c.arrived), at(c.queued), at(c.offered), c.ivrOutcome,
    JSON.stringify(c.missed), c.disposition, at(c.dispositionAt),
  ];
}
