import { verifyTokenOfKind } from '@octopus/auth';
import { LOGIN_THROTTLE, SESSION_MAX_TTL_SECONDS, loginResponseSchema } from '@octopus/contracts';
import { MemoryAccountDirectory } from './memory';

const SECRET = 'memory-accounts-secret';

describe('MemoryAccountDirectory (the account port without an api)', () => {
  let now = Date.UTC(2026, 10, 30, 8);
  const directory = () =>
    new MemoryAccountDirectory({
      tokenSecret: SECRET,
      now: () => now,
      sessionIdleSeconds: 3600,
      accounts: [
        { id: '1001', name: 'A', skillGroups: ['presale'], password: 'octopus' },
        { id: '2001', name: 'S', skillGroups: [], role: 'supervisor', password: 'octopus' },
      ],
    });

  it('signs the same claims as the api: agent token with sid and role, for the session it creates', async () => {
    const d = directory();
    const answer = await d.login({ agentId: '2001', password: 'octopus', client: '127.0.0.1' });
    expect(answer.status).toBe(200);
    const body = loginResponseSchema.parse(answer.body);
    const claims = verifyTokenOfKind(body.token, 'agent', { secret: SECRET, now: () => now });
    expect(claims).toMatchObject({ sub: '2001', sid: body.sessionId, role: 'supervisor', name: 'S', skillGroups: [] });
    expect(body.expiresAt).toBe(claims.exp * 1000);
    expect(await d.inactiveSessions([body.sessionId, 'unknown'])).toEqual(['unknown']);
  });

  it('ends idle sessions, renews on refresh, and never past the maximum lifetime', async () => {
    const d = directory();
    const { sessionId } = loginResponseSchema.parse((await d.login({ agentId: '1001', password: 'octopus', client: 'x' })).body);
    now += 50 * 60_000;
    expect((await d.refresh(sessionId)).status).toBe(200);
    now += 50 * 60_000; // 100 min after login, 50 after the refresh
    expect(await d.inactiveSessions([sessionId])).toEqual([]);
    for (let h = 0; h < SESSION_MAX_TTL_SECONDS / 3600; h++) {
      now += 59 * 60_000;
      await d.refresh(sessionId);
    }
    expect(await d.inactiveSessions([sessionId])).toEqual([sessionId]);
    expect((await d.refresh(sessionId)).status).toBe(401);
  });

  it('throttles an account after repeated failures, and does not tell unknown agents from wrong passwords', async () => {
    const d = directory();
    const unknown = await d.login({ agentId: '9999', password: 'x', client: 'x' });
    const wrong = await d.login({ agentId: '1001', password: 'x', client: 'x' });
    expect(unknown).toEqual(wrong);
    for (let i = 1; i < LOGIN_THROTTLE.freeFailures; i++) await d.login({ agentId: '1001', password: 'x', client: 'x' });
    const throttled = await d.login({ agentId: '1001', password: 'octopus', client: 'x' });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.retryAfter)).toBeGreaterThanOrEqual(1);
    now += 2000;
    expect((await d.login({ agentId: '1001', password: 'octopus', client: 'x' })).status).toBe(200);
  });
});
