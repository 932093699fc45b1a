// Today's counts for the supervisor board, kept as the mechanisms report them (queued, answered, abandoned,
// overflowed per group; missed rings per agent). No mechanism imports here: the state holds one.
import { SERVICE_LEVEL_SECONDS } from '@octopus/contracts';

interface GroupCounts {
  offered: number;
  answered: number;
  answeredInTime: number;
  abandoned: number;
  overflowed: number;
}

const zero = (): GroupCounts => ({ offered: 0, answered: 0, answeredInTime: 0, abandoned: 0, overflowed: 0 });

/** The server's local calendar day of an epoch-ms time (the counts start again at local midnight). */
function dayOf(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** Today's counts as the journal keeps them (`meta.tally`): the local day they belong to, per group, per agent. */
export interface TallySnapshot {
  /** The server's local day, `Y-M-D` (months and days not zero-padded). */
  day: string;
  groups: Record<string, GroupCounts>;
  missed: Record<string, number>;
}

const COUNT_KEYS = ['offered', 'answered', 'answeredInTime', 'abandoned', 'overflowed'] as const;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * Today's counts per skill group and missed rings per agent, as the mechanisms report them. Journalled with
 * the engine's counters (`meta.tally`, saved in the step that changed them — see `durability.ts`), so a
 * restart or a new floor leader goes on with today's counts; a snapshot of another day is ignored.
 * Every method takes the engine clock's now (epoch ms) and starts a new day's counts past local midnight.
 */
export class FloorTally {
  private day = '';
  private readonly groups = new Map<string, GroupCounts>();
  private readonly missed = new Map<string, number>();
  /** Changed since the last `takeSnapshot` (the journal saves it with the step). */
  dirty = false;

  private roll(now: number): void {
    const day = dayOf(now);
    if (day === this.day) return;
    this.day = day;
    this.groups.clear();
    this.missed.clear();
  }

  private group(name: string, now: number): GroupCounts {
    this.roll(now);
    this.dirty = true;
    let counts = this.groups.get(name);
    if (!counts) this.groups.set(name, (counts = zero()));
    return counts;
  }

  /** The counts as the journal keeps them; clears `dirty`. */
  takeSnapshot(): TallySnapshot {
    this.dirty = false;
    return { day: this.day, groups: Object.fromEntries([...this.groups].map(([k, v]) => [k, { ...v }])), missed: Object.fromEntries(this.missed) };
  }

  /**
   * Takes back the journal's counts when they are of `now`'s local day (a restart the same day); a snapshot of
   * another day, or one not of this shape, leaves the counts at zero. @returns whether the snapshot was taken.
   */
  restore(raw: unknown, now: number): boolean {
    const snap = raw as Partial<TallySnapshot> | null;
    if (!snap || typeof snap !== 'object' || snap.day !== dayOf(now) || typeof snap.groups !== 'object' || typeof snap.missed !== 'object' || !snap.groups || !snap.missed) return false;
    this.roll(now);
    for (const [name, counts] of Object.entries(snap.groups)) {
      if (!counts || !COUNT_KEYS.every((k) => isCount((counts as unknown as Record<string, unknown>)[k]))) continue;
      this.groups.set(name, Object.fromEntries(COUNT_KEYS.map((k) => [k, counts[k]])) as unknown as GroupCounts);
    }
    for (const [agentId, n] of Object.entries(snap.missed)) if (isCount(n)) this.missed.set(agentId, n);
    return true;
  }

  /** A caller began waiting in `group`. */
  offered(group: string, now: number): void {
    this.group(group, now).offered++;
  }

  /** A caller of `group` was answered after waiting `waitMs` since it joined the queue. */
  answered(group: string, waitMs: number, now: number): void {
    const counts = this.group(group, now);
    counts.answered++;
    if (waitMs <= SERVICE_LEVEL_SECONDS * 1000) counts.answeredInTime++;
  }

  /** A caller of `group` hung up while waiting or ringing. */
  abandoned(group: string, now: number): void {
    this.group(group, now).abandoned++;
  }

  /** A caller reached `group`'s wait limit and was moved on. */
  overflowed(group: string, now: number): void {
    this.group(group, now).overflowed++;
  }

  /** `agentId` let an offer ring out. */
  missedRing(agentId: string, now: number): void {
    this.roll(now);
    this.dirty = true;
    this.missed.set(agentId, (this.missed.get(agentId) ?? 0) + 1);
  }

  /** Today's counts of `group` (zeros when none). */
  countsOf(group: string, now: number): Readonly<GroupCounts> {
    this.roll(now);
    return this.groups.get(group) ?? zero();
  }

  /** Today's missed rings of `agentId`. */
  missedOf(agentId: string, now: number): number {
    this.roll(now);
    return this.missed.get(agentId) ?? 0;
  }
}

