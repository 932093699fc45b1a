/**
 * Property-based routing test: random agents (groups, states, connections), callers, misses, rejects,
 * hang-ups, transfers and live changes of the routing rules (strategy, wait limit and its exit, capacity),
 * with routing invariants checked after every step.
 */
import fc from 'fast-check';
import type { GroupRules, QueueExit } from '@octopus/contracts';
import type { AgentAccount, GroupConfig } from './config';
import { ManualClock } from './clock';
import { MemoryStateStore } from './journal';
import { MemoryDirectory } from './ports';
import { settle, testEngine } from './testing/engine-harness';

const GROUP_NAMES = ['g1', 'g2', 'g3'] as const;
const GROUPS: GroupConfig[] = [
  { name: 'g1', label: 'G1', callerId: '4000000001', routing: 'longest-idle', maxWaitMs: 30_000, overflow: { kind: 'group', group: 'g2' } },
  { name: 'g2', label: 'G2', callerId: '4000000002', routing: 'round-robin', maxWaitMs: 45_000, overflow: { kind: 'voicemail' } },
  { name: 'g3', label: 'G3', callerId: '4000000003', routing: 'longest-idle', maxWaitMs: null, overflow: null },
];
const RING_TIMEOUT_MS = 20_000;

type Action =
  | { kind: 'login'; agent: number }
  | { kind: 'disconnect'; agent: number }
  | { kind: 'setState'; agent: number; state: 'idle' | 'busy' | 'break' | 'meeting' | 'offline' }
  | { kind: 'call'; group: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'answer'; agent: number }
  | { kind: 'reject'; agent: number }
  | { kind: 'hangup'; agent: number }
  | { kind: 'callerHangup'; call: number }
  | { kind: 'transferAgent'; agent: number; target: number }
  | { kind: 'transferGroup'; agent: number; group: number }
  | { kind: 'restart'; downMs: number }
  | { kind: 'rules'; group: number; strategy: number; waitMs: number | null; exit: number; capacity: number | null };

const agentIdx = fc.nat(5);
// Time steps stay below the ring timeout, so a caller taken from the queue in one step cannot come back to it in the same step.
const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('login' as const), agent: agentIdx }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('disconnect' as const), agent: agentIdx }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('setState' as const), agent: agentIdx, state: fc.constantFrom('idle' as const, 'busy' as const, 'break' as const, 'meeting' as const, 'offline' as const) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('call' as const), group: fc.nat(2) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: RING_TIMEOUT_MS - 1 }) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('answer' as const), agent: agentIdx }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('reject' as const), agent: agentIdx }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('hangup' as const), agent: agentIdx }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('callerHangup' as const), call: fc.nat(30) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('transferAgent' as const), agent: agentIdx, target: agentIdx }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('transferGroup' as const), agent: agentIdx, group: fc.nat(2) }), weight: 1 },
  // The process dies (kill -9) and starts again on its journal after `downMs`; connected agents reconnect.
  { arbitrary: fc.record({ kind: fc.constant('restart' as const), downMs: fc.integer({ min: 0, max: 3000 }) }), weight: 1 },
  // A supervisor changes a group's rules (the engine applies them to the callers already waiting).
  {
    arbitrary: fc.record({
      kind: fc.constant('rules' as const),
      group: fc.nat(2),
      strategy: fc.nat(2),
      waitMs: fc.option(fc.integer({ min: 1000, max: 60_000 })),
      exit: fc.nat(2),
      capacity: fc.option(fc.integer({ min: 1, max: 4 })),
    }),
    weight: 1,
  },
);

/** The group rules a `rules` action sets (the ring and wrap-up times stay: the steps are sized on them). */
function rulesOf(act: Extract<Action, { kind: 'rules' }>, current: GroupRules, agentIds: string[]): GroupRules {
  const other = GROUP_NAMES[(act.group + 1) % GROUP_NAMES.length]!;
  const exits: QueueExit[] = [{ kind: 'overflow', group: other }, { kind: 'voicemail' }, { kind: 'callback' }];
  return {
    ...current,
    strategy: (['longest-idle', 'round-robin', 'skill-level'] as const)[act.strategy]!,
    // Uneven levels: the last agents rank highest.
    agentLevels: act.strategy === 2 ? Object.fromEntries(agentIds.map((id, i) => [id, 1 + (i % 3)])) : {},
    maxWaitMs: act.waitMs,
    onMaxWait: act.waitMs === null ? null : exits[act.exit]!,
    capacity: act.capacity,
    onFull: act.capacity === null ? null : act.exit === 0 ? { kind: 'overflow', group: other } : { kind: 'closed', message: { 'zh-CN': '满', 'en-US': 'full' } },
  };
}

const agentsArb = fc
  .array(fc.subarray([...GROUP_NAMES], { minLength: 1 }), { minLength: 1, maxLength: 6 })
  .map((groups): AgentAccount[] => groups.map((skillGroups, i) => ({ id: `a${i}`, name: `A${i}`, skillGroups })));

async function runScenario(accounts: AgentAccount[], actions: Action[]): Promise<void> {
  const store = new MemoryStateStore();
  let clock = new ManualClock();
  const offers: Array<{ agentId: string; callId: string }> = [];
  const lastState = new Map<string, string>();
  const newEngine = () => {
    const { engine: e } = testEngine(
      {
        agents: accounts,
        groups: GROUPS,
        clock,
        ringTimeoutMs: RING_TIMEOUT_MS,
        wrapUpMs: 3_000,
        reconnectGraceMs: 10_000,
        directory: new MemoryDirectory([]),
        store,
        output: {
          toAgent: (agentId, event) => {
            if (event.type !== 'call') return;
            const key = `${agentId}/${event.call.id}`;
            if (event.call.state === 'ringing' && lastState.get(key) !== 'ringing') offers.push({ agentId, callId: event.call.id });
            lastState.set(key, event.call.state);
          },
        },
      },
      'property-secret',
    );
    return e;
  };
  let engine = newEngine();
  const sessions = new Map<string, number>();
  const callIds: string[] = [];
  const ids = accounts.map((a) => a.id);
  const pick = (i: number) => ids[i % ids.length]!;
  const ringingOf = (agentId: string) => engine.snapshotFor(agentId).calls.filter((c) => c.state === 'ringing');
  const queues = () => new Map(GROUPS.map((g) => [g.name, engine.queueOf(g.name).map((q) => q.callId)]));

  const check = (step: number, act: Action, before: Map<string, string[]>, stateBefore: Map<string, { chosen: string; connected: boolean }>) => {
    const where = `step ${step} ${JSON.stringify(act)}`;
    const now = clock.now();
    const list = new Map(engine.agentList().map((a) => [a.id, a]));
    // 1. Every call has ended, waits in its group's queue, or has an agent on it.
    const queued = queues();
    const legsOf = new Map<string, string[]>();
    for (const id of ids) for (const c of engine.snapshotFor(id).calls) if (c.state !== 'wrap-up') legsOf.set(c.id, [...(legsOf.get(c.id) ?? []), `${id}:${c.state}`]);
    for (const callId of callIds) {
      const status = engine.callStatus(callId);
      if (!status) throw new Error(`${where}: call ${callId} vanished`);
      if (status.phase === 'ended' || status.phase === 'survey') continue;
      if (status.phase === 'queued') {
        if (!queued.get(status.skillGroup!)?.includes(callId)) throw new Error(`${where}: ${callId} queued but not in ${status.skillGroup}'s queue`);
      } else if (status.phase === 'ringing' || status.phase === 'connected') {
        if (!legsOf.has(callId)) throw new Error(`${where}: ${callId} is ${status.phase} with no agent on it`);
      } else throw new Error(`${where}: ${callId} is still in phase ${status.phase}`);
    }
    // 2a. No call is offered to two agents at once (one ringing owner leg at most).
    const owners = new Map<string, number>();
    for (const id of ids) for (const c of engine.snapshotFor(id).calls) if (c.state === 'ringing' && c.role === 'owner') owners.set(c.id, (owners.get(c.id) ?? 0) + 1);
    for (const [callId, n] of owners) if (n > 1) throw new Error(`${where}: ${callId} rings ${n} agents at once`);
    // 2. No agent rings twice at once.
    for (const id of ids) if (ringingOf(id).length > 1) throw new Error(`${where}: ${id} rings ${ringingOf(id).length} calls`);
    // 3. Offers go only to connected agents who chose idle (never Break/Busy/Meeting/Offline).
    for (const offer of offers.splice(0)) {
      const agent = engine.snapshotFor(offer.agentId).agent;
      const pre = stateBefore.get(offer.agentId)!;
      const freedNow = (act.kind === 'setState' && pick(act.agent) === offer.agentId) || act.kind === 'login' || act.kind === 'restart';
      if (agent.chosenState !== 'idle') throw new Error(`${where}: ${offer.agentId} (chosen ${agent.chosenState}) was offered ${offer.callId}`);
      if (!freedNow && pre.chosen !== 'idle') throw new Error(`${where}: ${offer.agentId} had chosen ${pre.chosen} and was offered ${offer.callId}`);
      if (!list.get(offer.agentId)?.connected) throw new Error(`${where}: ${offer.agentId} is not connected and was offered ${offer.callId}`);
    }
    for (const g of GROUPS) {
      const queue = engine.queueOf(g.name);
      // 4. First come first served within a priority (returning callers first).
      for (let i = 1; i < queue.length; i++) {
        const a = queue[i - 1]!;
        const b = queue[i]!;
        if (a.priority < b.priority || (a.priority === b.priority && a.queueSeq > b.queueSeq)) throw new Error(`${where}: ${g.name} queue out of order`);
      }
      // 5. A queue never waits while one of its agents is free.
      if (queue.length > 0) {
        const free = ids.filter((id) => {
          const s = list.get(id);
          return s && s.connected && s.state === 'idle' && s.skillGroups.includes(g.name);
        });
        if (free.length > 0) throw new Error(`${where}: ${g.name} has ${queue.length} waiting while ${free.join(',')} idle`);
      }
      // 6. Nobody waits past the group's limit under the current rules (callback tasks have none).
      const limit = engine.groupLimits().find((l) => l.name === g.name)!.maxWaitMs;
      if (limit !== null) {
        for (const q of queue) if (callIds.includes(q.callId) && now - q.queuedAt > limit) throw new Error(`${where}: ${q.callId} waited ${now - q.queuedAt} ms in ${g.name} (limit ${limit})`);
      }
      // 7. A caller is not served before one who was ahead of it in the same queue.
      const prev = before.get(g.name) ?? [];
      const now_ = queued.get(g.name) ?? [];
      for (let i = 0; i < prev.length; i++) {
        if (now_.includes(prev[i]!)) continue;
        const served = engine.callStatus(prev[i]!);
        if (served?.phase !== 'ringing' && served?.phase !== 'connected') continue;
        const skipped = prev.slice(0, i).find((x) => now_.includes(x));
        if (skipped) throw new Error(`${where}: ${prev[i]} served before ${skipped} in ${g.name}`);
      }
    }
  };

  for (let step = 0; step < actions.length; step++) {
    const act = actions[step]!;
    const before = queues();
    const stateBefore = new Map(ids.map((id) => [id, { chosen: engine.snapshotFor(id).agent.chosenState, connected: (sessions.get(id) ?? 0) > 0 }]));
    switch (act.kind) {
      case 'restart': {
        // Nothing of the old process survives but the journal (its clock and timers die with it).
        const before = new Map(GROUPS.map((g) => [g.name, engine.queueOf(g.name)]));
        const limits = new Map(engine.groupLimits().map((l) => [l.name, l.maxWaitMs]));
        const states = new Map(ids.map((id) => [id, engine.snapshotFor(id)]));
        clock = new ManualClock(clock.now() + act.downMs);
        engine = newEngine();
        // What the journal restored is what the old process had (before any timer that came due fires).
        // (A caller whose wait limit passed while the process was down has overflowed at once.)
        for (const g of GROUPS) {
          const was = before.get(g.name)!;
          const now = engine.queueOf(g.name);
          const kept = new Set(now.map((q) => q.callId));
          const old = new Set(was.map((q) => q.callId));
          const limit = limits.get(g.name) ?? null;
          for (const q of was) if (!kept.has(q.callId)) expect(limit !== null && q.queuedAt + limit <= clock.now()).toBe(true);
          expect(now.filter((q) => old.has(q.callId))).toEqual(was.filter((q) => kept.has(q.callId)));
        }
        for (const id of ids) {
          const was = states.get(id)!;
          const now = engine.snapshotFor(id);
          expect(now.agent.chosenState).toBe(was.agent.chosenState);
          expect(now.agent.nextState).toBe(was.agent.nextState);
          expect(now.calls.map((c) => c.id).sort()).toEqual(was.calls.map((c) => c.id).sort());
        }
        for (const [id, n] of sessions) for (let i = 0; i < n; i++) engine.agentConnected(id);
        clock.advance(0);
        await settle();
        break;
      }
      case 'rules': {
        const group = GROUP_NAMES[act.group]!;
        const outcome = engine.updateGroupRules(group, rulesOf(act, engine.rules().current.groups[group]!, ids), 'prop');
        if (!outcome.ok) throw new Error(`rules refused: ${outcome.message}`);
        break;
      }
      case 'login':
        engine.agentConnected(pick(act.agent));
        sessions.set(pick(act.agent), (sessions.get(pick(act.agent)) ?? 0) + 1);
        break;
      case 'disconnect':
        if ((sessions.get(pick(act.agent)) ?? 0) > 0) {
          engine.agentDisconnected(pick(act.agent));
          sessions.set(pick(act.agent), sessions.get(pick(act.agent))! - 1);
        }
        break;
      case 'setState':
        engine.command(pick(act.agent), { name: 'setState', state: act.state });
        break;
      case 'call':
        callIds.push(engine.inboundCall({ from: `1380000${String(callIds.length).padStart(4, '0')}`, skillGroup: GROUP_NAMES[act.group] }));
        await settle();
        break;
      case 'advance':
        clock.advance(act.ms);
        break;
      case 'answer':
      case 'reject': {
        const ringing = ringingOf(pick(act.agent))[0];
        if (ringing) engine.command(pick(act.agent), { name: act.kind, callId: ringing.id });
        break;
      }
      case 'hangup': {
        const call = engine.snapshotFor(pick(act.agent)).calls[0];
        if (call) engine.command(pick(act.agent), { name: 'hangup', callId: call.id });
        break;
      }
      case 'callerHangup':
        if (callIds.length > 0) engine.callerHangup(callIds[act.call % callIds.length]!);
        break;
      case 'transferAgent':
      case 'transferGroup': {
        const call = engine.snapshotFor(pick(act.agent)).calls.find((c) => c.state === 'talking' && c.role === 'owner');
        if (!call) break;
        const target = act.kind === 'transferAgent' ? { kind: 'agent' as const, agentId: pick(act.target) } : { kind: 'group' as const, group: GROUP_NAMES[act.group]! };
        engine.command(pick(act.agent), { name: 'transfer', callId: call.id, target });
        break;
      }
    }
    check(step, act, before, stateBefore);
  }
}

describe('routing invariants (property-based)', () => {
  it('keeps every call ended or queued, rings nobody twice, offers only to idle agents, serves first-come within a priority', async () => {
    await fc.assert(
      fc.asyncProperty(agentsArb, fc.array(action, { minLength: 1, maxLength: 60 }), async (accounts, actions) => {
        await runScenario(accounts, actions);
      }),
      { numRuns: 500 },
    );
  }, 120_000);
});
