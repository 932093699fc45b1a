// The routing rules in the engine (issue 13 point 1): each strategy, caller priority, business hours and
// holidays, capacity, overflow, callback tasks, sticky agent, ring and wrap-up times — applied to the next
// routing decision without a restart, and kept by the journal.
import type { GroupRules } from '@octopus/contracts';
import { MemoryStateStore } from './journal';
import { MemoryDirectory } from './ports';
import { AGENTS, GROUPS, setup, USERS, type Harness } from './testing/engine-harness';
import { testEngine } from './testing/engine-harness';

/** The harness with customers of known membership levels (u1 gold, u2 normal, u3 platinum). */
function withLevels(options: Parameters<typeof setup>[0] = {}) {
  return setup({
    directory: new MemoryDirectory([
      { ...USERS[0]!, level: 'gold' },
      { ...USERS[1]!, level: 'normal' },
      { userId: 'u3', name: 'Wang Wu', phone: '13700000003', idNumber: '110101197001011111', level: 'platinum' },
    ]),
    ...options,
  });
}

/** Changes one group's rules (must be accepted) and returns the new version number. */
function change(t: Harness, group: string, patch: Partial<GroupRules>, by = 'sup1'): number {
  const current = t.engine.rules().current.groups[group]!;
  const outcome = t.engine.updateGroupRules(group, { ...current, ...patch }, by);
  if (!outcome.ok) throw new Error(`rules refused: ${outcome.message}`);
  return outcome.current.version;
}

const endReason = (t: Harness, callId: string) => t.engine.callStatus(callId)?.endReason ?? null;

describe('routing rules in the engine', () => {
  it('seeds version 1 from the configured groups and the engine’s ring and wrap-up times', () => {
    const t = setup();
    const { current, history } = t.engine.rules();
    expect(current.version).toBe(1);
    expect(history).toEqual([current]);
    expect(current.groups.sales).toEqual({
      strategy: 'longest-idle',
      agentLevels: {},
      priorityByLevel: {},
      maxWaitMs: 60_000,
      onMaxWait: { kind: 'overflow', group: 'support' },
      capacity: null,
      onFull: null,
      ringTimeoutMs: 20_000,
      wrapUpMs: 5_000,
      businessHours: null,
      sticky: null,
    });
    expect(current.groups.vip!.onMaxWait).toEqual({ kind: 'callback' });
  });

  it('skill-level: offers the highest level first, longest idle among equals; unlisted agents are level 1', async () => {
    const t = setup({ wrapUpMs: 0 });
    t.login('a3');
    t.clock.advance(1000);
    t.login('a2');
    t.clock.advance(1000);
    t.login('a1');
    change(t, 'sales', { strategy: 'skill-level', agentLevels: { a1: 5, a2: 5 } });
    const first = await t.call('13800000001');
    // a1 and a2 share the highest level: a2 has been idle longer.
    expect(t.ringingAgent(first)).toBe('a2');
    const second = await t.call('13800000002');
    expect(t.ringingAgent(second)).toBe('a1');
    const third = await t.call('13800000003');
    expect(t.ringingAgent(third)).toBe('a3');
    expect(t.engine.groupList().find((g) => g.name === 'sales')?.routing).toBe('skill-level');
  });

  it('switches a group to round robin live: the next calls rotate, without a restart', async () => {
    const t = setup({ wrapUpMs: 0 });
    t.login('a1', 'a2', 'a3');
    const served = async () => {
      const id = await t.call(`1390000${String(Math.floor(t.clock.now() % 10_000)).padStart(4, '0')}`);
      const agent = t.ringingAgent(id)!;
      t.ok(agent, { name: 'answer', callId: id });
      t.ok(agent, { name: 'hangup', callId: id });
      t.clock.advance(10);
      return agent;
    };
    // Longest idle: whoever just hung up goes to the back anyway; a1 is first idle in group order.
    expect(await served()).toBe('a1');
    change(t, 'sales', { strategy: 'round-robin' });
    const got = [await served(), await served(), await served(), await served()];
    expect(got).toEqual(['a1', 'a2', 'a3', 'a1']);
  });

  it('priority: callers of a higher customer level are served first, first come first served within a level', async () => {
    const t = withLevels();
    change(t, 'sales', { priorityByLevel: { gold: 3, platinum: 5 } });
    const normal = await t.call('13912345678');
    const unknown = await t.call('13600000000');
    const gold = await t.call('13800138000');
    const platinum = await t.call('13700000003');
    expect(t.engine.queueOf('sales').map((q) => q.callId)).toEqual([platinum, gold, normal, unknown]);
    expect(t.engine.queueOf('sales').map((q) => q.priority)).toEqual([10, 6, 0, 0]);
    t.login('a1');
    expect(t.ringingAgent(platinum)).toBe('a1');
    // A change of the priority table re-orders the callers already waiting.
    change(t, 'sales', { priorityByLevel: { normal: 9 } });
    // (gold is back to 0 and arrived after the unknown caller.)
    expect(t.engine.queueOf('sales').map((q) => q.callId)).toEqual([normal, unknown, gold]);
  });

  it('business hours: outside them the out-of-hours action applies; a holiday is closed all day', async () => {
    // The harness clock starts at 2023-11-14 22:13:20 UTC, a Tuesday.
    const t = setup();
    const closed = { kind: 'closed' as const, message: { 'zh-CN': '已下班', 'en-US': 'We are closed' } };
    change(t, 'sales', { businessHours: { timeZone: 'UTC', weekly: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }], holidays: [], outOfHours: closed } });
    const played: Array<{ callId: string; announcement: unknown }> = [];
    t.engine.setCallObserver((view) => view.endReason === 'closed' && played.push({ callId: view.callId, announcement: view.announcement }));
    const late = await t.call('13800000011');
    expect(t.engine.callStatus(late)).toMatchObject({ phase: 'ended', endReason: 'closed' });
    // The network is told what to play before it hangs up.
    expect(played).toEqual([{ callId: late, announcement: closed.message }]);
    // In Shanghai it is Wednesday 06:13: still closed; open from 06:00 there.
    change(t, 'sales', { businessHours: { timeZone: 'Asia/Shanghai', weekly: [{ days: [3], open: '06:00', close: '12:00' }], holidays: [], outOfHours: closed } });
    const open = await t.call('13800000012');
    expect(t.engine.callStatus(open)).toMatchObject({ phase: 'queued', skillGroup: 'sales' });
    // The same hours on a holiday: closed, and the caller overflows to support instead.
    change(t, 'sales', {
      businessHours: { timeZone: 'Asia/Shanghai', weekly: [{ days: [3], open: '06:00', close: '12:00' }], holidays: [{ date: '2023-11-15', name: 'holiday' }], outOfHours: { kind: 'overflow', group: 'support' } },
    });
    const holiday = await t.call('13800000013');
    expect(t.engine.callStatus(holiday)).toMatchObject({ phase: 'queued', skillGroup: 'support' });
    // Callers already waiting stay when the group closes.
    expect(t.engine.callStatus(open)).toMatchObject({ phase: 'queued', skillGroup: 'sales' });
  });

  it('capacity: a new caller finding the queue full overflows, or hears the closed message', async () => {
    const t = setup();
    change(t, 'sales', { capacity: 2, onFull: { kind: 'overflow', group: 'support' } });
    const c1 = await t.call('13800000021');
    const c2 = await t.call('13800000022');
    const c3 = await t.call('13800000023');
    expect([c1, c2].map((id) => t.engine.callStatus(id)?.skillGroup)).toEqual(['sales', 'sales']);
    expect(t.engine.callStatus(c3)).toMatchObject({ phase: 'queued', skillGroup: 'support' });
    change(t, 'sales', { capacity: 2, onFull: { kind: 'closed', message: { 'zh-CN': '满', 'en-US': 'Full' } } });
    const c4 = await t.call('13800000024');
    expect(endReason(t, c4)).toBe('closed');
    // A freed place takes the next caller.
    t.engine.callerHangup(c1);
    const c5 = await t.call('13800000025');
    expect(t.engine.callStatus(c5)).toMatchObject({ phase: 'queued', skillGroup: 'sales' });
  });

  it('overflow: a shorter wait limit applies live to the callers already waiting, from when they began waiting', async () => {
    const t = setup();
    const waiting = await t.call('13800000031');
    t.clock.advance(3000);
    change(t, 'sales', { maxWaitMs: 5000, onMaxWait: { kind: 'overflow', group: 'support' } });
    t.clock.advance(1999);
    expect(t.engine.callStatus(waiting)?.skillGroup).toBe('sales');
    t.clock.advance(1);
    expect(t.engine.callStatus(waiting)).toMatchObject({ phase: 'queued', skillGroup: 'support' });
    // A limit already passed sends the caller on at once.
    const other = await t.call('13800000032');
    t.clock.advance(4000);
    change(t, 'sales', { maxWaitMs: 1000, onMaxWait: { kind: 'voicemail' } });
    expect(endReason(t, other)).toBe('voicemail');
    // No limit: waits forever.
    change(t, 'sales', { maxWaitMs: null, onMaxWait: null });
    const patient = await t.call('13800000033');
    t.clock.advance(3_600_000);
    expect(t.engine.callStatus(patient)?.phase).toBe('queued');
  });

  it('callback: the caller’s wait ends in a callback task, dialled as an outbound call for the group’s next free agent', async () => {
    const t = setup();
    const id = await t.call('13800138000', '9'); // vip: 10 s, then callback
    t.clock.advance(10_000);
    expect(endReason(t, id)).toBe('callback-requested');
    const [task] = t.engine.queueOf('vip');
    expect(task).toBeDefined();
    // Waits for an agent however long it takes (no wait limit on a callback task).
    t.clock.advance(600_000);
    expect(t.engine.callStatus(task!.callId)).toMatchObject({ phase: 'queued', skillGroup: 'vip' });
    t.login('a6');
    const view = t.view('a6', task!.callId)!;
    expect(view).toMatchObject({ direction: 'outbound', state: 'ringing', role: 'owner' });
    expect(view.customer.phone).toBe('13800138000');
    expect(t.network.dialed).toContain(task!.callId);
    expect(t.engine.calleeAnswered(task!.callId)).toBe(true);
    expect(t.view('a6', task!.callId)?.state).toBe('talking');
  });

  it('callback as the out-of-hours action queues a task too; an unanswered callback ends no-answer', async () => {
    const t = setup({ outboundTimeoutMs: 30_000 });
    change(t, 'sales', { businessHours: { timeZone: 'UTC', weekly: [], holidays: [], outOfHours: { kind: 'callback' } } });
    const id = await t.call('13800000041');
    expect(endReason(t, id)).toBe('callback-requested');
    const task = t.engine.queueOf('sales')[0]!.callId;
    t.login('a1');
    expect(t.ringingAgent(task)).toBe('a1');
    t.clock.advance(30_000);
    expect(endReason(t, task)).toBe('no-answer');
  });

  it('sticky agent: a returning caller waits up to waitMs for the agent who served it, others are served meanwhile', async () => {
    const t = setup();
    change(t, 'sales', { sticky: { withinDays: 2, waitMs: 10_000 } });
    t.login('a1');
    t.clock.advance(100);
    t.login('a2');
    const first = await t.call('13800000051');
    expect(t.ringingAgent(first)).toBe('a1');
    t.ok('a1', { name: 'answer', callId: first });
    t.ok('a1', { name: 'hangup', callId: first }); // a1 in wrap-up for 5 s
    t.clock.advance(1000);
    const again = await t.call('13800000051');
    expect(t.engine.callStatus(again)?.phase).toBe('queued'); // a2 is idle, but the caller waits for a1
    const stranger = await t.call('13800000052');
    expect(t.ringingAgent(stranger)).toBe('a2'); // the caller behind is served meanwhile
    t.clock.advance(4000); // a1's wrap-up ends
    expect(t.ringingAgent(again)).toBe('a1');
  });

  it('sticky agent: after waitMs the caller goes to anyone; past withinDays the agent is not remembered', async () => {
    const t = setup({ wrapUpMs: 0 });
    change(t, 'sales', { sticky: { withinDays: 1, waitMs: 3000 } });
    t.login('a1', 'a2');
    const first = await t.call('13800000061');
    const agent = t.ringingAgent(first)!;
    const other = agent === 'a1' ? 'a2' : 'a1';
    t.ok(agent, { name: 'answer', callId: first });
    t.ok(agent, { name: 'hangup', callId: first });
    t.ok(agent, { name: 'setState', state: 'busy' });
    const again = await t.call('13800000061');
    expect(t.engine.callStatus(again)?.phase).toBe('queued');
    t.clock.advance(3000);
    expect(t.ringingAgent(again)).toBe(other);
    t.ok(other, { name: 'answer', callId: again });
    t.ok(other, { name: 'hangup', callId: again });
    // Two days later the last agent (now `other`) is forgotten: no waiting for it.
    t.clock.advance(2 * 86_400_000);
    t.ok(other, { name: 'setState', state: 'busy' });
    t.ok(agent, { name: 'setState', state: 'idle' });
    const later = await t.call('13800000061');
    expect(t.ringingAgent(later)).toBe(agent);
  });

  it('ring timeout and wrap-up time per group apply to the next offer and the next after-call work', async () => {
    const t = setup();
    change(t, 'sales', { ringTimeoutMs: 8000, wrapUpMs: 30_000 });
    t.login('a1');
    const id = await t.call('13800000071');
    expect(t.view('a1', id)!.ringDeadline).toBe(t.clock.now() + 8000);
    t.ok('a1', { name: 'answer', callId: id });
    t.ok('a1', { name: 'hangup', callId: id });
    expect(t.agent('a1')).toMatchObject({ state: 'wrap-up', wrapUpDeadline: t.clock.now() + 30_000 });
    t.clock.advance(29_999);
    expect(t.state('a1')).toBe('wrap-up');
    t.clock.advance(1);
    expect(t.state('a1')).toBe('idle');
    // A wrap-up of 0: none.
    change(t, 'sales', { wrapUpMs: 0 });
    const next = await t.call('13800000072');
    t.ok('a1', { name: 'answer', callId: next });
    t.ok('a1', { name: 'hangup', callId: next });
    expect(t.state('a1')).toBe('idle');
  });

  it('versions every change and rolls back; refuses unknown groups, versions and overflow targets without changing anything', () => {
    const t = setup();
    const v2 = change(t, 'sales', { strategy: 'round-robin' });
    const v3 = change(t, 'support', { capacity: 3, onFull: { kind: 'voicemail' } });
    expect([v2, v3]).toEqual([2, 3]);
    const rolled = t.engine.rollbackRules(1, 'admin1');
    expect(rolled).toMatchObject({ ok: true, current: { version: 4, by: 'admin1', change: { action: 'rollback', toVersion: 1 } } });
    expect(t.engine.rules().current.groups).toEqual(t.engine.rules().history.find((v) => v.version === 1)!.groups);
    expect(t.engine.rules().history.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    const digest = t.engine.digest();
    const current = t.engine.rules().current.groups.sales!;
    expect(t.engine.updateGroupRules('nowhere', current, 'x')).toMatchObject({ ok: false, status: 404 });
    expect(t.engine.rollbackRules(99, 'x')).toMatchObject({ ok: false, status: 404 });
    expect(t.engine.updateGroupRules('sales', { ...current, onMaxWait: { kind: 'overflow', group: 'nowhere' } }, 'x')).toMatchObject({ ok: false, status: 400, field: 'onMaxWait.group' });
    expect(t.engine.rules().current.version).toBe(4);
    expect(t.engine.digest()).toBe(digest);
  });

  it('keeps the rules across a restart (the journal), and a restored caller waits under them', async () => {
    const store = new MemoryStateStore();
    const t = setup({ store });
    change(t, 'sales', { strategy: 'skill-level', agentLevels: { a2: 9 }, maxWaitMs: 20_000, onMaxWait: { kind: 'voicemail' } });
    const waiting = await t.call('13800000081');
    t.clock.advance(5000);
    const again = testEngine({ agents: AGENTS, groups: GROUPS, clock: t.clock, store, directory: new MemoryDirectory(USERS) });
    const rules = again.engine.rules();
    expect(rules.current).toMatchObject({ version: 2, by: 'sup1', change: { action: 'update', group: 'sales' } });
    expect(rules.current.groups.sales).toMatchObject({ strategy: 'skill-level', agentLevels: { a2: 9 }, maxWaitMs: 20_000 });
    expect(rules.history.map((v) => v.version)).toEqual([2, 1]);
    t.clock.advance(14_999);
    expect(again.engine.callStatus(waiting)?.phase).toBe('queued');
    t.clock.advance(1);
    expect(again.engine.callStatus(waiting)?.endReason).toBe('voicemail');
  });
});
