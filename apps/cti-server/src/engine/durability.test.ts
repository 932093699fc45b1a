import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CtiEvent } from '@octopus/contracts';
import { ManualClock } from './clock';
import { DEMO_AGENTS, DEMO_GROUPS, DEMO_IVR_MENU } from './config';
import type { CtiEngine } from './engine';
import { MemoryStateStore, SqliteStateStore, type StateStore } from './journal';
import { BufferedOutput, type EngineOutput } from './output';
import { MemoryRecordSink } from './ports';
import { settle, testEngine } from './testing/engine-harness';

const SECRET = 'durability-secret';

function engineOn(store: StateStore, clock: ManualClock, records = new MemoryRecordSink(), output?: EngineOutput) {
  const { engine, events, ok } = testEngine({ agents: DEMO_AGENTS, groups: DEMO_GROUPS, ivrMenu: DEMO_IVR_MENU, clock, store, records, reconnectGraceMs: 30_000, ...(output && { output }) }, SECRET);
  return { engine, events, ok, records };
}

/** Everything an agent's client would be given, without revs and times that a restart may move. */
function floor(engine: CtiEngine, ids: string[]) {
  return ids.map((id) => {
    const { agent, calls } = engine.snapshotFor(id);
    const { rev: _rev, stateSince: _since, ...self } = agent;
    return { self, calls: calls.map(({ rev: _r, ...c }) => c) };
  });
}

/**
 * The scenario: 1001 talking (on hold, next state Meeting), 1006 ringing, an aftersale call
 * queued at position 1, 1002 on Break, 1003 Busy.
 */
async function scenario(store: StateStore, clock: ManualClock) {
  const t = engineOn(store, clock);
  t.engine.agentConnected('1001');
  clock.advance(1000);
  t.engine.agentConnected('1006');
  clock.advance(1000);
  for (const id of ['1002', '1003', '1005']) t.engine.agentConnected(id);
  t.ok('1002', { name: 'setState', state: 'break' });
  t.ok('1003', { name: 'setState', state: 'busy' });
  const talking = t.engine.inboundCall({ from: '13800138000', keys: '1' });
  await settle();
  t.ok('1001', { name: 'answer', callId: talking });
  t.ok('1001', { name: 'hold', callId: talking });
  t.ok('1001', { name: 'setState', state: 'meeting' });
  const ringing = t.engine.inboundCall({ from: '13800138001', keys: '1' });
  await settle();
  const queued = t.engine.inboundCall({ from: '13800138002', keys: '2' });
  await settle();
  clock.advance(5000);
  expect(t.engine.snapshotFor('1006').calls.find((c) => c.id === ringing)?.state).toBe('ringing');
  expect(t.engine.callStatus(queued)).toMatchObject({ phase: 'queued', queuePosition: 1, skillGroup: 'aftersale' });
  return { ...t, talking, ringing, queued };
}

const FLOOR = ['1001', '1002', '1003', '1005', '1006'];

describe('durable engine state', () => {
  it('a restored engine tells its output what it restored (nothing dropped before the hub exists)', async () => {
    const store = new MemoryStateStore();
    const clock = new ManualClock();
    await scenario(store, clock);
    // As in the server: the output exists before its consumer (the hub needs the engine).
    const output = new BufferedOutput();
    const { engine } = engineOn(store, new ManualClock(clock.now() + 700), new MemoryRecordSink(), output);
    expect(engine.restored.agents).toBeGreaterThan(0);
    const got: Array<{ agentId: string; event: CtiEvent }> = [];
    output.attach({ toAgent: (agentId, event) => got.push({ agentId, event }) });
    // Every restored agent's state is announced once (its grace period started), with the rev it now has.
    const announced = got.filter((e) => e.event.type === 'agent').map((e) => e.agentId);
    for (const id of FLOOR) expect(announced).toContain(id);
    const self = got.find((e) => e.agentId === '1001' && e.event.type === 'agent')!.event;
    expect(self).toMatchObject({ type: 'agent', agent: { id: '1001', state: 'talking', nextState: 'meeting', rev: engine.snapshotFor('1001').agent.rev } });
  });

  it('a restart (0.7 s later) keeps every call, queue position, wait clock and chosen state; the next aftersale call does not ring the agent on Break', async () => {
    const store = new MemoryStateStore();
    const clock = new ManualClock();
    const before = await scenario(store, clock);
    const truth = floor(before.engine, FLOOR);
    const queuedAt = before.engine.queueOf('aftersale')[0]!.queuedAt;
    const lastRev = before.engine.currentRev;
    // kill -9: nothing is closed; a new process starts on the same journal 0.7 s later.
    const clock2 = new ManualClock(clock.now() + 700);
    const after = engineOn(store, clock2);
    expect(after.engine.epoch).toBe(before.engine.epoch);
    expect(after.engine.currentRev).toBeGreaterThanOrEqual(lastRev);
    expect(after.engine.callStatus(before.talking)).toMatchObject({ phase: 'connected', agentId: '1001' });
    expect(after.engine.callStatus(before.ringing)).toMatchObject({ phase: 'ringing', agentId: null });
    expect(after.engine.callStatus(before.queued)).toMatchObject({ phase: 'queued', queuePosition: 1 });
    expect(after.engine.queueOf('aftersale')[0]!.queuedAt).toBe(queuedAt);
    // Agents reconnect (within the grace period): each client gets what it had.
    for (const id of FLOOR) after.engine.agentConnected(id);
    expect(floor(after.engine, FLOOR)).toEqual(truth);
    expect(after.engine.snapshotFor('1001').agent).toMatchObject({ state: 'talking', chosenState: 'idle', nextState: 'meeting' });
    expect(after.engine.snapshotFor('1001').calls[0]).toMatchObject({ id: before.talking, state: 'held' });
    expect(after.engine.snapshotFor('1002').agent).toMatchObject({ state: 'break' });
    expect(after.engine.snapshotFor('1003').agent).toMatchObject({ state: 'busy' });
    const next = after.engine.inboundCall({ from: '13800138003', keys: '2' });
    await settle();
    expect(after.engine.callStatus(next)).toMatchObject({ phase: 'queued', queuePosition: 2 });
    expect(after.engine.snapshotFor('1002').calls).toEqual([]);
    // The ring keeps its deadline: 20 s from when it started, not from the restart.
    const ringDeadline = truth[4]!.calls[0]!.ringDeadline!;
    clock2.advance(ringDeadline - clock2.now() - 1);
    expect(after.engine.callStatus(before.ringing)!.phase).toBe('ringing');
    clock2.advance(1);
    expect(after.engine.snapshotFor('1006').agent).toMatchObject({ state: 'busy', reason: 'missed' });
  });

  it('timers that expired while the server was down fire once on start; the calls that ended then get their records', async () => {
    const store = new MemoryStateStore();
    const clock = new ManualClock();
    const before = await scenario(store, clock);
    const records = new MemoryRecordSink();
    // Down for 200 s: past the ring deadline, the aftersale wait limit (180 s → callback) and the grace period.
    const clock2 = new ManualClock(clock.now() + 200_000);
    const after = engineOn(store, clock2, records);
    clock2.advance(0);
    // The queued caller reached the wait limit while we were down: callback requested, record with endedAt.
    expect(after.engine.callStatus(before.queued)).toMatchObject({ phase: 'ended', endReason: 'callback-requested' });
    expect(records.records.get(before.queued)?.endedAt).not.toBeNull();
    const puts = records.puts;
    // The ring's deadline passed while down: it ended at once, and (nobody could hear it) not as a miss.
    expect(after.engine.callStatus(before.ringing)).toMatchObject({ phase: 'queued' });
    expect(after.engine.snapshotFor('1006').agent).toMatchObject({ chosenState: 'idle', reason: null });
    // The agents get their grace period from the restart (they could not reconnect to a dead server).
    expect(after.engine.callStatus(before.talking)).toMatchObject({ phase: 'connected' });
    clock2.advance(30_000);
    // Nobody came back: the held caller waits again, in front.
    expect(after.engine.callStatus(before.talking)).toMatchObject({ phase: 'queued' });
    expect(after.engine.snapshotFor('1001').agent.reason).toBe('disconnected');
    clock2.advance(60_000);
    // Each timer fired once: the overflow did not end the call twice nor put its record again.
    expect(records.records.get(before.queued)?.endReason).toBe('callback-requested');
    expect(records.puts).toBe(puts);
  });

  it('keeps the state in SQLite in the data folder (survives closing and reopening the file)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cti-journal-'));
    try {
      const clock = new ManualClock();
      const first = new SqliteStateStore(dir);
      const before = await scenario(first, clock);
      const truth = floor(before.engine, FLOOR);
      first.close();
      const second = new SqliteStateStore(dir);
      const after = engineOn(second, new ManualClock(clock.now() + 700));
      for (const id of FLOOR) after.engine.agentConnected(id);
      expect(floor(after.engine, FLOOR)).toEqual(truth);
      expect(after.engine.callStatus(before.queued)).toMatchObject({ phase: 'queued', queuePosition: 1 });
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the IVR again for a caller who was in it', async () => {
    const store = new MemoryStateStore();
    const clock = new ManualClock();
    const t = engineOn(store, clock);
    const id = t.engine.inboundCall({ from: '13800138009', keys: '3' });
    expect(t.engine.callStatus(id)!.phase).toBe('ivr'); // crash before the directory answered
    const after = engineOn(store, new ManualClock(clock.now() + 700));
    await settle();
    expect(after.engine.callStatus(id)).toMatchObject({ phase: 'queued', skillGroup: 'finance' });
  });

  it("keeps the board's counts of today (answered, offered, overflowed, abandoned, missed rings) across a restart", async () => {
    const store = new MemoryStateStore();
    const clock = new ManualClock(new Date(2026, 11, 2, 10, 0, 0).getTime());
    const before = await scenario(store, clock);
    clock.advance(20_000); // 1006 lets the ring run out: a missed ring today
    const abandoned = before.engine.inboundCall({ from: '13800138004', keys: '2' });
    await settle();
    before.engine.callerHangup(abandoned);
    const counts = (engine: CtiEngine) => {
      const view = engine.floor();
      return { queues: view.queues.map(({ name, answeredToday, overflowedToday, abandonedToday, serviceLevel }) => ({ name, answeredToday, overflowedToday, abandonedToday, serviceLevel })), missed: view.agents.map((a) => [a.id, a.missedToday]) };
    };
    const truth = counts(before.engine);
    expect(truth.missed).toContainEqual(['1006', 1]);
    expect(truth.queues.find((q) => q.name === 'presale')).toMatchObject({ answeredToday: 1 });
    expect(truth.queues.find((q) => q.name === 'aftersale')).toMatchObject({ abandonedToday: 1 });
    const after = engineOn(store, new ManualClock(clock.now() + 700));
    expect(counts(after.engine)).toEqual(truth);
    // A restart on another day starts from zero.
    const tomorrow = engineOn(store, new ManualClock(clock.now() + 86_400_000));
    expect(tomorrow.engine.floor().agents.find((a) => a.id === '1006')?.missedToday).toBe(0);
  });
});
