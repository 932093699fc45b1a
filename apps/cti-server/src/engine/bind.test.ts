import { signToken, verifyTokenOfKind, type VerificationClaims } from '@octopus/auth';
import { internalAuditEventSchema, type CtiCommand } from '@octopus/contracts';
import { SECRET, settle, setup, talking, type Harness } from './testing/engine-harness';

describe('call control', () => {
  const proof = (claims: Omit<VerificationClaims, 'iat' | 'exp' | 'kind' | 'method'>, secret = SECRET) =>
    signToken<VerificationClaims>({ kind: 'verification', method: 'agent-confirm', ...claims }, { secret, ttlSeconds: 300 });
  const bind = (t: Harness, agentId: string, command: Omit<Extract<CtiCommand, { name: 'bindCustomer' }>, 'name'>) =>
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
