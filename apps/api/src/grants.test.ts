import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  call,
  count,
  freshSchemaName,
  grantToken,
  serviceToken,
  startTestApi,
  type TestApi,
  testDatabaseUrl,
  setupTestApi,
} from './testing/harness';

jest.setTimeout(120_000);

const api = setupTestApi();

const MIN = 60_000;
const ended = (target: TestApi, body: { callId: string; agentId: string; legEndedAt: number; notAfter: number }) =>
  call(target, 'POST', '/internal/grants/ended', { token: serviceToken(), body });
/** A verified grant for agent 1001 and 张伟 on `callId`, issued `agoMs` ago (30 minutes long). */
const grantIssued = (callId: string, agoMs: number) =>
  grantToken({ callId, level: 'verified' }, { ttlSeconds: 1800, now: () => Date.now() - agoMs });

describe('grants end with the agent’s part of the call', () => {
  it('after hang-up: full data during after-call work, then 403 grant_ended (loans included)', async () => {
    const grant = grantIssued('g-hangup', 5 * MIN);
    const legEndedAt = Date.now() - MIN;
    expect((await ended(api, { callId: 'g-hangup', agentId: '1001', legEndedAt, notAfter: Date.now() + MIN })).status).toBe(204);
    expect((await call(api, 'GET', '/users/U0000001/loans', { grant })).status).toBe(200);
    // Wrap-up ended early: the cti-server sends again with the earlier end; the api keeps the minimum.
    await ended(api, { callId: 'g-hangup', agentId: '1001', legEndedAt, notAfter: Date.now() - 1 });
    for (const p of ['/users/U0000001', '/users/U0000001/loans', '/users/U0000001/consignments', '/users/U0000001/orders']) {
      const r = await call(api, 'GET', p, { grant });
      expect(r).toMatchObject({ status: 403, body: { error: 'grant_ended' } });
    }
    // A later, longer repeat (an outbox retry of the first message) does not reopen it.
    await ended(api, { callId: 'g-hangup', agentId: '1001', legEndedAt, notAfter: Date.now() + MIN });
    expect((await call(api, 'GET', '/users/U0000001', { grant })).status).toBe(403);
    expect(await count(api, "audit_log WHERE call_id = 'g-hangup' AND outcome = 'refused' AND reason LIKE '%ended%'")).toBeGreaterThanOrEqual(5);
  });

  it('after a rejected (or missed) ring: refused at once', async () => {
    const grant = grantIssued('g-rejected', 10_000);
    const at = Date.now() - 1000;
    await ended(api, { callId: 'g-rejected', agentId: '1001', legEndedAt: at, notAfter: at });
    expect(await call(api, 'GET', '/users/U0000001', { grant })).toMatchObject({ status: 403, body: { error: 'grant_ended' } });
  });

  it('never longer than 2 minutes after the leg, whatever notAfter says', async () => {
    const grant = grantIssued('g-clamp', 10 * MIN);
    const legEndedAt = Date.now() - 3 * MIN;
    await ended(api, { callId: 'g-clamp', agentId: '1001', legEndedAt, notAfter: Date.now() + 60 * MIN });
    expect((await call(api, 'GET', '/users/U0000001', { grant })).status).toBe(403);
  });

  it('only for that agent, and not for a grant issued after the leg ended (the agent rejoined)', async () => {
    const at = Date.now() - 2000;
    await ended(api, { callId: 'g-rejoin', agentId: '1001', legEndedAt: at, notAfter: at });
    expect((await call(api, 'GET', '/users/U0000001', { grant: grantToken({ callId: 'g-rejoin' }) })).status).toBe(200);
    await ended(api, { callId: 'g-other', agentId: '1002', legEndedAt: at, notAfter: at });
    expect((await call(api, 'GET', '/users/U0000001', { grant: grantIssued('g-other', MIN) })).status).toBe(200);
  });

  it('the agent can no longer run the identity check on an ended grant', async () => {
    const grant = grantToken({ callId: 'g-verify', level: 'unverified' }, { now: () => Date.now() - MIN });
    const at = Date.now() - 1000;
    await ended(api, { callId: 'g-verify', agentId: '1001', legEndedAt: at, notAfter: at });
    const r = await call(api, 'POST', '/identity/verify', { grant, body: { userId: 'U0000001', input: '1239', callId: 'g-verify' } });
    expect(r).toMatchObject({ status: 403, body: { error: 'grant_ended' } });
  });

  it('needs the service token and valid input', async () => {
    expect((await call(api, 'POST', '/internal/grants/ended', { body: { callId: 'x', agentId: '1001', legEndedAt: 1, notAfter: 1 } })).status).toBe(401);
    expect(await ended(api, { callId: 'x', agentId: '1001', legEndedAt: 'soon' as unknown as number, notAfter: 1 })).toMatchObject({ status: 400, body: { field: 'body.legEndedAt' } });
  });
});

describe('grant ends survive an api restart (they are in the database)', () => {
  it('still refuses the grant after a restart', async () => {
    const url = testDatabaseUrl();
    const schema = url ? freshSchemaName() : undefined;
    const dataDir = url ? undefined : mkdtempSync(path.join(tmpdir(), 'octopus-grants-'));
    const where = { ...(schema ? { schema, keepSchema: true } : {}), ...(dataDir ? { dataDir } : {}) };
    const first = await startTestApi(where);
    const grant = grantIssued('g-restart', 5 * MIN);
    try {
      expect((await call(first, 'GET', '/users/U0000001', { grant })).status).toBe(200);
      await ended(first, { callId: 'g-restart', agentId: '1001', legEndedAt: Date.now() - MIN, notAfter: Date.now() - 1 });
    } finally {
      await first.close();
    }
    const second = await startTestApi({ ...where, keepSchema: false });
    try {
      expect(await call(second, 'GET', '/users/U0000001', { grant })).toMatchObject({ status: 403, body: { error: 'grant_ended' } });
    } finally {
      await second.close();
    }
  });
});
