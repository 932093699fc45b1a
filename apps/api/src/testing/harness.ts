import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { signToken, type GrantLevel, DEMO_PASSWORD } from '@octopus/auth';
import { openPostgres } from '@octopus/db';
import type { DatabaseOption } from '../server';

// Test harness: one api per test file, on in-memory PGlite, or on PostgreSQL in a fresh schema when
// TEST_DATABASE_URL (or DATABASE_URL) is set, so the same suites cover both backends. The api runs in
// a child process (see child.ts for why); `db.query` proxies SQL to it.

/** The suites' token secret: 32 random bytes (hex), as every mode now requires. */
export const TEST_SECRET = '5f1c0e9a7b3d4c2e8f6a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e';
/** The secret every checkout used to share (`octopus-dev-secret-change-me`): must open nothing. */
export const OLD_PUBLIC_SECRET = 'octopus-dev-secret-change-me';
/** Seeded accounts (demo/test mode), password `octopus`. */
export const TEST_AGENTS = ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '2001', '2002'] as const;
export { DEMO_PASSWORD };
export const TEST_SEED = { seed: 7, users: 80 };

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export interface TestApi {
  url: string;
  seed: { seeded: boolean; users: number; ms: number } | null;
  backend: 'pglite' | 'postgres';
  db: { query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };
  /** What the api process printed (with `captureLogs`). */
  logs(): string;
  /** Walks the audit hash chain inside the api's process (same code as `pnpm audit-log verify`). */
  verifyAuditChain(): Promise<{ checked: number; brokenAt: number | null; problem: string | null }>;
  close(): Promise<void>;
}

type ChildMessage =
  | { type: 'ready'; url: string; backend: 'pglite' | 'postgres'; seed: TestApi['seed'] }
  | { type: 'failed'; error: string }
  | { type: 'result'; id: number; rows?: unknown[]; error?: string };

export interface StartTestApiOptions {
  seedUsers?: number;
  /** PGlite: persist in this folder (restart tests). */
  dataDir?: string;
  /** PostgreSQL: use this schema (restart tests); default a fresh one. */
  schema?: string;
  /** PostgreSQL: keep the schema on close (restart tests). */
  keepSchema?: boolean;
  /** Default TEST_SECRET. */
  tokenSecret?: string;
  /** Default 'test'. */
  mode?: 'demo' | 'test' | 'production';
  /** Skip creating the long-lived `test-<agentId>` sessions `agentToken()` signs for. */
  noTestSessions?: boolean;
  /** Collect the api process's stdout/stderr (read with `logs()`) instead of passing them through. */
  captureLogs?: boolean;
  /** The seed's PRNG seed and anchor (ms since epoch); default TEST_SEED's seed and today's midnight UTC. */
  seed?: { seed: number; anchor?: number };
  /** A fixed clock for the api (ms since epoch), for answers that depend on today (loans' due states). Default the real clock. */
  now?: number;
}

export function freshSchemaName(): string {
  return `octopus_t_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function startTestApi(options: StartTestApiOptions = {}): Promise<TestApi> {
  const url = testDatabaseUrl();
  const schema = url ? (options.schema ?? freshSchemaName()) : undefined;
  const database: DatabaseOption =
    url && schema ? { kind: 'postgres', url, schema } : { kind: 'pglite', ...(options.dataDir ? { dataDir: options.dataDir } : {}) };
  const config = {
    database,
    seed: { ...TEST_SEED, ...options.seed, ...(options.seedUsers ? { users: options.seedUsers } : {}) },
    tokenSecret: options.tokenSecret ?? TEST_SECRET,
    mode: options.mode ?? 'test',
    ...(options.now !== undefined ? { now: options.now } : {}),
  };
  const child: ChildProcess = fork(path.join(__dirname, 'child.ts'), [], {
    execArgv: ['--require', require.resolve('esbuild-register')],
    env: { ...process.env, OCTOPUS_TEST_API_CONFIG: JSON.stringify(config) },
    stdio: options.captureLogs ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let logs = '';
  child.stdout?.on('data', (chunk: Buffer) => (logs += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (logs += chunk.toString('utf8')));
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const dropSchema = async (): Promise<void> => {
    if (!url || !schema || options.keepSchema) return;
    const admin = await openPostgres({ url, max: 1 });
    try {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await admin.close();
    }
  };
  const starting = new Promise<{ url: string; backend: 'pglite' | 'postgres'; seed: TestApi['seed'] }>((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'failed') reject(new Error(`test api failed to start: ${message.error}`));
      else {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.error !== undefined) waiter?.reject(new Error(message.error));
        else waiter?.resolve(message.rows ?? []);
      }
    });
    child.once('exit', (code) => reject(new Error(`test api exited with code ${String(code)}`)));
  });
  // A start that fails (tests of refused starts) must not leave its PostgreSQL schema behind.
  const ready = await starting.catch(async (error: unknown) => {
    await dropSchema();
    throw error;
  });
  const send = <T>(message: Record<string, unknown>): Promise<T[]> =>
    new Promise<T[]>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: (rows) => resolve(rows as T[]), reject });
      child.send({ ...message, id });
    });
  const db = { query: <T>(sql: string, params: unknown[] = []): Promise<T[]> => send<T>({ type: 'query', sql, params }) };
  if (!options.noTestSessions) {
    // One long-lived session per seeded account, so `agentToken(id)` works without a login per test.
    await db.query(
      `INSERT INTO agent_sessions (id, agent_id, created_at, last_renewed_at, expires_at, max_expires_at, client)
       SELECT 'test-' || id, id, now(), now(), now() + interval '1 day', now() + interval '1 day', 'test' FROM agents
       ON CONFLICT (id) DO NOTHING`,
    );
  }
  return {
    url: ready.url,
    backend: ready.backend,
    seed: ready.seed,
    db,
    logs: () => logs,
    async verifyAuditChain() {
      const [report] = await send<{ checked: number; brokenAt: number | null; problem: string | null }>({ type: 'verify-audit' });
      return report as { checked: number; brokenAt: number | null; problem: string | null };
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.send({ type: 'close' });
        await exited;
      }
      await dropSchema();
    },
  };
}

/**
 * The test file's api: started before its first test and closed after its last (jest's beforeAll/afterAll,
 * registered here, so a file's own beforeAll registered after this call already finds it running).
 * `start`: startTestApi's options, or a function that starts one (e.g. startFixtureApi). The returned
 * object stands for the started api; reading it outside a test or hook of the file throws.
 */
export function setupTestApi(start: StartTestApiOptions | (() => Promise<TestApi>) = {}): TestApi {
  let started: TestApi | null = null;
  beforeAll(async () => {
    started = await (typeof start === 'function' ? start() : startTestApi(start));
  });
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as TestApi, {
    get(_target, key) {
      if (!started) throw new Error('the test api is not running: use it inside a test or hook');
      const value: unknown = Reflect.get(started, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(started) : value;
    },
  });
}

const TTL = 600;

/**
 * An agent token for the seeded account `agentId`, naming its long-lived test session `test-<agentId>`
 * (created by startTestApi). Pass `sid`/`secret` to forge variations.
 */
export function agentToken(agentId: string, ttlSeconds = TTL, options: { sid?: string; secret?: string; role?: 'agent' | 'supervisor' | 'admin' } = {}): string {
  return signToken(
    { kind: 'agent', sub: agentId, sid: options.sid ?? `test-${agentId}`, name: `Agent ${agentId}`, role: options.role ?? 'agent', skillGroups: ['aftersale'] },
    { secret: options.secret ?? TEST_SECRET, ttlSeconds },
  );
}

export function serviceToken(secret = TEST_SECRET): string {
  return signToken({ kind: 'service', sub: 'cti-server' }, { secret, ttlSeconds: TTL });
}

/** Logs in through `POST /internal/auth/login` (as the cti-server does); returns the whole answer. */
export function login(api: TestApi, agentId: string, password = DEMO_PASSWORD, client = '10.0.0.1'): Promise<CallResult<Record<string, unknown>>> {
  return call(api, 'POST', '/internal/auth/login', { token: serviceToken(), body: { agentId, password, client } });
}

export function grantToken(
  claims: { callId?: string; agentId?: string; userId?: string; level?: GrantLevel; callerNumber?: string | null },
  options: { ttlSeconds?: number; now?: () => number; secret?: string } = {},
): string {
  return signToken(
    {
      kind: 'grant',
      callId: claims.callId ?? 'call-test-1',
      agentId: claims.agentId ?? '1001',
      userId: claims.userId ?? 'U0000001',
      level: claims.level ?? 'verified',
      callerNumber: claims.callerNumber ?? null,
    },
    { secret: options.secret ?? TEST_SECRET, ttlSeconds: options.ttlSeconds ?? TTL, ...(options.now ? { now: options.now } : {}) },
  );
}

export interface CallOptions {
  token?: string | null;
  grant?: string;
  ticket?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface CallResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** One HTTP request; `token` defaults to agent 1001's. */
export async function call<T = Record<string, unknown>>(api: TestApi, method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? agentToken('1001') : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.grant) headers['x-octopus-grant'] = options.grant;
  if (options.ticket) headers['x-octopus-ticket'] = options.ticket;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${api.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

/** A full call-record upsert body (as the cti-server sends it). */
export function callRecordBody(callId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    callId,
    agentId: '1001',
    direction: 'inbound',
    number: '13800138000',
    province: '北京市',
    city: '北京市',
    skillGroup: 'aftersale',
    keyTrack: '1',
    verificationStatus: 'verified',
    verificationMethod: 'ivr-phone',
    userId: 'U0000001',
    connectedAt: new Date().toISOString(),
    endedAt: null,
    transfers: [],
    rating: null,
    endReason: null,
    ...overrides,
  };
}

/** Rows of one table matching a where-clause, for "nothing was written" checks. */
export async function count(api: TestApi, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return rows[0]?.n ?? 0;
}
