import type { CtiEvent } from '@octopus/contracts';
import { AGENTS, setup } from './testing/engine-harness';

describe('agent states', () => {
  it('goes through wrap-up after a call, then back to the chosen state; a state change ends wrap-up early', async () => {
    const t = setup();
    t.login('a1');
    const id = await t.call('13800000061');
    t.ok('a1', { name: 'answer', callId: id });
    t.ok('a1', { name: 'hangup', callId: id });
    expect(t.agent('a1')).toMatchObject({ state: 'wrap-up', wrapUpDeadline: t.clock.now() + 5000 });
    const queued = await t.call('13800000062');
    expect(t.ringingAgent(queued)).toBeNull(); // not offered during wrap-up
    t.clock.advance(5000);
    expect(t.view('a1', id)).toBeNull();
    expect(t.ringingAgent(queued)).toBe('a1');
    t.ok('a1', { name: 'answer', callId: queued });
    t.ok('a1', { name: 'hangup', callId: queued });
    t.ok('a1', { name: 'setState', state: 'meeting' });
    expect(t.agent('a1')).toMatchObject({ state: 'meeting', wrapUpDeadline: null });
  });

  it('going offline logs out: the next login starts idle, even right away', async () => {
    const t = setup();
    t.login('a1');
    t.ok('a1', { name: 'setState', state: 'break' });
    t.ok('a1', { name: 'setState', state: 'offline' });
    t.engine.agentDisconnected('a1');
    t.login('a1');
    expect(t.state('a1')).toBe('idle');
    // A network blip (no logout) keeps the chosen state.
    t.ok('a1', { name: 'setState', state: 'break' });
    t.engine.agentDisconnected('a1');
    t.login('a1');
    expect(t.state('a1')).toBe('break');
  });

  it('applies a state requested during a call when the call and wrap-up are over', async () => {
    const t = setup();
    t.login('a1');
    const id = await t.call('13800000071');
    t.ok('a1', { name: 'answer', callId: id });
    t.ok('a1', { name: 'setState', state: 'break' });
    expect(t.agent('a1')).toMatchObject({ state: 'talking', nextState: 'break' });
    t.engine.callerHangup(id);
    expect(t.agent('a1')).toMatchObject({ state: 'wrap-up', nextState: 'break' });
    t.clock.advance(5000);
    expect(t.agent('a1')).toMatchObject({ state: 'break', nextState: null });
  });

  it('keeps a disconnected agent’s calls within the grace period, and requeues them after it', async () => {
    const t = setup();
    t.login('a1', 'a2');
    const id = await t.call('13800000081');
    const owner = t.ringingAgent(id)!;
    const other = owner === 'a1' ? 'a2' : 'a1';
    t.ok(owner, { name: 'answer', callId: id });
    t.engine.agentDisconnected(owner);
    const during = await t.call('13800000082');
    expect(t.ringingAgent(during)).toBe(other); // a disconnected agent is not offered calls
    t.clock.advance(9_000);
    t.engine.agentConnected(owner);
    expect(t.view(owner, id)).toMatchObject({ state: 'talking', role: 'owner' });
    expect(t.state(owner)).toBe('talking');

    t.engine.agentDisconnected(owner);
    t.ok(other, { name: 'answer', callId: during });
    t.ok(other, { name: 'hangup', callId: during });
    t.ok(other, { name: 'setState', state: 'idle' });
    t.clock.advance(10_000);
    expect(t.state(owner)).toBe('offline');
    expect(t.ringingAgent(id)).toBe(other); // the caller was not lost
    t.engine.agentConnected(owner);
    expect(t.state(owner)).toBe('idle'); // a new login starts idle
  });
});

describe('liveness', () => {
  it('offers no call to an agent whose connection is stale, and serves it again once it speaks', async () => {
    const t = setup();
    t.login('a1');
    t.clock.advance(1000);
    t.login('a2');
    t.engine.agentReachable('a1', false); // longest idle, but silent
    const c1 = await t.call('13800000061');
    expect(t.ringingAgent(c1)).toBe('a2');
    const c2 = await t.call('13800000062');
    expect(t.engine.callStatus(c2)!.phase).toBe('queued');
    t.engine.agentReachable('a1', true);
    expect(t.ringingAgent(c2)).toBe('a1');
  });

  it('does not count a ring as missed (no Busy) when the connection died during it', async () => {
    const t = setup({ reconnectGraceMs: 60_000 });
    t.login('a1');
    const id = await t.call('13800000063');
    expect(t.ringingAgent(id)).toBe('a1');
    t.engine.agentDisconnected('a1');
    t.clock.advance(20_000);
    expect(t.agent('a1')).toMatchObject({ chosenState: 'idle', reason: null });
    expect(t.events.some((e) => e.agentId === 'a1' && e.event.type === 'notice' && e.event.notice.code === 'missed')).toBe(false);
    expect(t.engine.callStatus(id)!.phase).toBe('queued');
    t.engine.agentConnected('a1'); // back within the grace period: idle, and the caller reaches it again
    expect(t.ringingAgent(id)).toBe('a1');
  });

  it('does not count a ring as missed when the connection went silent during it, even if it speaks again later', async () => {
    const t = setup();
    t.login('a1');
    t.clock.advance(10);
    t.login('a2');
    const id = await t.call('13800000064');
    expect(t.ringingAgent(id)).toBe('a1');
    t.engine.agentReachable('a1', false);
    t.clock.advance(5_000);
    t.engine.agentReachable('a1', true);
    t.clock.advance(15_000);
    expect(t.agent('a1')).toMatchObject({ chosenState: 'idle', reason: null });
    expect(t.ringingAgent(id)).toBe('a2'); // others first
    // A ring the agent could hear and let ring out still counts as missed.
    t.clock.advance(20_000);
    expect(t.agent('a2')).toMatchObject({ state: 'busy', reason: 'missed' });
  });
});

describe('roster', () => {
  it('takes new agents, group changes and disabled accounts from the directory without a restart', async () => {
    const t = setup();
    t.engine.setRoster([...AGENTS.filter((a) => a.id !== 'a2'), { id: 'a7', name: 'A7', skillGroups: ['sales'] }, { id: 'a1', name: 'A1', skillGroups: ['support'] }]);
    expect(t.engine.agentList().map((a) => a.id).sort()).toEqual(['a1', 'a3', 'a4', 'a5', 'a6', 'a7']);
    expect(t.engine.isActiveAgent('a2')).toBe(false); // no longer listed: kept for its calls, not routed
    t.login('a7', 'a2');
    const call = await t.call('13800000091', '1');
    expect(t.view('a7', call)?.state).toBe('ringing');
    t.ok('a7', { name: 'setState', state: 'break' }); // (a rejecting agent who stays idle gets the caller back)
    t.ok('a7', { name: 'reject', callId: call });
    expect(t.ringingAgent(call)).toBeNull(); // a2 is disabled, a1 moved to support
    t.engine.setRoster([...AGENTS, { id: 'a7', name: 'A7', skillGroups: ['sales'], disabled: true }]);
    expect(t.engine.isActiveAgent('a7')).toBe(false);
    expect(t.engine.rosterEntry('a1')).toEqual({ name: 'A1', skillGroups: ['sales'], disabled: false });
    // a2 is listed (enabled) again and still connected: the waiting caller reaches it.
    expect(t.ringingAgent(call)).toBe('a2');
  });
});

describe('emitted views', () => {
  it('stamps every change with a growing rev and gives a grant only to the agent handling the call', async () => {
    const t = setup();
    t.login('a1', 'a2');
    const id = await t.call('13800138000', '1');
    const owner = t.ringingAgent(id)!;
    const other = owner === 'a1' ? 'a2' : 'a1';
    t.ok(owner, { name: 'answer', callId: id });
    t.ok(owner, { name: 'consult', callId: id, target: { kind: 'agent', agentId: other } });
    const revs = t.events.filter((e) => e.event.type === 'call').map((e) => (e.event as Extract<CtiEvent, { type: 'call' }>).call.rev);
    for (let i = 1; i < revs.length; i++) expect(revs[i]!).toBeGreaterThanOrEqual(revs[i - 1]!);
    const toOther = t.events.filter((e) => e.agentId === other && e.event.type === 'call');
    expect(toOther.length).toBeGreaterThan(0);
    for (const e of toOther) expect((e.event as Extract<CtiEvent, { type: 'call' }>).call.grant).toBeNull();
  });
});
