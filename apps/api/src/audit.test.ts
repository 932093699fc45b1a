import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AuditLogResponse } from '@octopus/contracts';
import { auditFieldsFromRow, auditHash, auditHeadMac, AUDIT_COLUMNS, auditKeyFromSecret, GENESIS_HASH, type AuditRow } from './audit/chain';
import {
  agentToken,
  call,
  callRecordBody,
  count,
  freshSchemaName,
  grantToken,
  OLD_PUBLIC_SECRET,
  serviceToken,
  startTestApi,
  TEST_SECRET,
  type TestApi,
  testDatabaseUrl,
  setupTestApi,
} from './testing/harness';

jest.setTimeout(120_000);

const api = setupTestApi();

interface Row {
  seq: string;
  agent_id: string | null;
  session_id: string | null;
  user_id: string | null;
  call_id: string | null;
  ticket_id: string | null;
  action: string;
  outcome: string;
  via: string | null;
  reason: string | null;
}
const last = async (): Promise<Row> =>
  (await api.db.query<Row>('SELECT seq::text AS seq, agent_id, session_id, user_id, call_id, ticket_id, action, outcome, via, reason FROM audit_log ORDER BY audit_log.seq DESC LIMIT 1'))[0] as Row;

describe('every access decision is audited', () => {
  it('a refused read (403): agent, session, customer, call and the reason', async () => {
    const r = await call(api, 'GET', '/users/U0000002/loans', { token: agentToken('1004'), grant: grantToken({ agentId: '1004', userId: 'U0000001', callId: 'a-call' }) });
    expect(r.status).toBe(403);
    expect(await last()).toMatchObject({ agent_id: '1004', session_id: 'test-1004', user_id: 'U0000002', action: 'loans.list', outcome: 'refused', reason: expect.stringMatching(/another customer/) });
  });

  it('a refused read without any grant, and a withheld (masked) finance read', async () => {
    await call(api, 'GET', '/users/U0000003/service-track', { token: agentToken('1004') });
    expect(await last()).toMatchObject({ agent_id: '1004', user_id: 'U0000003', action: 'service-track.user', outcome: 'refused', reason: expect.stringMatching(/no call grant/) });
    await call(api, 'GET', '/users/U0000001/consignments', { grant: grantToken({ level: 'unverified', callId: 'a-masked' }) });
    expect(await last()).toMatchObject({ agent_id: '1001', call_id: 'a-masked', action: 'consignments.list', outcome: 'refused', via: 'grant', reason: expect.stringMatching(/withheld/) });
  });

  it('call-record lists and refused call-record changes', async () => {
    await call(api, 'PUT', '/internal/call-records/a-rec-1', { token: serviceToken(), body: callRecordBody('a-rec-1', { agentId: '1002' }) });
    expect((await call(api, 'GET', '/call-records', { token: agentToken('1004') })).status).toBe(200);
    expect(await last()).toMatchObject({ agent_id: '1004', session_id: 'test-1004', action: 'call-records.list', outcome: 'allowed' });
    expect((await call(api, 'PUT', '/call-records/a-rec-1/note', { token: agentToken('1004'), body: { note: 'x' } })).status).toBe(403);
    expect(await last()).toMatchObject({ agent_id: '1004', call_id: 'a-rec-1', action: 'call-records.note', outcome: 'refused' });
  });

  it('401s of bad tokens with agent null', async () => {
    await call(api, 'GET', '/call-records', { token: 'garbage' });
    expect(await last()).toMatchObject({ agent_id: null, session_id: null, action: 'GET /call-records', outcome: 'refused', reason: expect.stringMatching(/malformed/) });
  });
});

describe('GET /audit-log', () => {
  it('is refused to agents (403, itself audited)', async () => {
    const r = await call(api, 'GET', '/audit-log');
    expect(r).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await last()).toMatchObject({ agent_id: '1001', action: 'audit-log.read', outcome: 'refused' });
  });

  it('lets a supervisor (and an admin) read it, filtered by customer, agent, outcome and time, newest first, paged', async () => {
    const sup = { token: agentToken('2001') };
    const all = await call<AuditLogResponse>(api, 'GET', '/audit-log?limit=5', sup);
    expect(all.status).toBe(200);
    expect(all.body.entries).toHaveLength(5);
    const seqs = all.body.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(all.body.nextBefore).toBe(seqs[4]);
    const next = await call<AuditLogResponse>(api, 'GET', `/audit-log?limit=5&before=${all.body.nextBefore}`, sup);
    expect(Math.max(...next.body.entries.map((e) => e.seq))).toBeLessThan(seqs[4] as number);

    const byUser = await call<AuditLogResponse>(api, 'GET', '/audit-log?userId=U0000002&agentId=1004&outcome=refused', sup);
    expect(byUser.body.entries.length).toBeGreaterThanOrEqual(1);
    expect(byUser.body.entries.every((e) => e.userId === 'U0000002' && e.agentId === '1004' && e.outcome === 'refused')).toBe(true);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await call<AuditLogResponse>(api, 'GET', `/audit-log?from=${encodeURIComponent(future)}`, sup)).body.entries).toEqual([]);
    expect((await call(api, 'GET', '/audit-log?outcome=maybe', sup))).toMatchObject({ status: 400, body: { field: 'query.outcome' } });
    expect((await call(api, 'GET', '/audit-log?limit=1', { token: agentToken('2002') })).status).toBe(200);
    expect(await count(api, "audit_log WHERE agent_id = '2001' AND action = 'audit-log.read' AND outcome = 'allowed'")).toBeGreaterThanOrEqual(3);
  });
});

describe('the hash chain', () => {
  it('stays one unbroken chain under concurrent writers', async () => {
    const before = (await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]?.n ?? 0;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call(api, 'GET', '/users/U0000001', i % 2 ? { grant: grantToken({ callId: `conc-${i}` }) } : { token: agentToken('1002') }),
      ),
    );
    const gaps = await api.db.query<{ n: number; max: string }>('SELECT count(*)::int AS n, max(seq)::text AS max FROM audit_log');
    expect(gaps[0]?.n).toBe(before + 40);
    expect(Number(gaps[0]?.max)).toBe(gaps[0]?.n);
    expect(await api.verifyAuditChain()).toMatchObject({ brokenAt: null, checked: before + 40 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE (trigger) and detects a tampered row', async () => {
    expect(await api.verifyAuditChain()).toMatchObject({ brokenAt: null });
    await expect(api.db.query("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 2")).rejects.toThrow(/append-only/);
    await expect(api.db.query('DELETE FROM audit_log WHERE seq = 2')).rejects.toThrow(/append-only/);
    await expect(api.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    // Someone with the rights to disable the trigger changes a row: the chain shows where.
    await api.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
    await api.db.query("UPDATE audit_log SET outcome = 'allowed' WHERE seq = 3");
    await api.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
    const report = await api.verifyAuditChain();
    expect(report.brokenAt).toBe(3);
    expect(report.problem).toMatch(/changed/);
  });
});

describe('keyed chain and head (break report finding 2)', () => {
  /** A fresh api with some audited traffic (each tamper case on its own log). */
  async function withLog(fn: (a: TestApi, rows: number) => Promise<void>): Promise<void> {
    const a = await startTestApi();
    try {
      for (let i = 0; i < 6; i++) await call(a, 'GET', '/users/U0000001', i % 2 ? { grant: grantToken({ callId: `k-${i}` }) } : {});
      const rows = await count(a, 'audit_log');
      expect(await a.verifyAuditChain()).toMatchObject({ brokenAt: null, checked: rows });
      await fn(a, rows);
    } finally {
      await a.close();
    }
  }
  const unlocked = async (a: TestApi, sql: string, params: unknown[] = []): Promise<void> => {
    await a.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
    await a.db.query(sql, params);
    await a.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
  };

  it('rows are MACed with the key derived from the token secret, and the head names the newest row', async () => {
    await withLog(async (a, rows) => {
      const key = auditKeyFromSecret(TEST_SECRET);
      const last = (await a.db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT 1`))[0] as AuditRow;
      expect(auditHash(key, last.prev_hash, auditFieldsFromRow(last))).toBe(last.hash);
      const head = await a.db.query<{ seq: string; hash: string; mac: string }>('SELECT seq::text AS seq, hash, mac FROM audit_head');
      expect(head).toEqual([{ seq: String(rows), hash: last.hash, mac: auditHeadMac(key, rows, last.hash) }]);
      await expect(a.db.query('DELETE FROM audit_head')).rejects.toThrow(/append-only/);
    });
  });

  it('detects deleting the newest rows (tail), even after further writes', async () => {
    await withLog(async (a, rows) => {
      await unlocked(a, 'DELETE FROM audit_log WHERE seq > $1', [rows - 3]);
      const report = await a.verifyAuditChain();
      expect(report).toMatchObject({ brokenAt: rows - 2, problem: expect.stringMatching(/head does not match/) });
      // New rows chain from the head, so the gap stays visible.
      await call(a, 'GET', '/users/U0000001');
      expect(await a.verifyAuditChain()).toMatchObject({ brokenAt: rows - 2, problem: expect.stringMatching(/missing/) });
    });
  });

  it('detects deleting middle rows and re-chaining the rest, renumbered, without the key (here with a guessed key)', async () => {
    await withLog(async (a, rows) => {
      const guessed = auditKeyFromSecret(OLD_PUBLIC_SECRET);
      await unlocked(a, 'DELETE FROM audit_log WHERE seq = 3');
      const rest = await a.db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > 3 ORDER BY seq`);
      let prev = (await a.db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 2'))[0]?.hash ?? GENESIS_HASH;
      for (const row of rest) {
        const fields = { ...auditFieldsFromRow(row), seq: Number(row.seq) - 1 };
        const hash = auditHash(guessed, prev, fields);
        await unlocked(a, 'UPDATE audit_log SET seq = $2, prev_hash = $3, hash = $4 WHERE seq = $1', [row.seq, fields.seq, prev, hash]);
        prev = hash;
      }
      await a.db.query('UPDATE audit_head SET seq = $1, hash = $2, mac = $3', [rows - 1, prev, auditHeadMac(guessed, rows - 1, prev)]);
      expect(await a.verifyAuditChain()).toMatchObject({ brokenAt: 3, problem: expect.stringMatching(/changed/) });
    });
  });

  it('detects a tampered head', async () => {
    await withLog(async (a, rows) => {
      const head = (await a.db.query<{ hash: string; mac: string }>('SELECT hash, mac FROM audit_head'))[0] as { hash: string; mac: string };
      // Pointing it back (to hide the newest row) without the key: its MAC no longer matches.
      const earlier = (await a.db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [rows - 1]))[0]?.hash;
      await a.db.query('UPDATE audit_head SET seq = $1, hash = $2', [rows - 1, earlier]);
      expect(await a.verifyAuditChain()).toMatchObject({ brokenAt: rows - 1, problem: expect.stringMatching(/head does not match.*MAC/) });
      // A valid-looking MAC from another key is no better; the original values restore it.
      await a.db.query('UPDATE audit_head SET seq = $1, hash = $2, mac = $3', [rows, head.hash, auditHeadMac(auditKeyFromSecret(OLD_PUBLIC_SECRET), rows, head.hash)]);
      expect((await a.verifyAuditChain()).problem).toMatch(/head does not match/);
      await a.db.query('UPDATE audit_head SET mac = $1', [head.mac]);
      expect(await a.verifyAuditChain()).toMatchObject({ brokenAt: null });
    });
  });
});

describe('migration 3 (keyed chain)', () => {
  it('re-chains a version-2 log (plain SHA-256, no head) with the key, keeping every row', async () => {
    const url = testDatabaseUrl();
    const schema = url ? freshSchemaName() : undefined;
    const where = url && schema ? { schema, keepSchema: true } : { dataDir: path.join(mkdtempSync(path.join(tmpdir(), 'octopus-mig3-')), 'api') };
    const first = await startTestApi(where);
    await call(first, 'GET', '/users/U0000001');
    await call(first, 'GET', '/users/U0000001', { grant: grantToken({}) });
    // Back to what version 2 left: rows chained by sha256(prev_hash + canonical JSON), no head, migration 3 not applied.
    const rows = await first.db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY seq`);
    await first.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
    let prev = GENESIS_HASH;
    for (const row of rows) {
      const f = auditFieldsFromRow(row);
      const canonical = JSON.stringify({ seq: f.seq, at: f.at, agentId: f.agentId, sessionId: f.sessionId, userId: f.userId, callId: f.callId, ticketId: f.ticketId, action: f.action, outcome: f.outcome, via: f.via, reason: f.reason });
      const hash = createHash('sha256').update(prev).update(canonical).digest('hex');
      await first.db.query('UPDATE audit_log SET prev_hash = $2, hash = $3 WHERE seq = $1', [row.seq, prev, hash]);
      prev = hash;
    }
    await first.db.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
    await first.db.query('DROP TABLE audit_head');
    await first.db.query('DELETE FROM schema_migrations WHERE version = 3');
    await first.close();

    const second = await startTestApi(url && schema ? { schema } : where);
    try {
      expect(await count(second, 'schema_migrations WHERE version = 3')).toBe(1);
      const after = await second.db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq <= $1 ORDER BY seq`, [rows.length]);
      expect(after.map(auditFieldsFromRow)).toEqual(rows.map(auditFieldsFromRow));
      expect(await second.verifyAuditChain()).toMatchObject({ brokenAt: null, checked: rows.length });
    } finally {
      await second.close();
    }
  });
});

describe('pnpm audit-log verify', () => {
  const repo = path.resolve(__dirname, '../../..');
  const run = async (env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(path.join(repo, 'node_modules/.bin/tsx'), ['apps/api/src/cli/audit-log.ts', 'verify'], { cwd: repo, env: { ...process.env, ...env } });
      return { code: 0, out: stdout, err: stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout, err: e.stderr };
    }
  };

  it('walks the api database: rows checked, exit 1 and the first broken seq after a deletion', async () => {
    const url = testDatabaseUrl();
    const schema = url ? freshSchemaName() : undefined;
    const root = mkdtempSync(path.join(tmpdir(), 'octopus-audit-'));
    // The CLI finds the database as the api does: DATABASE_URL, or PGlite in <OCTOPUS_DATA_DIR>/api.
    const where = url && schema ? { schema, keepSchema: true } : { dataDir: path.join(root, 'api') };
    const env: NodeJS.ProcessEnv = {
      OCTOPUS_TOKEN_SECRET: TEST_SECRET,
      ...(url && schema ? { DATABASE_URL: url, DATABASE_SCHEMA: schema } : { OCTOPUS_DATA_DIR: root, DATABASE_URL: '', TEST_DATABASE_URL: '' }),
    };
    const first = await startTestApi(where);
    await call(first, 'GET', '/users/U0000001');
    await call(first, 'GET', '/users/U0000001', { grant: grantToken({}) });
    await call(first, 'GET', '/call-records');
    const rows = (await first.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]?.n ?? 0;
    if (!url) {
      // The embedded folder belongs to the running api: the CLI refuses instead of reading a stale copy.
      const locked = await run(env);
      expect(locked.code).toBe(1);
      expect(locked.err).toMatch(/in use by the api \(pid \d+\): stop the api first, or run against PostgreSQL with DATABASE_URL/);
    }
    await first.close();

    const intact = await run(env);
    expect(intact.code).toBe(0);
    expect(intact.out).toContain(`${rows} rows checked`);

    const second = await startTestApi(where);
    await second.db.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change');
    await second.db.query('DELETE FROM audit_log WHERE seq = 2');
    await second.close();
    const broken = await run(env);
    // Without the token secret the chain cannot be checked (another secret: every MAC differs).
    const otherSecret = await run({ ...env, OCTOPUS_TOKEN_SECRET: auditKeyFromSecret('x').toString('hex') });
    if (url && schema) {
      const third = await startTestApi({ schema });
      await third.close();
    }
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN at seq 2/);
    expect(otherSecret).toMatchObject({ code: 1, out: expect.stringMatching(/BROKEN at seq 1/) });
  });
});
