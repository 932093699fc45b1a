import { verifyTokenOfKind } from '@octopus/auth';
import { internalAuditEventSchema } from '@octopus/contracts';
import type { GrantRequest, GrantSigner } from './ports';
import { SECRET, setup } from './testing/engine-harness';

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

describe('grants are signed through the GrantSigner port', () => {
  it('asks the engine’s signer for each grant (call, agent, customer, level, calling number) and for each proof check', async () => {
    const requests: GrantRequest[] = [];
    const proofs: Array<{ proof: string; expected: unknown }> = [];
    const grants: GrantSigner = {
      sign: (request) => {
        requests.push(request);
        return `grant-${requests.length}`;
      },
      verificationProven: (proof, expected) => {
        proofs.push({ proof, expected });
        return proof === 'good';
      },
    };
    const t = setup({ grants });
    t.login('a1');
    const id = await t.call('13800138000', '1', { verify: '13800138000' });
    expect(requests).toEqual([{ callId: id, agentId: 'a1', userId: 'u1', level: 'verified', callerNumber: '13800138000' }]);
    expect(t.view('a1', id)!.grant).toBe('grant-1');
    t.ok('a1', { name: 'answer', callId: id });
    const bound = await t.engine.bindCustomer('a1', { name: 'bindCustomer', callId: id, userId: 'u2', method: 'agent-confirm', proof: 'good' });
    expect(proofs).toEqual([{ proof: 'good', expected: { callId: id, agentId: 'a1', userId: 'u2' } }]);
    expect(bound).toEqual({ ok: true, result: { grant: 'grant-2' } });
    expect(requests[1]).toMatchObject({ userId: 'u2', level: 'verified' });
  });
});
