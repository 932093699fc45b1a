import { signToken, verifyTokenOfKind, type VerificationClaims } from '@octopus/auth';
import { internalAuditEventSchema, type CtiCommand, type CtiEvent } from '@octopus/contracts';
import { ManualClock } from './clock';
import type { AgentAccount, GroupConfig } from './config';
import { CtiEngine, type EngineOptions } from './engine';
import { MemoryAuditSink, MemoryDirectory, MemoryGrantEndSink, MemoryRecordSink, type CallerNetwork } from './ports';

const SECRET = 'test-secret';
const AGENTS: AgentAccount[] = [
  { id: 'a1', name: 'A1', skillGroups: ['sales'] },
  { id: 'a2', name: 'A2', skillGroups: ['sales'] },
  { id: 'a3', name: 'A3', skillGroups: ['sales', 'support'] },
  { id: 'a4', name: 'A4', skillGroups: ['support'] },
  { id: 'a5', name: 'A5', skillGroups: ['support'] },
  { id: 'a6', name: 'A6', skillGroups: ['vip'] },
];
const GROUPS: GroupConfig[] = [
  { name: 'sales', label: 'Sales', callerId: '4000000001', routing: 'longest-idle', maxWaitMs: 60_000, overflow: { kind: 'group', group: 'support' } },
  { name: 'support', label: 'Support', callerId: '4000000002', routing: 'round-robin', maxWaitMs: 30_000, overflow: { kind: 'voicemail' } },
  { name: 'vip', label: 'VIP', callerId: '4000000003', routing: 'longest-idle', maxWaitMs: 10_000, overflow: { kind: 'callback' } },
];
const USERS = [
  { userId: 'u1', name: 'Zhang San', phone: '13800138000', idNumber: '110101199001011234' },
  { userId: 'u2', name: 'Li Si', phone: '13912345678', idNumber: '11010119850505567X' },
];

const settle = () => new Promise<void>((r) => setImmediate(r));

function setup(options: Partial<EngineOptions> = {}) {
  const clock = new ManualClock();
  const records = new MemoryRecordSink();
  const grantsEnded = new MemoryGrantEndSink();
  const audit = new MemoryAuditSink();
  const events: Array<{ agentId: string; event: CtiEvent }> = [];
  const network = { dialed: [] as string[], surveys: [] as string[], invites: [] as string[], ended: [] as string[] };
  const net: CallerNetwork = {
    dialOut: (id) => network.dialed.push(id),
    surveyStarted: (id) => network.surveys.push(id),
    ratingInvited: (id) => network.invites.push(id),
    callEnded: (id) => network.ended.push(id),
  };
  const engine = new CtiEngine({
    agents: AGENTS,
    groups: GROUPS,
    tokenSecret: SECRET,
    clock,
    ringTimeoutMs: 20_000,
    wrapUpMs: 5_000,
    reconnectGraceMs: 10_000,
    directory: new MemoryDirectory(USERS),
    records,
    grantsEnded,
    audit,
    network: net,
    ivrMenu: { '1': 'sales', '2': 'support', '9': 'vip' },
    ...options,
  });
  engine.setOutput({ toAgent: (agentId, event) => events.push({ agentId, event }) });
  const ok = (agentId: string, command: CtiCommand) => {
    const outcome = engine.command(agentId, command);
    if (!outcome.ok) throw new Error(`${command.name} rejected: ${outcome.reason} ${outcome.message}`);
    return outcome.result;
  };
  const fails = (agentId: string, command: CtiCommand) => {
    const outcome = engine.command(agentId, command);
    if (outcome.ok) throw new Error(`${command.name} was accepted`);
    return outcome.reason;
  };
  return {
    clock,
    engine,
    records,
    grantsEnded,
    audit,
    events,
    network,
    ok,
    fails,
    login: (...ids: string[]) => ids.forEach((id) => engine.agentConnected(id)),
    call: async (from: string, keys = '1', extra: { verify?: string; idSuffix?: string; skillGroup?: string } = {}) => {
      const id = engine.inboundCall({ from, keys, ...extra });
      await settle();
      return id;
    },
    view: (agentId: string, callId: string) => engine.snapshotFor(agentId).calls.find((c) => c.id === callId) ?? null,
    state: (agentId: string) => engine.snapshotFor(agentId).agent.state,
    agent: (agentId: string) => engine.snapshotFor(agentId).agent,
    ringingAgent: (callId: string) => AGENTS.map((a) => a.id).find((id) => engine.snapshotFor(id).calls.some((c) => c.id === callId && c.state === 'ringing')) ?? null,
  };
}

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

describe('IVR', () => {
  it('records the key track and verifies by registered phone, with a verified grant for the ringing agent', async () => {
    const t = setup();
    t.login('a1');
    const id = await t.call('13800138000', '1', { verify: '13800138000' });
    const view = t.view('a1', id)!;
    expect(view.keyTrack).toBe('1#***********#');
    expect(view.customer).toMatchObject({ userId: 'u1', name: 'Zhang San', verification: { status: 'verified', method: 'ivr-phone' } });
    expect(view.province).toBe('北京');
    expect(view.city).toBe('北京');
    const grant = verifyTokenOfKind(view.grant!, 'grant', { secret: SECRET });
    expect(grant).toMatchObject({ callId: id, agentId: 'a1', userId: 'u1', level: 'verified', callerNumber: '13800138000' });
  });

  it('verifies by ID suffix, reports failures, and skips with an unverified grant when the number is known', async () => {
    const t = setup();
    t.login('a1', 'a2', 'a3');
    const bySuffix = await t.call('13912345678', '1', { verify: '567X' });
    expect(t.view(t.ringingAgent(bySuffix)!, bySuffix)!.customer.verification).toEqual({ status: 'verified', method: 'ivr-id-suffix' });
    const failed = await t.call('13912345678', '1', { verify: '0000' });
    const fv = t.view(t.ringingAgent(failed)!, failed)!;
    expect(fv.customer.verification).toEqual({ status: 'failed', method: 'ivr-id-suffix' });
    expect(verifyTokenOfKind(fv.grant!, 'grant', { secret: SECRET }).level).toBe('unverified');
    const skipped = await t.call('13800138000', '1');
    const sv = t.view(t.ringingAgent(skipped)!, skipped)!;
    expect(sv.customer).toMatchObject({ userId: 'u1', verification: { status: 'skipped', method: null } });
    expect(verifyTokenOfKind(sv.grant!, 'grant', { secret: SECRET }).level).toBe('unverified');
  });

  it('treats an unreachable api as unverified and still queues the caller', async () => {
    const t = setup({
      directory: {
        userByPhone: () => Promise.reject(new Error('down')),
        userById: () => Promise.reject(new Error('down')),
        verify: () => Promise.reject(new Error('down')),
      },
    });
    t.login('a1');
    const id = await t.call('13800138000', '1', { verify: '13800138000' });
    expect(t.view('a1', id)!.customer).toMatchObject({ userId: null, verification: { status: 'unverified', method: null } });
    expect(t.view('a1', id)!.grant).toBeNull();
  });

  it('only identifies a caller who keys another account’s phone; verifies when that account’s ID suffix follows', async () => {
    const t = setup({ wrapUpMs: 0 });
    t.login('a1', 'a2', 'a3');
    // From 13700000000 (nobody's number), the caller keys u1's registered phone 13800138000.
    const keyedOnly = await t.call('13700000000', '1', { verify: '13800138000' });
    const kv = t.view(t.ringingAgent(keyedOnly)!, keyedOnly)!;
    expect(kv.customer).toMatchObject({ userId: 'u1', verification: { status: 'unverified', method: 'ivr-phone' } });
    expect(verifyTokenOfKind(kv.grant!, 'grant', { secret: SECRET }).level).toBe('unverified');

    const wrongSuffix = await t.call('13700000001', '1', { verify: '13800138000', idSuffix: '9999' });
    const wv = t.view(t.ringingAgent(wrongSuffix)!, wrongSuffix)!;
    expect(wv.customer).toMatchObject({ userId: 'u1', verification: { status: 'failed', method: 'ivr-id-suffix' } });
    expect(verifyTokenOfKind(wv.grant!, 'grant', { secret: SECRET }).level).toBe('unverified');

    const proven = await t.call('13700000002', '1', { verify: '13800138000', idSuffix: '1234' });
    const pv = t.view(t.ringingAgent(proven)!, proven)!;
    expect(pv.customer).toMatchObject({ userId: 'u1', name: 'Zhang San', verification: { status: 'verified', method: 'ivr-id-suffix' } });
    expect(verifyTokenOfKind(pv.grant!, 'grant', { secret: SECRET }).level).toBe('verified');
    // The second entry is masked in the key track like the first.
    expect(pv.keyTrack).toBe('1#***********#****#');
    // Another account's ID suffix (the caller's own, u2's) does not verify u1.
    const t2 = setup();
    t2.login('a1');
    const otherSuffix = await t2.call('13912345678', '1', { verify: '13800138000', idSuffix: '567X' });
    expect(t2.view('a1', otherSuffix)!.customer).toMatchObject({ userId: 'u1', verification: { status: 'failed' } });
  });

  it('finds the identified account by the keyed phone when the api does not name it', async () => {
    const memory = new MemoryDirectory(USERS);
    const t = setup({
      directory: {
        userByPhone: (phone) => memory.userByPhone(phone),
        userById: (id) => memory.userById(id),
        verify: async (from, input, userId) => {
          const answer = await memory.verify(from, input, userId);
          return answer.level === 'identified' ? { ...answer, userId: null } : answer;
        },
      },
    });
    t.login('a1');
    const id = await t.call('13700000000', '1', { verify: '13912345678', idSuffix: '567X' });
    expect(t.view('a1', id)!.customer).toMatchObject({ userId: 'u2', verification: { status: 'verified', method: 'ivr-id-suffix' } });
  });

  it('routes by the IVR menu key unless a skill group is given', async () => {
    const t = setup();
    const a = await t.call('13800000041', '2');
    const b = await t.call('13800000042', '2', { skillGroup: 'vip' });
    expect(t.engine.callStatus(a)!.skillGroup).toBe('support');
    expect(t.engine.callStatus(b)!.skillGroup).toBe('vip');
  });
});

describe('call control', () => {
  async function talking(t: ReturnType<typeof setup>, agentId = 'a1', from = '13800138000') {
    const id = await t.call(from, '1');
    expect(t.ringingAgent(id)).toBe(agentId);
    t.ok(agentId, { name: 'answer', callId: id });
    return id;
  }

  it('tells when the caller was put on hold (the phone bar’s hold timer), and forgets it on resume', async () => {
    const t = setup();
    t.login('a1');
    const id = await talking(t);
    expect(t.view('a1', id)!.heldSince).toBeNull();
    t.clock.advance(1500);
    const at = t.clock.now();
    t.ok('a1', { name: 'hold', callId: id });
    expect(t.view('a1', id)).toMatchObject({ state: 'held', held: true, heldSince: at });
    t.clock.advance(4000);
    expect(t.view('a1', id)!.heldSince).toBe(at);
    t.ok('a1', { name: 'resume', callId: id });
    expect(t.view('a1', id)).toMatchObject({ held: false, heldSince: null });
  });

  it('answers, holds, resumes, mutes, sends DTMF and hangs up, each acked or rejected with a reason', async () => {
    const t = setup();
    t.login('a1');
    const id = await talking(t);
    expect(t.view('a1', id)!.state).toBe('talking');
    expect(t.state('a1')).toBe('talking');
    t.ok('a1', { name: 'hold', callId: id });
    expect(t.view('a1', id)).toMatchObject({ state: 'held', held: true });
    expect(t.fails('a1', { name: 'hold', callId: id })).toBe('invalid-state');
    t.ok('a1', { name: 'resume', callId: id });
    t.ok('a1', { name: 'mute', callId: id });
    expect(t.view('a1', id)!.muted).toBe(true);
    t.ok('a1', { name: 'unmute', callId: id });
    t.ok('a1', { name: 'dtmf', callId: id, digits: '12#' });
    expect(t.view('a1', id)!.dtmfSent).toBe('12#');
    expect(t.fails('a2', { name: 'hangup', callId: id })).toBe('not-your-call');
    expect(t.fails('a1', { name: 'answer', callId: id })).toBe('invalid-state');
    expect(t.fails('a1', { name: 'hangup', callId: 'nope' })).toBe('not-found');
    t.ok('a1', { name: 'hangup', callId: id });
    expect(t.view('a1', id)).toMatchObject({ state: 'wrap-up', endReason: 'agent-hangup' });
    expect(t.records.records.get(id)).toMatchObject({ agentId: 'a1', endReason: 'agent-hangup', direction: 'inbound', verificationStatus: 'skipped' });
  });

  it('reject sends the call to the next agent; once everyone free declined it, the one who declined first gets it again', async () => {
    const t = setup();
    t.login('a1');
    t.clock.advance(5);
    t.login('a2');
    const id = await t.call('13800000051');
    t.ok('a1', { name: 'reject', callId: id });
    expect(t.ringingAgent(id)).toBe('a2');
    expect(t.state('a1')).toBe('idle');
    t.ok('a2', { name: 'reject', callId: id });
    // Both declined it and both are free: it is not left waiting while agents are idle.
    expect(t.ringingAgent(id)).toBe('a1');
    expect(t.state('a2')).toBe('idle');
  });

  it('transfers to an agent: the target rings, the transferrer can cancel, and leaves when the target answers', async () => {
    const t = setup();
    t.login('a1');
    t.clock.advance(5);
    t.login('a2');
    const id = await talking(t);
    t.ok('a1', { name: 'transfer', callId: id, target: { kind: 'agent', agentId: 'a2' } });
    expect(t.view('a1', id)).toMatchObject({ state: 'transferring', transfer: { agentId: 'a2' } });
    expect(t.view('a2', id)).toMatchObject({ state: 'ringing', role: 'transfer-target', fromAgentId: 'a1' });
    t.ok('a1', { name: 'cancelTransfer', callId: id });
    expect(t.view('a2', id)).toBeNull();
    expect(t.view('a1', id)!.state).toBe('talking');
    expect(t.state('a2')).toBe('idle');

    t.ok('a1', { name: 'transfer', callId: id, target: { kind: 'agent', agentId: 'a2' } });
    t.ok('a2', { name: 'answer', callId: id });
    expect(t.view('a1', id)).toMatchObject({ state: 'wrap-up', endReason: 'transferred' });
    const v2 = t.view('a2', id)!;
    expect(v2).toMatchObject({ state: 'talking', role: 'owner' });
    expect(verifyTokenOfKind(v2.grant!, 'grant', { secret: SECRET })).toMatchObject({ agentId: 'a2', callId: id, userId: 'u1' });
    t.ok('a2', { name: 'hangup', callId: id });
    expect(t.records.records.get(id)).toMatchObject({ agentId: 'a2', transfers: [{ from: 'a1', to: 'a2', kind: 'agent' }] });
  });

  it('rejects a transfer to an agent who is not idle, and reports a transfer that rings out', async () => {
    const t = setup();
    t.login('a1', 'a2');
    const id = await talking(t);
    t.ok('a2', { name: 'setState', state: 'break' });
    expect(t.fails('a1', { name: 'transfer', callId: id, target: { kind: 'agent', agentId: 'a2' } })).toBe('agent-unavailable');
    t.ok('a2', { name: 'setState', state: 'idle' });
    t.ok('a1', { name: 'transfer', callId: id, target: { kind: 'agent', agentId: 'a2' } });
    t.clock.advance(20_000);
    expect(t.view('a1', id)).toMatchObject({ state: 'talking', transfer: null });
    expect(t.events.some((e) => e.agentId === 'a1' && e.event.type === 'notice' && e.event.notice.code === 'transfer-failed')).toBe(true);
  });

  it('transfers to a group: the agent leaves at once and the group routes to an idle agent', async () => {
    const t = setup();
    t.login('a1', 'a4');
    const id = await talking(t);
    t.ok('a1', { name: 'transfer', callId: id, target: { kind: 'group', group: 'support' } });
    expect(t.view('a1', id)!.state).toBe('wrap-up');
    expect(t.ringingAgent(id)).toBe('a4');
    t.ok('a4', { name: 'answer', callId: id });
    expect(verifyTokenOfKind(t.view('a4', id)!.grant!, 'grant', { secret: SECRET }).agentId).toBe('a4');
    expect(t.fails('a1', { name: 'transfer', callId: id, target: { kind: 'group', group: 'nope' } })).toBe('invalid-state');
  });

  it('consults an agent, then makes a three-way conference', async () => {
    const t = setup();
    t.login('a1', 'a2');
    const id = await talking(t);
    t.ok('a1', { name: 'consult', callId: id, target: { kind: 'agent', agentId: 'a2' } });
    expect(t.view('a1', id)).toMatchObject({ state: 'consulting', held: true, consult: { agentId: 'a2', state: 'ringing' } });
    expect(t.view('a2', id)).toMatchObject({ state: 'ringing', role: 'consult-target', grant: null });
    expect(t.fails('a1', { name: 'consultConference', callId: id })).toBe('invalid-state');
    t.ok('a2', { name: 'answer', callId: id });
    expect(t.view('a1', id)!.consult!.state).toBe('talking');
    t.ok('a1', { name: 'consultConference', callId: id });
    expect(t.view('a1', id)).toMatchObject({ state: 'talking', held: false, participants: ['a1', 'a2'] });
    expect(t.view('a2', id)).toMatchObject({ state: 'talking', role: 'conference' });
    // The owner leaves; the conference partner keeps the caller and becomes the owner.
    t.ok('a1', { name: 'hangup', callId: id });
    expect(t.view('a2', id)).toMatchObject({ role: 'owner', state: 'talking', participants: ['a2'] });
    expect(t.engine.callStatus(id)!.phase).toBe('connected');
  });

  it('consults a group, then returns to the caller; or completes the transfer', async () => {
    const t = setup();
    t.login('a1', 'a4');
    const id = await talking(t);
    expect(t.fails('a1', { name: 'consult', callId: id, target: { kind: 'group', group: 'vip' } })).toBe('no-idle-agent');
    t.ok('a1', { name: 'consult', callId: id, target: { kind: 'group', group: 'support' } });
    t.ok('a4', { name: 'answer', callId: id });
    t.ok('a1', { name: 'consultReturn', callId: id });
    expect(t.view('a1', id)).toMatchObject({ state: 'talking', held: false, consult: null });
    expect(t.view('a4', id)).toBeNull();
    expect(t.state('a4')).toBe('idle'); // a consultation alone earns no wrap-up

    t.ok('a1', { name: 'consult', callId: id, target: { kind: 'agent', agentId: 'a4' } });
    t.ok('a4', { name: 'answer', callId: id });
    t.ok('a1', { name: 'consultTransfer', callId: id });
    expect(t.view('a1', id)!.state).toBe('wrap-up');
    expect(t.view('a4', id)).toMatchObject({ role: 'owner', state: 'talking', held: false });
    expect(verifyTokenOfKind(t.view('a4', id)!.grant!, 'grant', { secret: SECRET }).agentId).toBe('a4');
  });

  it('transfers to the survey: the agent leg ends and the caller’s rating is recorded', async () => {
    const t = setup();
    t.login('a1');
    const id = await talking(t);
    t.ok('a1', { name: 'transferToSurvey', callId: id });
    expect(t.view('a1', id)!.state).toBe('wrap-up');
    expect(t.network.surveys).toEqual([id]);
    expect(t.engine.callStatus(id)!.phase).toBe('survey');
    expect(t.engine.callerRated(id, 4)).toBe(true);
    expect(t.records.records.get(id)).toMatchObject({ rating: 4, endReason: 'survey-complete', agentId: 'a1' });
    expect(t.view('a1', id)!.rating).toBe(4);
  });

  it('invites a rating; the result lands on the call and the record, even after hang-up', async () => {
    const t = setup();
    t.login('a1');
    const id = await talking(t);
    t.ok('a1', { name: 'inviteRating', callId: id });
    expect(t.fails('a1', { name: 'inviteRating', callId: id })).toBe('invalid-state');
    t.ok('a1', { name: 'hangup', callId: id });
    expect(t.records.records.get(id)!.rating).toBeNull();
    t.engine.callerRated(id, 5);
    expect(t.records.records.get(id)!.rating).toBe(5);
    expect(t.view('a1', id)!.rating).toBe(5);
  });

  it('calls out with the group caller id; the callee answers through the network', async () => {
    const t = setup();
    t.login('a4');
    const result = t.ok('a4', { name: 'callOut', number: '13800138000' });
    const id = result!.callId!;
    expect(t.network.dialed).toEqual([id]);
    expect(t.view('a4', id)).toMatchObject({ direction: 'outbound', callerId: '4000000002', state: 'ringing', skillGroup: 'support' });
    await settle();
    expect(t.view('a4', id)!.customer.userId).toBe('u1'); // known number: unverified grant
    // The agent chose the number: the grant carries no caller number, so the api's phone check cannot verify.
    expect(verifyTokenOfKind(t.view('a4', id)!.grant!, 'grant', { secret: SECRET })).toMatchObject({ level: 'unverified', callerNumber: null });
    expect(t.fails('a4', { name: 'callOut', number: '13800138001' })).toBe('busy');
    expect(t.engine.calleeAnswered(id)).toBe(true);
    expect(t.view('a4', id)!.state).toBe('talking');
    t.ok('a4', { name: 'hangup', callId: id });
    expect(t.records.records.get(id)).toMatchObject({ direction: 'outbound', number: '13800138000', agentId: 'a4' });
  });

  it('writes the record when the call connects, so notes can be saved during the call', async () => {
    const t = setup();
    t.login('a1');
    const id = await t.call('13800138000', '1');
    expect(t.records.records.get(id)).toBeUndefined();
    t.ok('a1', { name: 'answer', callId: id });
    expect(t.records.records.get(id)).toMatchObject({ agentId: 'a1', endedAt: null });
    expect(t.records.records.get(id)!.connectedAt).not.toBeNull();
  });

  it('dials a second call while the first caller is on hold, not while talking', async () => {
    const t = setup();
    t.login('a1');
    const first = await talking(t);
    expect(t.fails('a1', { name: 'callOut', number: '13900001111' })).toBe('busy');
    t.ok('a1', { name: 'hold', callId: first });
    const second = t.ok('a1', { name: 'callOut', number: '13900001111' })!.callId!;
    expect(t.engine.calleeAnswered(second)).toBe(true);
    expect(t.view('a1', first)).toMatchObject({ state: 'held' });
    expect(t.view('a1', second)).toMatchObject({ state: 'talking', direction: 'outbound' });
    // Talking on the second call: a third is refused, and resuming the first needs the second on hold or over.
    expect(t.fails('a1', { name: 'callOut', number: '13900002222' })).toBe('busy');
    expect(t.fails('a1', { name: 'resume', callId: first })).toBe('busy');
    t.ok('a1', { name: 'hangup', callId: second });
    t.ok('a1', { name: 'resume', callId: first });
    expect(t.view('a1', first)!.state).toBe('talking');
  });

  const proof = (claims: Omit<VerificationClaims, 'iat' | 'exp' | 'kind' | 'method'>, secret = SECRET) =>
    signToken<VerificationClaims>({ kind: 'verification', method: 'agent-confirm', ...claims }, { secret, ttlSeconds: 300 });
  const bind = (t: ReturnType<typeof setup>, agentId: string, command: Omit<Extract<CtiCommand, { name: 'bindCustomer' }>, 'name'>) =>
    t.engine.bindCustomer(agentId, { name: 'bindCustomer', ...command });

  it('binds a searched customer as identified only: masked grant, not verified (no check was performed)', async () => {
    const t = setup();
    t.login('a1');
    const id = await talking(t, 'a1', '13700000000');
    expect(t.view('a1', id)!.grant).toBeNull();
    for (const method of ['agent-search', 'agent-confirm'] as const) {
      const outcome = await bind(t, 'a1', { callId: id, userId: 'u2', method });
      expect(outcome.ok).toBe(true);
      const view = t.view('a1', id)!;
      // Identified only: the name is masked as the api masks it (finding 4: the view carried it in full).
      expect(view.customer).toMatchObject({ userId: 'u2', name: 'L**', verification: { status: 'unverified', method } });
      expect(outcome.ok && outcome.result!.grant).toBe(view.grant);
      expect(verifyTokenOfKind(view.grant!, 'grant', { secret: SECRET })).toMatchObject({ userId: 'u2', level: 'unverified', agentId: 'a1' });
    }
  });

  it('shows the name in full only when verified, and says whether the calling number is the bound account’s', async () => {
    const t = setup();
    t.login('a1');
    // From u1's registered number, no check: u1 identified by its number; masked name.
    const id = await talking(t, 'a1', '13800138000');
    expect(t.view('a1', id)!.customer).toMatchObject({ userId: 'u1', name: 'Z**', numberMatchesAccount: true, verification: { status: 'skipped' } });
    // The agent binds another account (u2) on that call: the number is not u2's, whatever the shell did locally.
    await bind(t, 'a1', { callId: id, userId: 'u2', method: 'agent-search' });
    expect(t.view('a1', id)!.customer).toMatchObject({ userId: 'u2', name: 'L**', numberMatchesAccount: false });
    // A proof verifies u2: full name; the number still is not u2's.
    await bind(t, 'a1', { callId: id, userId: 'u2', method: 'agent-confirm', proof: proof({ callId: id, agentId: 'a1', userId: 'u2' }) });
    expect(t.view('a1', id)!.customer).toMatchObject({ userId: 'u2', name: 'Li Si', numberMatchesAccount: false, verification: { status: 'verified' } });
    // Back to u1 (identified again): masked, and the number is u1's again.
    await bind(t, 'a1', { callId: id, userId: 'u1', method: 'agent-search' });
    expect(t.view('a1', id)!.customer).toMatchObject({ userId: 'u1', name: 'Z**', numberMatchesAccount: true, verification: { status: 'unverified' } });
    // From nobody's number, binding u1 never matches.
    const t2 = setup();
    t2.login('a1', 'a4');
    const other = await talking(t2, 'a1', '13700000000');
    await bind(t2, 'a1', { callId: other, userId: 'u1', method: 'agent-search' });
    expect(t2.view('a1', other)!.customer).toMatchObject({ userId: 'u1', name: 'Z**', numberMatchesAccount: false });
    // Outbound to u1's number: the agent chose it, so it proves nothing and the name stays masked.
    const out = t2.ok('a4', { name: 'callOut', number: '13800138000' })!.callId!;
    await settle();
    expect(t2.view('a4', out)!.customer).toMatchObject({ userId: 'u1', name: 'Z**', numberMatchesAccount: false });
  });

  it('audits every bind decision: identified (masked), verified by proof (allowed), rejected proof, unknown user', async () => {
    const t = setup();
    t.login('a1');
    const id = await talking(t, 'a1', '13700000000');
    await bind(t, 'a1', { callId: id, userId: 'u2', method: 'agent-search' });
    await bind(t, 'a1', { callId: id, userId: 'u2', method: 'agent-confirm', proof: proof({ callId: id, agentId: 'a2', userId: 'u2' }) });
    await bind(t, 'a1', { callId: id, userId: 'u2', method: 'agent-confirm', proof: proof({ callId: id, agentId: 'a1', userId: 'u2' }) });
    await t.engine.handle('a1', { name: 'bindCustomer', callId: id, userId: 'NOT-A-USER', method: 'agent-confirm' }, 'sid-1');
    await bind(t, 'a1', { callId: 'C-not-mine', userId: 'u2', method: 'agent-search' });
    const at = expect.stringMatching(/^\d{4}-\d\d-\d\dT/);
    expect(t.audit.events).toEqual([
      { at, agentId: 'a1', sessionId: null, userId: 'u2', callId: id, action: 'bind-customer', outcome: 'masked', reason: 'identified only (agent-search, no proof)' },
      { at, agentId: 'a1', sessionId: null, userId: 'u2', callId: id, action: 'verification-proof', outcome: 'refused', reason: expect.stringMatching(/^proof-rejected/) },
      { at, agentId: 'a1', sessionId: null, userId: 'u2', callId: id, action: 'bind-customer', outcome: 'masked', reason: 'identified only (agent-confirm, no proof)' },
      { at, agentId: 'a1', sessionId: null, userId: 'u2', callId: id, action: 'bind-customer', outcome: 'allowed', reason: expect.stringMatching(/^verified/) },
      { at, agentId: 'a1', sessionId: 'sid-1', userId: 'NOT-A-USER', callId: id, action: 'bind-customer', outcome: 'refused', reason: expect.stringMatching(/^not-found/) },
      { at, agentId: 'a1', sessionId: null, userId: 'u2', callId: 'C-not-mine', action: 'bind-customer', outcome: 'refused', reason: expect.any(String) },
    ]);
    for (const e of t.audit.events) expect(internalAuditEventSchema.parse(e)).toEqual(e);
  });

  it('verifies a bind only with the api’s proof for this call, agent and user', async () => {
    const t = setup();
    t.login('a1', 'a2');
    const id = await talking(t, 'a1', '13700000000');
    const bad = [
      proof({ callId: id, agentId: 'a1', userId: 'u2' }, 'another-secret'),
      proof({ callId: 'C-other', agentId: 'a1', userId: 'u2' }),
      proof({ callId: id, agentId: 'a2', userId: 'u2' }),
      proof({ callId: id, agentId: 'a1', userId: 'u1' }),
      signToken({ kind: 'grant', callId: id, agentId: 'a1', userId: 'u2', level: 'verified', callerNumber: '13700000000' }, { secret: SECRET, ttlSeconds: 60 }),
      'not-a-token',
    ];
    for (const p of bad) {
      expect(await bind(t, 'a1', { callId: id, userId: 'u2', method: 'agent-confirm', proof: p })).toMatchObject({ ok: true });
      expect(t.view('a1', id)!.customer.verification.status).toBe('unverified');
    }
    const outcome = await bind(t, 'a1', { callId: id, userId: 'u2', method: 'agent-confirm', proof: proof({ callId: id, agentId: 'a1', userId: 'u2' }) });
    expect(outcome.ok).toBe(true);
    const view = t.view('a1', id)!;
    expect(view.customer).toMatchObject({ userId: 'u2', verification: { status: 'verified', method: 'agent-confirm' } });
    expect(verifyTokenOfKind(view.grant!, 'grant', { secret: SECRET })).toMatchObject({ userId: 'u2', level: 'verified', agentId: 'a1' });
    // Binding another account afterwards, without proof, is identified again.
    await bind(t, 'a1', { callId: id, userId: 'u1', method: 'agent-search' });
    expect(t.view('a1', id)!.customer.verification.status).toBe('unverified');
  });

  it('refuses to bind an account that does not exist, and binds only on the agent’s own connected call', async () => {
    const t = setup();
    t.login('a1', 'a2');
    const id = await talking(t, 'a1', '13700000000');
    const before = t.view('a1', id)!;
    expect(await bind(t, 'a1', { callId: id, userId: 'NOT-A-USER', method: 'agent-confirm' })).toMatchObject({ ok: false, reason: 'not-found' });
    expect(t.view('a1', id)!.customer).toEqual(before.customer);
    expect(await bind(t, 'a2', { callId: id, userId: 'u1', method: 'agent-search' })).toMatchObject({ ok: false, reason: 'not-your-call' });
    // An IVR-verified caller stays verified when the agent binds the same account again.
    const verified = await t.call('13800138000', '1', { verify: '13800138000' });
    t.ok('a2', { name: 'answer', callId: verified });
    await bind(t, 'a2', { callId: verified, userId: 'u1', method: 'agent-search' });
    expect(t.view('a2', verified)!.customer.verification).toEqual({ status: 'verified', method: 'ivr-phone' });
  });
});

describe('grants end with the agent’s leg', () => {
  const wall = () => Date.now();

  it('owner hang-up: the grant ends with wrap-up (≤ 2 min); ending wrap-up early sends an earlier notAfter', async () => {
    const t = setup({ wrapUpMs: 5_000 });
    t.login('a1');
    const id = await t.call('13800138000', '1', { verify: '13800138000' });
    t.ok('a1', { name: 'answer', callId: id });
    expect(t.grantsEnded.notices).toEqual([]);
    const before = wall();
    t.ok('a1', { name: 'hangup', callId: id });
    const [first] = t.grantsEnded.notices;
    expect(first).toMatchObject({ callId: id, agentId: 'a1' });
    expect(first!.legEndedAt).toBeGreaterThanOrEqual(before);
    expect(first!.notAfter - first!.legEndedAt).toBe(5_000);
    t.ok('a1', { name: 'setState', state: 'idle' }); // ends wrap-up now
    expect(t.grantsEnded.notices).toHaveLength(2);
    const second = t.grantsEnded.notices[1]!;
    expect(second.legEndedAt).toBe(first!.legEndedAt);
    expect(second.notAfter).toBeLessThan(first!.notAfter);

    const long = setup({ wrapUpMs: 10 * 60_000 });
    long.login('a1');
    const c = await long.call('13800138000', '1', { verify: '13800138000' });
    long.ok('a1', { name: 'answer', callId: c });
    long.ok('a1', { name: 'hangup', callId: c });
    const n = long.grantsEnded.notices[0]!;
    expect(n.notAfter - n.legEndedAt).toBe(2 * 60_000);
    // Wrap-up that runs out at its deadline changes nothing: no second notice.
    long.clock.advance(10 * 60_000);
    expect(long.grantsEnded.notices).toHaveLength(1);
  });

  it('issues no new grant once the leg has ended: refreshGrant and bindCustomer in wrap-up keep the old one', async () => {
    const t = setup({ wrapUpMs: 60_000 });
    t.login('a1');
    const id = await t.call('13800138000', '1', { verify: '13800138000' });
    t.ok('a1', { name: 'answer', callId: id });
    const before = t.view('a1', id)!.grant!;
    t.ok('a1', { name: 'hangup', callId: id });
    await new Promise((r) => setTimeout(r, 1100)); // a re-signed grant would differ in iat
    expect(t.ok('a1', { name: 'refreshGrant', callId: id })!.grant).toBe(before);
    const bound = await t.engine.bindCustomer('a1', { name: 'bindCustomer', callId: id, userId: 'u2', method: 'agent-search' });
    expect(bound.ok && bound.result!.grant).toBe(before);
    expect(t.grantsEnded.notices).toHaveLength(1);
  });

  it('a rejected or missed verified ring ends its grant at once', async () => {
    const t = setup();
    t.login('a1', 'a2');
    const id = await t.call('13800138000', '1', { verify: '13800138000' });
    const first = t.ringingAgent(id)!;
    expect(verifyTokenOfKind(t.view(first, id)!.grant!, 'grant', { secret: SECRET }).level).toBe('verified');
    t.ok(first, { name: 'reject', callId: id });
    expect(t.grantsEnded.notices).toEqual([{ callId: id, agentId: first, legEndedAt: expect.any(Number), notAfter: expect.any(Number) }]);
    expect(t.grantsEnded.notices[0]!.notAfter).toBe(t.grantsEnded.notices[0]!.legEndedAt);
    const second = t.ringingAgent(id)!;
    expect(second).not.toBe(first);
    t.clock.advance(20_000); // rings out
    expect(t.grantsEnded.notices.map((n) => [n.agentId, n.notAfter === n.legEndedAt])).toEqual([
      [first, true],
      [second, true],
    ]);
  });

  it('transfer: the target’s ring and the leaving owner both end their grants; a completed transfer ends with wrap-up', async () => {
    const t = setup();
    t.login('a1');
    const id = await t.call('13800138000', '1', { verify: '13800138000' });
    t.ok('a1', { name: 'answer', callId: id });
    t.login('a2');
    t.ok('a1', { name: 'transfer', callId: id, target: { kind: 'agent', agentId: 'a2' } });
    t.ok('a1', { name: 'cancelTransfer', callId: id });
    expect(t.grantsEnded.notices.map((n) => n.agentId)).toEqual(['a2']);
    expect(t.grantsEnded.notices[0]!.notAfter).toBe(t.grantsEnded.notices[0]!.legEndedAt);
    t.ok('a1', { name: 'transfer', callId: id, target: { kind: 'agent', agentId: 'a2' } });
    t.ok('a2', { name: 'answer', callId: id });
    const owner = t.grantsEnded.notices.find((n) => n.agentId === 'a1')!;
    expect(owner.notAfter - owner.legEndedAt).toBe(5_000);
  });
});

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

describe('a required wrap-up code holds after-call work (issue 9 point 5)', () => {
  const policy = {
    groups: [
      { skillGroup: 'sales', required: true, codes: ['order-placed', 'other'] },
      { skillGroup: 'support', required: false, codes: ['refund'] },
    ],
  };

  async function wrapping(t: ReturnType<typeof setup>, keys = '1') {
    t.login('a1');
    const id = await t.call('13800138000', keys, { verify: '13800138000' });
    t.ok('a1', { name: 'answer', callId: id });
    t.ok('a1', { name: 'hangup', callId: id });
    return id;
  }

  it('the timer does not end it, nor End, a state or a call out; the code ends it and reaches the record', async () => {
    const t = setup({ wrapUpPolicy: policy });
    const id = await wrapping(t);
    expect(t.view('a1', id)).toMatchObject({ state: 'wrap-up', dispositionRequired: true, disposition: null });
    t.clock.advance(60_000); // well past the 5 s wrap-up
    expect(t.agent('a1').state).toBe('wrap-up');
    expect(t.view('a1', id)).toMatchObject({ state: 'wrap-up', dispositionRequired: true });
    expect(t.fails('a1', { name: 'hangup', callId: id })).toBe('disposition-required');
    expect(t.fails('a1', { name: 'setState', state: 'idle' })).toBe('disposition-required');
    expect(t.fails('a1', { name: 'callOut', number: '13900000000' })).toBe('disposition-required');
    const queued = await t.call('13800000099');
    expect(t.ringingAgent(queued)).toBeNull(); // still not offered calls
    expect(t.records.records.get(id)!.disposition).toBeUndefined();

    expect(t.fails('a1', { name: 'setDisposition', callId: id, code: 'refund' })).toBe('invalid-command'); // another group's code
    t.ok('a1', { name: 'setDisposition', callId: id, code: 'order-placed' });
    // Past its deadline: after-call work ends with the code; the record carries it.
    expect(t.view('a1', id)).toBeNull();
    expect(t.records.records.get(id)).toMatchObject({ disposition: 'order-placed', dispositionAt: expect.any(String) });
    expect(t.ringingAgent(queued)).toBe('a1');
  });

  it('chosen before the deadline, the timer ends it as usual; a group that does not require one is not held', async () => {
    const t = setup({ wrapUpPolicy: policy });
    const id = await wrapping(t);
    t.ok('a1', { name: 'setDisposition', callId: id, code: 'other' });
    expect(t.view('a1', id)).toMatchObject({ state: 'wrap-up', dispositionRequired: false, disposition: 'other' });
    t.clock.advance(5_000);
    expect(t.view('a1', id)).toBeNull();
    expect(t.agent('a1').state).toBe('idle');

    const free = setup({ wrapUpPolicy: policy });
    free.login('a4');
    const c = await free.call('13800138000', '2');
    free.ok('a4', { name: 'answer', callId: c });
    free.ok('a4', { name: 'hangup', callId: c });
    expect(free.view('a4', c)).toMatchObject({ state: 'wrap-up', dispositionRequired: false });
    free.clock.advance(5_000);
    expect(free.agent('a4').state).toBe('idle');
  });

  it('logging out still ends it; only the record’s agent owes the code (not one who transferred the call)', async () => {
    const t = setup({ wrapUpPolicy: policy });
    const id = await wrapping(t);
    t.ok('a1', { name: 'setState', state: 'offline' });
    expect(t.view('a1', id)).toBeNull();

    const x = setup({ wrapUpPolicy: policy });
    x.login('a1', 'a2');
    const c = await x.call('13800138000', '1');
    const first = x.ringingAgent(c)!;
    const second = first === 'a1' ? 'a2' : 'a1';
    x.ok(first, { name: 'answer', callId: c });
    x.ok(first, { name: 'transfer', callId: c, target: { kind: 'agent', agentId: second } });
    x.ok(second, { name: 'answer', callId: c });
    expect(x.view(first, c)).toMatchObject({ state: 'wrap-up', dispositionRequired: false });
    expect(x.fails(first, { name: 'setDisposition', callId: c, code: 'other' })).toBe('invalid-state');
    x.ok(second, { name: 'setDisposition', callId: c, code: 'other' }); // during the call
    x.ok(second, { name: 'hangup', callId: c });
    expect(x.view(second, c)).toMatchObject({ state: 'wrap-up', dispositionRequired: false, disposition: 'other' });
  });
});

describe('a consulted colleague sees the caller’s customer (issue 9 point 2)', () => {
  it('gets a grant at the call’s level when the consultation is answered, audited, ended with the consultation', async () => {
    const t = setup();
    t.login('a1');
    const id = await t.call('13800138000', '1', { verify: '13800138000' });
    t.ok('a1', { name: 'answer', callId: id });
    t.login('a2');
    t.ok('a1', { name: 'consult', callId: id, target: { kind: 'agent', agentId: 'a2' } });
    expect(t.view('a2', id)!.grant).toBeNull(); // not while it only rings
    t.ok('a2', { name: 'answer', callId: id });
    const grant = t.view('a2', id)!.grant!;
    const claims = verifyTokenOfKind(grant, 'grant', { secret: SECRET });
    const owner = verifyTokenOfKind(t.view('a1', id)!.grant!, 'grant', { secret: SECRET });
    expect(claims).toMatchObject({ callId: id, agentId: 'a2', userId: 'u1', level: owner.level });
    expect(owner.level).toBe('verified');
    expect(t.ok('a2', { name: 'refreshGrant', callId: id })!.grant).toEqual(expect.any(String));
    const audited = t.audit.events.filter((e) => e.action === 'grant-consult');
    expect(audited).toEqual([expect.objectContaining({ agentId: 'a2', userId: 'u1', callId: id, outcome: 'allowed' })]);
    expect(internalAuditEventSchema.parse(audited[0])).toBeTruthy();
    expect(t.grantsEnded.notices.filter((n) => n.agentId === 'a2')).toEqual([]);
    t.ok('a1', { name: 'consultReturn', callId: id });
    const ended = t.grantsEnded.notices.filter((n) => n.agentId === 'a2');
    expect(ended).toEqual([{ callId: id, agentId: 'a2', legEndedAt: expect.any(Number), notAfter: expect.any(Number) }]);
    expect(ended[0]!.notAfter).toBe(ended[0]!.legEndedAt); // refused at once
  });

  it('an unverified caller: the colleague’s grant is unverified too (masked), and follows a verification', async () => {
    const t = setup();
    t.login('a1');
    const id = await t.call('13800138000', '1');
    t.ok('a1', { name: 'answer', callId: id });
    t.login('a2');
    t.ok('a1', { name: 'consult', callId: id, target: { kind: 'agent', agentId: 'a2' } });
    t.ok('a2', { name: 'answer', callId: id });
    expect(verifyTokenOfKind(t.view('a2', id)!.grant!, 'grant', { secret: SECRET })).toMatchObject({ userId: 'u1', level: 'unverified' });
    expect(t.audit.events.find((e) => e.action === 'grant-consult')).toMatchObject({ outcome: 'masked' });
  });
});
