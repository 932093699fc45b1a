import { agentToken, call, serviceToken, setupTestApi } from './testing/harness';

jest.setTimeout(60_000);

const api = setupTestApi();

const load = (version: string, outcome: 'ok' | 'failed', durationMs: number, extra: Record<string, unknown> = {}) => ({ remote: 'tickets', version, outcome, durationMs, ...extra });

describe('remote load telemetry', () => {
  it('collects loads from agents and summarises them per remote, release and track for supervisors', async () => {
    const stable = Array.from({ length: 20 }, (_, index) => load('0.1.0', 'ok', 100 + index * 10));
    const canary = [load('0.2.0', 'ok', 300, { track: 'canary' }), load('0.2.0', 'failed', 9000, { track: 'canary', stage: 'timeout' }), load('0.2.0', 'failed', 50, { track: 'canary', stage: 'contract' })];
    expect((await call(api, 'POST', '/telemetry/remote-loads', { body: { loads: stable } })).status).toBe(204);
    expect((await call(api, 'POST', '/telemetry/remote-loads', { body: { loads: canary }, token: agentToken('1002') })).status).toBe(204);

    const summary = await call<{ rows: Array<Record<string, unknown>> }>(api, 'GET', '/telemetry/remote-loads/summary?windowMinutes=60', { token: agentToken('2001', undefined, { role: 'supervisor' }) });
    expect(summary.status).toBe(200);
    expect(summary.body.rows).toEqual([
      { remote: 'tickets', version: '0.1.0', track: 'stable', loads: 20, failures: 0, successRate: 1, p95Ms: 281 },
      { remote: 'tickets', version: '0.2.0', track: 'canary', loads: 3, failures: 2, successRate: 1 / 3, p95Ms: 300 },
    ]);
    // The deployment's own tools read it with a service token.
    expect((await call(api, 'GET', '/telemetry/remote-loads/summary', { token: serviceToken() })).status).toBe(200);
  });

  it('refuses agents reading the summary, anonymous reports and malformed ones', async () => {
    expect((await call(api, 'GET', '/telemetry/remote-loads/summary', {})).status).toBe(403);
    expect((await call(api, 'POST', '/telemetry/remote-loads', { token: null, body: { loads: [load('0.1.0', 'ok', 1)] } })).status).toBe(401);
    const bad = await call(api, 'POST', '/telemetry/remote-loads', { body: { loads: [{ ...load('0.1.0', 'ok', 1), remote: 'Bad Name' }] } });
    expect(bad.status).toBe(400);
    expect((await call(api, 'POST', '/telemetry/remote-loads', { body: { loads: [] } })).status).toBe(400);
  });
});
