import { setup } from './testing/engine-harness';

describe('routing', () => {
  it('offers a call only to an idle agent of its group, longest idle first', async () => {
    const t = setup();
    t.login('a1');
    t.clock.advance(1000);
    t.login('a2', 'a3');
    t.ok('a1', { name: 'setState', state: 'busy' });
    const c1 = await t.call('13800000001');
    // a1 is busy; a2 and a3 became idle at the same time → a2 (first in group order among equals) or a3, never a1.
    expect(['a2', 'a3']).toContain(t.ringingAgent(c1));
    expect(t.view('a1', c1)).toBeNull();

    const t2 = setup();
    t2.login('a2');
    t2.clock.advance(1000);
    t2.login('a1');
    const first = await t2.call('13800000002');
    expect(t2.ringingAgent(first)).toBe('a2'); // idle longest
    const second = await t2.call('13800000003');
    expect(t2.ringingAgent(second)).toBe('a1');
    const third = await t2.call('13800000004');
    expect(t2.ringingAgent(third)).toBeNull(); // nobody idle: queued
    expect(t2.engine.callStatus(third)).toMatchObject({ phase: 'queued', queuePosition: 1 });
  });

  it('rotates round robin in a round-robin group', async () => {
    const t = setup({ wrapUpMs: 0 });
    t.login('a4', 'a5', 'a3');
    const got: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await t.call(`1390000000${i}`, '2');
      const agent = t.ringingAgent(id)!;
      got.push(agent);
      t.ok(agent, { name: 'answer', callId: id });
      t.ok(agent, { name: 'hangup', callId: id });
    }
    // Group order is a3, a4, a5 (config order of agents); rotation visits each in turn.
    expect(got).toEqual(['a3', 'a4', 'a5', 'a3', 'a4', 'a5']);
  });

  it('moves an unanswered call on after the ring timeout and marks the agent missed', async () => {
    const t = setup();
    t.login('a1');
    t.clock.advance(10);
    t.login('a2');
    const id = await t.call('13800000005');
    expect(t.ringingAgent(id)).toBe('a1');
    expect(t.view('a1', id)!.ringDeadline).toBe(t.clock.now() + 20_000);
    t.clock.advance(20_000);
    expect(t.ringingAgent(id)).toBe('a2');
    expect(t.agent('a1')).toMatchObject({ state: 'busy', reason: 'missed' });
    expect(t.events.some((e) => e.agentId === 'a1' && e.event.type === 'notice' && e.event.notice.code === 'missed')).toBe(true);
    expect(t.events.some((e) => e.agentId === 'a1' && e.event.type === 'call' && e.event.call.state === 'ended' && e.event.call.endReason === 'missed')).toBe(true);
  });

  it('queues callers with positions and serves the longest waiting first when an agent frees up', async () => {
    const t = setup({ wrapUpMs: 0 });
    t.login('a1');
    const c1 = await t.call('13800000011');
    t.ok('a1', { name: 'answer', callId: c1 });
    const c2 = await t.call('13800000012');
    const c3 = await t.call('13800000013');
    expect(t.engine.callStatus(c2)!.queuePosition).toBe(1);
    expect(t.engine.callStatus(c3)!.queuePosition).toBe(2);
    expect(t.engine.groupList().find((g) => g.name === 'sales')!.queued).toBe(2);
    t.ok('a1', { name: 'hangup', callId: c1 });
    expect(t.ringingAgent(c2)).toBe('a1');
    expect(t.engine.callStatus(c3)!.queuePosition).toBe(1);
  });

  it('overflows to another group, then to voicemail or a callback request at the wait limit', async () => {
    const t = setup();
    const c1 = await t.call('13800000021', '1');
    t.clock.advance(60_000);
    expect(t.engine.callStatus(c1)).toMatchObject({ phase: 'queued', skillGroup: 'support' });
    t.clock.advance(30_000);
    expect(t.engine.callStatus(c1)).toMatchObject({ phase: 'ended', endReason: 'voicemail' });
    const rec = t.records.records.get(c1)!;
    expect(rec.transfers.map((x) => x.kind)).toEqual(['overflow']);
    expect(rec.agentId).toBeNull();

    const c2 = await t.call('13800000022', '9');
    t.clock.advance(10_000);
    expect(t.engine.callStatus(c2)).toMatchObject({ phase: 'ended', endReason: 'callback-requested' });

    // An overflowed call is routed in its new group.
    t.login('a4');
    const c3 = await t.call('13800000023', '1');
    t.clock.advance(60_000);
    expect(t.ringingAgent(c3)).toBe('a4');
  });

  it('tells the agent when the caller hangs up while it rings or while on hold', async () => {
    const t = setup();
    t.login('a1');
    const ringing = await t.call('13800000011');
    expect(t.ringingAgent(ringing)).toBe('a1');
    t.engine.callerHangup(ringing);
    const notices = () => t.events.filter((e) => e.agentId === 'a1' && e.event.type === 'notice').map((e) => (e.event as { notice: { code: string; callId: string | null } }).notice);
    expect(notices()).toContainEqual(expect.objectContaining({ code: 'caller-hangup-ringing', callId: ringing }));
    const held = await t.call('13800000012');
    t.ok('a1', { name: 'answer', callId: held });
    t.ok('a1', { name: 'hold', callId: held });
    t.engine.callerHangup(held);
    expect(notices()).toContainEqual(expect.objectContaining({ code: 'caller-hangup-held', callId: held }));
  });

  it('overflows at the limit a caller who rang and was missed (the wait clock keeps running)', async () => {
    const t = setup();
    t.login('a1');
    const id = await t.call('13800000024', '1'); // sales: 60 s, then support
    expect(t.ringingAgent(id)).toBe('a1');
    t.clock.advance(20_000); // missed: a1 is busy, the caller waits again
    expect(t.engine.callStatus(id)).toMatchObject({ phase: 'queued', skillGroup: 'sales' });
    t.clock.advance(39_999);
    expect(t.engine.callStatus(id)).toMatchObject({ phase: 'queued', skillGroup: 'sales' });
    t.clock.advance(1);
    expect(t.engine.callStatus(id)).toMatchObject({ phase: 'queued', skillGroup: 'support' });
    t.clock.advance(30_000);
    expect(t.engine.callStatus(id)).toMatchObject({ phase: 'ended', endReason: 'voicemail' });
  });

  it('overflows at once a caller whose ring outlasted the remaining wait', async () => {
    const t = setup();
    t.login('a6');
    const id = await t.call('13800000025', '9'); // vip: 10 s, then callback
    t.clock.advance(5_000);
    const late = await t.call('13800000026', '9');
    t.clock.advance(15_000); // the first ring is missed 20 s in: beyond the 10 s limit
    expect(t.engine.callStatus(id)).toMatchObject({ phase: 'ended', endReason: 'callback-requested' });
    expect(t.engine.callStatus(late)).toMatchObject({ phase: 'ended', endReason: 'callback-requested' });
  });

  it('offers a rejected caller to the same agent again when nobody else is free, before later callers', async () => {
    const t = setup();
    t.login('a1');
    const first = await t.call('13800000027');
    t.ok('a1', { name: 'reject', callId: first });
    expect(t.ringingAgent(first)).toBe('a1');
    const later = await t.call('13800000028');
    expect(t.engine.callStatus(later)).toMatchObject({ phase: 'queued', queuePosition: 1 });
    t.login('a2');
    // The next free agent takes the later caller only after the first one is served.
    expect(t.ringingAgent(later)).toBe('a2');
    t.ok('a1', { name: 'answer', callId: first });
    expect(t.engine.callStatus(first)!.phase).toBe('connected');
  });

  it('serves a missed caller before later callers once an agent is free, and to the agent who missed it when alone', async () => {
    const t = setup();
    t.login('a1');
    const first = await t.call('13800000029');
    t.clock.advance(20_000); // missed: a1 busy
    const later = await t.call('13800000030');
    expect(t.engine.queueOf('sales').map((q) => q.callId)).toEqual([first, later]);
    t.ok('a1', { name: 'setState', state: 'idle' });
    expect(t.ringingAgent(first)).toBe('a1');
    expect(t.engine.callStatus(later)).toMatchObject({ phase: 'queued', queuePosition: 1 });
  });

  it('keeps returning callers first-come among themselves', async () => {
    const t = setup();
    t.login('a1', 'a2');
    const c1 = await t.call('13800000032');
    const c2 = await t.call('13800000033');
    const ringing1 = t.ringingAgent(c1)!;
    const ringing2 = t.ringingAgent(c2)!;
    const c3 = await t.call('13800000034');
    // c2's agent lets it go first, then c1's: c1 came first and stays ahead of c2; both ahead of c3.
    t.ok(ringing2, { name: 'setState', state: 'break' });
    t.ok(ringing1, { name: 'setState', state: 'break' });
    t.ok(ringing2, { name: 'reject', callId: c2 });
    t.ok(ringing1, { name: 'reject', callId: c1 });
    expect(t.engine.queueOf('sales').map((q) => q.callId)).toEqual([c1, c2, c3]);
  });

  it('records abandoned calls when the caller hangs up in the queue', async () => {
    const t = setup();
    const id = await t.call('13800000031');
    expect(t.engine.callerHangup(id)).toBe(true);
    expect(t.records.records.get(id)).toMatchObject({ endReason: 'abandoned', agentId: null, connectedAt: null });
    expect(t.engine.groupList().find((g) => g.name === 'sales')!.queued).toBe(0);
  });
});
