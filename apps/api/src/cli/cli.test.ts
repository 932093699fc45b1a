import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoginResponse } from '@octopus/contracts';
import { call, count, freshSchemaName, login, serviceToken, startTestApi, testDatabaseUrl, TEST_SECRET } from '../testing/harness';

jest.setTimeout(180_000);

const repo = path.resolve(__dirname, '../../../..');

/** Runs `pnpm agents …` (the same script) against one database; `input` goes to stdin. */
function agents(args: string[], env: NodeJS.ProcessEnv, input = ''): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(repo, 'node_modules/.bin/tsx'), ['apps/api/src/cli/agents.ts', ...args], { cwd: repo, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
    child.stdin.end(input);
  });
}

/** One database for the CLI and the api: a PostgreSQL schema when the suite runs on PostgreSQL, else PGlite in <root>/api. */
function sharedDatabase(): { api: { schema?: string; keepSchema?: boolean; dataDir?: string }; env: NodeJS.ProcessEnv; drop: () => Promise<void> } {
  const url = testDatabaseUrl();
  if (url) {
    const schema = freshSchemaName();
    return {
      api: { schema, keepSchema: true },
      env: { DATABASE_URL: url, DATABASE_SCHEMA: schema, OCTOPUS_TOKEN_SECRET: TEST_SECRET },
      drop: async () => (await startTestApi({ schema, mode: 'test' })).close(),
    };
  }
  const root = mkdtempSync(path.join(tmpdir(), 'octopus-agents-'));
  return { api: { dataDir: path.join(root, 'api') }, env: { OCTOPUS_DATA_DIR: root, DATABASE_URL: '', TEST_DATABASE_URL: '', OCTOPUS_TOKEN_SECRET: TEST_SECRET }, drop: async () => undefined };
}

describe('pnpm agents', () => {
  it('adds, lists, disables and resets accounts that a production api then uses; every change audited', async () => {
    const db = sharedDatabase();
    const env = { ...db.env, OCTOPUS_MODE: 'production' };
    try {
      expect(await agents(['add', '3001', '--name', 'Ops Admin', '--role', 'admin', '--password', 'first-admin-pass'], env)).toMatchObject({ code: 0 });
      expect(await agents(['add', '3002', '--name', '新坐席', '--skill-groups', 'presale,finance'], env, 'a-piped-password\n')).toMatchObject({ code: 0 });
      expect(await agents(['add', '3003', '--name', 'Weak'], env, 'short\n')).toMatchObject({ code: 2, err: expect.stringMatching(/at least 8/) });
      expect(await agents(['add', '3001', '--name', 'Again', '--password', 'another-password'], env)).toMatchObject({ code: 2, err: expect.stringMatching(/already exists/) });
      const list = await agents(['list'], env);
      expect(list.out).toMatch(/3001\tOps Admin\tadmin\t-\tenabled/);
      expect(list.out).toMatch(/3002\t新坐席\tagent\tpresale,finance\tenabled/);
      expect(list.out).not.toMatch(/1001/);

      let api = await startTestApi({ ...db.api, mode: 'production' });
      let session: LoginResponse;
      try {
        // Production seeds nothing demo: no customers, orders, tickets or history (break report finding 5).
        expect(api.seed).toBeNull();
        for (const table of ['users', 'user_phones', 'orders', 'tickets', 'consignments', 'loans', 'im_sessions', 'call_records', 'seed_info']) {
          expect([table, await count(api, table)]).toEqual([table, 0]);
        }
        expect((await login(api, '1001')).status).toBe(401);
        const r = await login(api, '3002', 'a-piped-password');
        expect(r.status).toBe(200);
        session = r.body as unknown as LoginResponse;
        expect(session.agent).toEqual({ id: '3002', name: '新坐席', role: 'agent', skillGroups: ['presale', 'finance'] });
      } finally {
        await api.close();
      }

      expect(await agents(['disable', '3002'], env)).toMatchObject({ code: 0, out: expect.stringMatching(/ended [1-9]\d* sessions/) });
      expect(await agents(['reset-password', '3001'], env, 'tiny\n')).toMatchObject({ code: 2 });
      expect(await agents(['reset-password', '3001', '--password', 'second-admin-pass'], env)).toMatchObject({ code: 0 });
      expect(await agents(['disable', 'nobody'], env)).toMatchObject({ code: 2, err: expect.stringMatching(/no agent nobody/) });

      api = await startTestApi({ ...db.api, mode: 'production' });
      try {
        expect(await login(api, '3002', 'a-piped-password')).toMatchObject({ status: 403, body: { error: 'account_disabled' } });
        const check = await call(api, 'POST', '/internal/sessions/check', { token: serviceToken(), body: { sessionIds: [session.sessionId] } });
        expect(check.body).toEqual({ inactive: [session.sessionId] });
        expect((await login(api, '3001', 'first-admin-pass')).status).toBe(401);
        expect((await login(api, '3001', 'second-admin-pass')).status).toBe(200);
        expect(await count(api, "audit_log WHERE via = 'cli' AND action IN ('account.add', 'account.disable', 'account.reset-password')")).toBe(4);
        expect(await api.verifyAuditChain()).toMatchObject({ brokenAt: null });
      } finally {
        await api.close();
      }
    } finally {
      await db.drop();
    }
  });

  it('refuses while a live api holds the embedded database (its change would be lost), and runs once it stopped', async () => {
    if (testDatabaseUrl()) return; // beside PostgreSQL the CLI runs next to the api: covered above
    const db = sharedDatabase();
    const env = { ...db.env, OCTOPUS_MODE: 'test' };
    const api = await startTestApi({ ...db.api, mode: 'test' });
    try {
      const refused = await agents(['add', '3005', '--name', 'Late', '--password', 'late-password'], env);
      expect(refused).toMatchObject({ code: 1, err: expect.stringMatching(/in use by the api \(pid \d+\): stop the api first, or run against PostgreSQL with DATABASE_URL/) });
      expect(await count(api, "agents WHERE id = '3005'")).toBe(0);
      // Customer data on disk: the folder 0700 while the api runs (others cannot enter it) …
      expect(statSync(db.api.dataDir as string).mode & 0o777).toBe(0o700);
    } finally {
      await api.close();
    }
    // … and its files 0600 once it stopped (no group/other bits anywhere).
    const dir = db.api.dataDir as string;
    const loose = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => (statSync(path.join(dir, f)).mode & 0o077) !== 0);
    expect(loose).toEqual([]);
    expect(await agents(['add', '3005', '--name', 'Late', '--password', 'late-password'], env)).toMatchObject({ code: 0 });
    const again = await startTestApi({ ...db.api, mode: 'test' });
    try {
      expect((await login(again, '3005', 'late-password')).status).toBe(200);
    } finally {
      await again.close();
    }
  });

  it('production refuses to start while a demo account still has the demo password', async () => {
    const db = sharedDatabase();
    try {
      const demo = await startTestApi({ ...db.api, mode: 'test' });
      await demo.close();
      await expect(startTestApi({ ...db.api, mode: 'production' })).rejects.toThrow(/demo account 1001 with the demo password/);
    } finally {
      await db.drop();
    }
  });
});
