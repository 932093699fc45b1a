import { verifyTokenOfKind } from '@octopus/auth';
import { SECRET, settle, setup, talking } from './testing/engine-harness';

describe('call control', () => {
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
});
