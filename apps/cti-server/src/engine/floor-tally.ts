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

/**
 * Today's counts per skill group and missed rings per agent, kept in memory as the mechanisms report
 * them (not journaled: a restart starts them from zero; the api's call records are the lasting account).
 * Every method takes the engine clock's now (epoch ms) and starts a new day's counts past local midnight.
 */
export class FloorTally {
  private day = '';
  private readonly groups = new Map<string, GroupCounts>();
  private readonly missed = new Map<string, number>();

  private roll(now: number): void {
    const day = dayOf(now);
    if (day === this.day) return;
    this.day = day;
    this.groups.clear();
    this.missed.clear();
  }

  private group(name: string, now: number): GroupCounts {
    this.roll(now);
    let counts = this.groups.get(name);
    if (!counts) this.groups.set(name, (counts = zero()));
    return counts;
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

