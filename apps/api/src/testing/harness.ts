import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { signToken, type GrantLevel } from '@octopus/auth';
import { openPostgres } from '@octopus/db';
import type { DatabaseOption } from '../server';

// Test harness: one api per test file, on in-memory PGlite, or on PostgreSQL in a fresh schema when
// TEST_DATABASE_URL (or DATABASE_URL) is set, so the same suites cover both backends. The api runs in
// a child process (see child.ts for why); `db.query` proxies SQL to it.

export const TEST_SECRET = 'octopus-test-secret';
export const TEST_SEED = { seed: 7, users: 80 };

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export interface TestApi {
  url: string;
  seed: { seeded: boolean; users: number; ms: number } | null;
  backend: 'pglite' | 'postgres';
  db: { query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };
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
}

export function freshSchemaName(): string {
  return `octopus_t_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function startTestApi(options: StartTestApiOptions = {}): Promise<TestApi> {
  const url = testDatabaseUrl();
  const schema = url ? (options.schema ?? freshSchemaName()) : undefined;
  const database: DatabaseOption =
    url && schema ? { kind: 'postgres', url, schema } : { kind: 'pglite', ...(options.dataDir ? { dataDir: options.dataDir } : {}) };
  const config = { database, seed: { ...TEST_SEED, ...(options.seedUsers ? { users: options.seedUsers } : {}) }, tokenSecret: TEST_SECRET };
  const child: ChildProcess = fork(path.join(__dirname, 'child.ts'), [], {
    execArgv: ['--require', require.resolve('esbuild-register')],
    env: { ...process.env, OCTOPUS_TEST_API_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  const ready = await new Promise<{ url: string; backend: 'pglite' | 'postgres'; seed: TestApi['seed'] }>((resolve, reject) => {
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
  return {
    url: ready.url,
    backend: ready.backend,
    seed: ready.seed,
    db: {
      query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
        return new Promise<T[]>((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve: (rows) => resolve(rows as T[]), reject });
          child.send({ type: 'query', id, sql, params });
        });
      },
    },
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.send({ type: 'close' });
        await exited;
      }
      if (url && schema && !options.keepSchema) {
        const admin = await openPostgres({ url, max: 1 });
        try {
          await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } finally {
          await admin.close();
        }
      }
    },
  };
}

const TTL = 600;

export function agentToken(agentId: string, ttlSeconds = TTL): string {
  return signToken({ kind: 'agent', sub: agentId, name: `Agent ${agentId}`, skillGroups: ['aftersale'] }, { secret: TEST_SECRET, ttlSeconds });
}

export function serviceToken(): string {
  return signToken({ kind: 'service', sub: 'cti-server' }, { secret: TEST_SECRET, ttlSeconds: TTL });
}

export function grantToken(
  claims: { callId?: string; agentId?: string; userId?: string; level?: GrantLevel },
  options: { ttlSeconds?: number; now?: () => number; secret?: string } = {},
): string {
  return signToken(
    {
      kind: 'grant',
      callId: claims.callId ?? 'call-test-1',
      agentId: claims.agentId ?? '1001',
      userId: claims.userId ?? 'U0000001',
      level: claims.level ?? 'verified',
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
