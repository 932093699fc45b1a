import { signToken, verifyTokenOfKind } from '@octopus/auth';
import { AGENT_TOKEN_TTL_SECONDS, LOGIN_THROTTLE, loginResponseSchema, type LoginResponse } from '@octopus/contracts';
import {
  agentToken,
  call,
  count,
  grantToken,
  login,
  OLD_PUBLIC_SECRET,
  serviceToken,
  startTestApi,
  TEST_SECRET,
  setupTestApi,
} from './testing/harness';

jest.setTimeout(120_000);

const api = setupTestApi();

const svc = (): { token: string } => ({ token: serviceToken() });
const profile = (token: string) => call(api, 'GET', '/users/U0000001', { token, grant: grantToken({ agentId: '1003', level: 'verified' }) });

describe('POST /internal/auth/login', () => {
  it('checks the password against the database and signs a short agent token naming a new session', async () => {
    const r = await login(api, '1003');
    expect(r.status).toBe(200);
    const body = loginResponseSchema.parse(r.body);
    expect(body.agent).toEqual({ id: '1003', name: '张伟', role: 'agent', skillGroups: ['aftersale'] });
    const claims = verifyTokenOfKind(body.token, 'agent', { secret: TEST_SECRET });
    expect(claims).toMatchObject({ kind: 'agent', sub: '1003', sid: body.sessionId, name: '张伟', role: 'agent', skillGroups: ['aftersale'] });
    expect(claims.exp - claims.iat).toBe(AGENT_TOKEN_TTL_SECONDS);
    expect(body.expiresAt).toBe(claims.exp * 1000);
    expect(await count(api, 'agent_sessions WHERE id = $1 AND agent_id = $2 AND revoked_at IS NULL', [body.sessionId, '1003'])).toBe(1);
    expect((await profile(body.token)).status).toBe(200);
    expect(await count(api, "audit_log WHERE action = 'auth.login' AND outcome = 'allowed' AND agent_id = '1003' AND session_id = $1", [body.sessionId])).toBe(1);
  });

  it('seeds the supervisor 2001 and admin 2002 with their roles', async () => {
    expect(((await login(api, '2001')).body as LoginResponse).agent.role).toBe('supervisor');
    expect(((await login(api, '2002')).body as LoginResponse).agent.role).toBe('admin');
  });

  it('answers the same 401 for an unknown agent and a wrong password, and audits both', async () => {
    const before = await count(api, "audit_log WHERE action = 'auth.login' AND outcome = 'refused'");
    const unknown = await login(api, '9999', 'octopus', '10.1.0.1');
    const wrong = await login(api, '1004', 'not-the-password', '10.1.0.2');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.body).toEqual({ error: 'invalid_credentials', message: 'wrong agent id or password' });
    expect(await count(api, "audit_log WHERE action = 'auth.login' AND outcome = 'refused'")).toBe(before + 2);
    // Never the password in the log.
    expect(await count(api, "audit_log WHERE reason LIKE '%not-the-password%'")).toBe(0);
  });

  it('refuses a disabled account with 403 (after the right password only)', async () => {
    await api.db.query("UPDATE agents SET disabled = true WHERE id = '1007'");
    try {
      expect(await login(api, '1007', 'octopus', '10.2.0.1')).toMatchObject({ status: 403, body: { error: 'account_disabled' } });
      expect(await login(api, '1007', 'wrong-password', '10.2.0.2')).toMatchObject({ status: 401, body: { error: 'invalid_credentials' } });
    } finally {
      await api.db.query("UPDATE agents SET disabled = false WHERE id = '1007'");
    }
  });

  it('needs the service token', async () => {
    const r = await call(api, 'POST', '/internal/auth/login', { token: agentToken('1001'), body: { agentId: '1001', password: 'octopus', client: 'x' } });
    expect(r.status).toBe(401);
  });

  it('throttles 300 wrong passwords for one account: 429 with Retry-After, and only a handful are checked', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 300; i++) {
      const r = await login(api, '1005', `guess-${i}`, `10.3.${i % 250}.1`);
      statuses.push(r.status);
      if (r.status === 429) retryAfter ??= r.headers.get('retry-after');
    }
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(checked).toBeLessThanOrEqual(12);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(288);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // The right password is throttled too while blocked (no oracle), and every attempt is audited.
    expect((await login(api, '1005', 'octopus', '10.4.0.1')).status).toBe(429);
    expect(await count(api, "audit_log WHERE action = 'auth.login' AND agent_id = '1005' AND outcome = 'refused'")).toBeGreaterThanOrEqual(300);
    expect(await count(api, "audit_log WHERE action = 'auth.login' AND agent_id = '1005' AND reason LIKE 'throttled%'")).toBeGreaterThanOrEqual(288);
  });

  it('throttles one client guessing across many accounts (from its 50th failure)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 120; i++) statuses.push((await login(api, `x${i}`, 'octopus', '10.9.9.9')).status);
    expect(statuses.slice(0, LOGIN_THROTTLE.freeFailuresPerClient)).toEqual(Array(LOGIN_THROTTLE.freeFailuresPerClient).fill(401));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(60);
    // Another client is not affected.
    expect((await login(api, '1006', 'octopus', '10.9.9.10')).status).toBe(200);
  });

  it("one account's 5 failures do not lock out another agent behind the same address (NAT)", async () => {
    // 2001 is the one whose password is mistyped; 2002 logs in from the same address right after.
    for (let i = 0; i < LOGIN_THROTTLE.freeFailures; i++) expect((await login(api, '2001', `typo-${i}`, '10.7.7.7')).status).toBe(401);
    expect((await login(api, '2001', 'octopus', '10.7.7.7')).status).toBe(429);
    expect((await login(api, '2002', 'octopus', '10.7.7.7')).status).toBe(200);
  });
});

describe('sessions: refresh, logout, check', () => {
  it('refreshes a live session into a new token of the same session', async () => {
    const first = (await login(api, '1002')).body as LoginResponse;
    const r = await call<LoginResponse>(api, 'POST', '/internal/auth/refresh', { ...svc(), body: { sessionId: first.sessionId } });
    expect(r.status).toBe(200);
    expect(r.body.sessionId).toBe(first.sessionId);
    expect(verifyTokenOfKind(r.body.token, 'agent', { secret: TEST_SECRET }).sid).toBe(first.sessionId);
  });

  it('logout revokes the session: its tokens stop working at once, on every request', async () => {
    const s = (await login(api, '1003')).body as LoginResponse;
    expect((await profile(s.token)).status).toBe(200);
    const out = await call(api, 'POST', '/internal/auth/logout', { ...svc(), body: { sessionId: s.sessionId } });
    expect(out.status).toBe(204);
    const after = await profile(s.token);
    expect(after).toMatchObject({ status: 401, body: { error: 'session_ended' } });
    expect((await call(api, 'POST', '/internal/auth/refresh', { ...svc(), body: { sessionId: s.sessionId } })).status).toBe(401);
    const check = await call(api, 'POST', '/internal/sessions/check', { ...svc(), body: { sessionIds: [s.sessionId, 'test-1001', 'no-such-session'] } });
    expect(check.body).toEqual({ inactive: [s.sessionId, 'no-such-session'] });
    expect(await count(api, "audit_log WHERE action = 'auth.logout' AND session_id = $1", [s.sessionId])).toBe(1);
    // Idempotent.
    expect((await call(api, 'POST', '/internal/auth/logout', { ...svc(), body: { sessionId: s.sessionId } })).status).toBe(204);
  });

  it('refuses a session past its idle expiry or maximum, and one whose account was disabled', async () => {
    const idle = (await login(api, '1004', 'octopus', '10.5.0.1')).body as LoginResponse;
    await api.db.query("UPDATE agent_sessions SET expires_at = now() - interval '1 second' WHERE id = $1", [idle.sessionId]);
    expect(await profile(idle.token)).toMatchObject({ status: 401, body: { error: 'session_ended', message: expect.stringMatching(/expired/) } });
    const max = (await login(api, '1004', 'octopus', '10.5.0.2')).body as LoginResponse;
    await api.db.query("UPDATE agent_sessions SET max_expires_at = now() - interval '1 second' WHERE id = $1", [max.sessionId]);
    expect((await profile(max.token)).status).toBe(401);
    const live = (await login(api, '1008', 'octopus', '10.5.0.3')).body as LoginResponse;
    await api.db.query("UPDATE agents SET disabled = true WHERE id = '1008'");
    try {
      expect(await profile(live.token)).toMatchObject({ status: 401, body: { error: 'session_ended', message: expect.stringMatching(/disabled/) } });
      expect((await call(api, 'POST', '/internal/sessions/check', { ...svc(), body: { sessionIds: [live.sessionId] } })).body).toEqual({ inactive: [live.sessionId] });
    } finally {
      await api.db.query("UPDATE agents SET disabled = false WHERE id = '1008'");
    }
  });
});

describe('forged and foreign tokens', () => {
  it('refuses an agent token for agent 9999 (no such account), even with the right secret', async () => {
    const forged = agentToken('9999');
    const r = await call(api, 'GET', '/users/U0000001', { token: forged, grant: grantToken({ agentId: '9999' }) });
    expect(r).toMatchObject({ status: 401, body: { error: 'session_ended' } });
  });

  it("refuses a token naming another agent's session, and one with no session at all", async () => {
    expect((await call(api, 'GET', '/call-records', { token: agentToken('1002', 600, { sid: 'test-1001' }) })).status).toBe(401);
    const noSid = signToken({ kind: 'agent', sub: '1001', name: 'x', skillGroups: [] } as never, { secret: TEST_SECRET, ttlSeconds: 600 });
    expect((await call(api, 'GET', '/call-records', { token: noSid })).status).toBe(401);
  });

  it("accepts nothing signed with the old public secret 'octopus-dev-secret-change-me'", async () => {
    const agent = agentToken('1001', 600, { secret: OLD_PUBLIC_SECRET });
    expect(await call(api, 'GET', '/call-records', { token: agent })).toMatchObject({ status: 401, body: { message: expect.stringMatching(/signature/) } });
    const service = serviceToken(OLD_PUBLIC_SECRET);
    expect((await call(api, 'GET', '/internal/agents', { token: service })).status).toBe(401);
    expect((await call(api, 'POST', '/internal/auth/login', { token: service, body: { agentId: '1001', password: 'octopus', client: 'x' } })).status).toBe(401);
    const grant = grantToken({ level: 'verified' }, { secret: OLD_PUBLIC_SECRET });
    expect(await call(api, 'GET', '/users/U0000001/loans', { grant })).toMatchObject({ status: 403, body: { message: expect.stringMatching(/signature/) } });
  });

  it('audits refused tokens with agent null (a forged token looks like nobody)', async () => {
    const before = await count(api, "audit_log WHERE outcome = 'refused' AND agent_id IS NULL AND action = 'GET /users/:userId'");
    await call(api, 'GET', '/users/U0000001', { token: agentToken('1001', 600, { secret: OLD_PUBLIC_SECRET }), grant: grantToken({}) });
    await call(api, 'GET', '/users/U0000001', { token: agentToken('9999'), grant: grantToken({ agentId: '9999' }) });
    expect(await count(api, "audit_log WHERE outcome = 'refused' AND agent_id IS NULL AND action = 'GET /users/:userId'")).toBe(before + 2);
  });
});

describe('startup refuses weak or missing secrets and, in production, missing accounts', () => {
  it('refuses a 1-character secret (and the old public one) in every mode', async () => {
    await expect(startTestApi({ tokenSecret: 'x' })).rejects.toThrow(/32 random bytes/);
    await expect(startTestApi({ tokenSecret: OLD_PUBLIC_SECRET, mode: 'production' })).rejects.toThrow(/old public secret/);
  });

  it('production mode seeds no account and refuses to start without one', async () => {
    await expect(startTestApi({ mode: 'production', noTestSessions: true })).rejects.toThrow(/at least one enabled account/);
  });
});

describe('roster and users for the cti-server', () => {
  it('GET /internal/agents lists every account with role, groups and state', async () => {
    const r = await call<{ agents: { id: string; role: string; disabled: boolean; skillGroups: string[] }[] }>(api, 'GET', '/internal/agents', svc());
    expect(r.status).toBe(200);
    expect(r.body.agents.map((a) => a.id)).toEqual(['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '2001', '2002']);
    expect(r.body.agents[0]).toEqual({ id: '1001', name: '王芳', role: 'agent', skillGroups: ['presale'], disabled: false });
    expect(JSON.stringify(r.body)).not.toMatch(/argon2|password/);
    expect((await call(api, 'GET', '/internal/agents', { token: agentToken('1001') })).status).toBe(401);
  });

  it('GET /internal/users/:userId answers known users and 404s others', async () => {
    expect(await call(api, 'GET', '/internal/users/U0000002', svc())).toMatchObject({ status: 200, body: { userId: 'U0000002', name: expect.any(String), level: 'silver' } });
    expect((await call(api, 'GET', '/internal/users/NOT-A-USER', svc())).status).toBe(404);
  });
});
