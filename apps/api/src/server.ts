import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { resolveTokenSecret, secretProblem } from '@octopus/auth';
import type { OctopusMode } from '@octopus/contracts';
import { prepareAccounts } from './accounts/seed';
import { createApp } from './app';
import { openPglite, openPostgres, type Database } from '@octopus/db';
import { migrate } from './db/migrations';
import { lockDataDir, restrictDataDir } from './db/embedded';
import { auditKeyFromSecret } from './audit/chain';
import { seedIfEmpty, type SeedResult } from './seed/seed';
import { seedDemoDispositions } from './dispositions/repository';
import type { SeedOptions } from './seed/generate';

export type DatabaseOption =
  | { kind: 'pglite'; /** Omit for an in-memory database. */ dataDir?: string }
  | { kind: 'postgres'; url: string; schema?: string }
  | { kind: 'existing'; db: Database; /** Close it with the server (default false). */ owned?: boolean };

export interface StartApiServerOptions {
  /** 0 = any free port. Default 4100. */
  port?: number;
  /** Default `127.0.0.1` (loopback only; main.ts reads OCTOPUS_BIND_HOST). */
  host?: string;
  database: DatabaseOption;
  /** false = do not seed; otherwise seed an empty database with these options (demo and test modes only: production never seeds). */
  seed?: Partial<SeedOptions> | false;
  /** demo (default) | test | production: which accounts are seeded (none in production) and how passwords are hashed. */
  mode?: OctopusMode;
  /**
   * The HMAC secret shared with the cti-server (checked: at least 32 random bytes). Default:
   * `resolveTokenSecret({ mode, dataDir: dataRoot })` (OCTOPUS_TOKEN_SECRET, or demo/test's generated file).
   */
  tokenSecret?: string;
  /** The deployment's data folder root (for the generated demo/test secret). Default `<cwd>/.data`. */
  dataRoot?: string;
  corsOrigins?: readonly string[];
  logger?: boolean;
  now?: () => number;
}

export interface ApiServer {
  url: string;
  port: number;
  db: Database;
  app: FastifyInstance;
  seed: SeedResult | null;
  close(): Promise<void>;
}

/**
 * Opens the database. An embedded (PGlite) folder is first locked for this process (`role` names it
 * to others: see lockDataDir) and restricted to its owner (folder 0700, files 0600, umask 077).
 * @throws DataDirLockedError while another live process (the api, a CLI) holds the folder.
 */
export async function openDatabase(option: DatabaseOption, role = 'the api'): Promise<Database> {
  switch (option.kind) {
    case 'pglite': {
      if (!option.dataDir) return openPglite();
      const release = lockDataDir(option.dataDir, role);
      try {
        // Customer data: nobody but the service's user reads it. The folder (0700) is what keeps others
        // out: PGlite's WASM file system creates its files 0666 whatever the umask, so they are
        // tightened to 0600 again after opening and on close.
        process.umask(0o077);
        restrictDataDir(option.dataDir);
        const db = await openPglite(option.dataDir);
        restrictDataDir(option.dataDir);
        const dataDir = option.dataDir;
        return {
          ...db,
          close: async () => {
            try {
              await db.close();
              restrictDataDir(dataDir);
            } finally {
              release();
            }
          },
        };
      } catch (error) {
        release();
        throw error;
      }
    }
    case 'postgres':
      return openPostgres({ url: option.url, ...(option.schema ? { schema: option.schema } : {}) });
    case 'existing':
      return option.db;
  }
}

/**
 * Opens (and on first start migrates and seeds) the database, then serves. Used by main.ts, tests and the e2e harness.
 * @throws Error when the token secret is weak or missing (production), or production mode has no usable account.
 */
export async function startApiServer(options: StartApiServerOptions): Promise<ApiServer> {
  const mode = options.mode ?? 'demo';
  const tokenSecret = options.tokenSecret ?? resolveTokenSecret({ mode, ...(options.dataRoot ? { dataDir: options.dataRoot } : {}) });
  const weak = secretProblem(tokenSecret);
  if (weak) throw new Error(`the token secret ${weak}`);
  const db = await openDatabase(options.database);
  const ownsDb = options.database.kind !== 'existing' || options.database.owned === true;
  try {
    await migrate(db, { auditKey: auditKeyFromSecret(tokenSecret) });
    await prepareAccounts(db, mode);
    // Production holds real customers only: no demo customers, orders, tickets or anything else generated.
    const seed = options.seed === false || mode === 'production' ? null : await seedIfEmpty(db, options.seed ?? {});
    // Wrap-up codes are configuration, not customer data: the demo list in demo and test modes.
    if (mode !== 'production') await seedDemoDispositions(db);
    const app = await createApp({
      db,
      mode,
      tokenSecret,
      now: options.now ?? Date.now,
      ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
      ...(options.logger !== undefined ? { logger: options.logger } : {}),
    });
    const host = options.host ?? '127.0.0.1';
    await app.listen({ port: options.port ?? 4100, host });
    const port = (app.server.address() as AddressInfo).port;
    let closing: Promise<void> | null = null;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      db,
      app,
      seed,
      close() {
        closing ??= (async () => {
          await app.close();
          if (ownsDb) await db.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    if (ownsDb) await db.close().catch(() => undefined);
    throw error;
  }
}
