import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_SEED_USERS } from '../seed/seed';
import { call, callRecordBody, freshSchemaName, serviceToken, startTestApi, testDatabaseUrl, type TestApi } from '../testing/harness';
import { MIGRATIONS } from './migrations';

jest.setTimeout(120_000);

const dir = mkdtempSync(path.join(os.tmpdir(), 'octopus-api-db-'));
const schema = freshSchemaName();
const started: TestApi[] = [];
const persistent = (keepSchema: boolean) =>
  startTestApi({ dataDir: path.join(dir, 'data'), schema, keepSchema, seedUsers: DEFAULT_SEED_USERS }).then((api) => {
    started.push(api);
    return api;
  });

afterAll(async () => {
  for (const api of started) await api.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe(`database on ${testDatabaseUrl() ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('migrates and seeds the full demo data set on first start, quickly', async () => {
    const api = await persistent(true);
    expect(api.seed).toMatchObject({ seeded: true, users: DEFAULT_SEED_USERS });
    // The budget is "a few seconds" on 2 idle cores; CI shares them with other suites, so allow slack.
    expect(api.seed?.ms).toBeLessThan(20_000);
    console.log(`seeded ${api.seed?.users} users in ${api.seed?.ms} ms on ${api.backend}`);
    const versions = await api.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    const counts = await api.db.query<{ orders: number; events: number; installments: number }>(
      `SELECT (SELECT count(*)::int FROM orders) AS orders, (SELECT count(*)::int FROM logistics_events) AS events,
              (SELECT count(*)::int FROM installments) AS installments`,
    );
    expect(counts[0]?.orders).toBeGreaterThan(5000);
    expect(counts[0]?.events).toBeGreaterThan(10000);
    // A write that must survive a restart.
    await call(api, 'PUT', '/internal/call-records/persist-1', { token: serviceToken(), body: callRecordBody('persist-1') });
    await call(api, 'PUT', '/call-records/persist-1/note', { body: { note: 'survives restarts' } });
    await api.close();
  });

  it('on restart keeps the data, neither re-migrating nor re-seeding', async () => {
    const api = await persistent(false);
    expect(api.seed).toMatchObject({ seeded: false, users: DEFAULT_SEED_USERS });
    const rows = await api.db.query<{ note: string }>("SELECT note FROM call_records WHERE call_id = 'persist-1'");
    expect(rows[0]?.note).toBe('survives restarts');
    const users = await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    expect(users[0]?.n).toBe(DEFAULT_SEED_USERS);
  });
});
