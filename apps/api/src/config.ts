import { existsSync } from 'node:fs';
import path from 'node:path';

/** The monorepo root (has pnpm-workspace.yaml), found from the running script, else from the cwd. */
export function findRepoRoot(starts: readonly string[] = [path.dirname(process.argv[1] ?? '.'), process.cwd()]): string | null {
  for (const start of starts) {
    let dir = path.resolve(start);
    for (;;) {
      if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return null;
}

/**
 * The deployment's data folder ROOT, shared by every service: `OCTOPUS_DATA_DIR` (relative paths
 * resolve against the repo root, not the cwd), default `<repo>/.data`. The generated demo/test token
 * secret lives in it; the api's embedded database in `<root>/api` (`apiDatabaseDir`).
 */
export function dataRootFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const root = findRepoRoot() ?? process.cwd();
  const configured = env.OCTOPUS_DATA_DIR;
  if (!configured) return path.join(root, '.data');
  return path.isAbsolute(configured) ? configured : path.resolve(root, configured);
}

/** Where the api keeps its embedded (PGlite) database inside the data root. */
export function apiDatabaseDir(dataRoot: string): string {
  return path.join(dataRoot, 'api');
}

/**
 * The address the api listens on: `OCTOPUS_BIND_HOST` (shared with the other services), else
 * `API_HOST`, else `127.0.0.1`: loopback only, so a demo on a laptop is not reachable from the
 * network unless someone says so (e.g. `OCTOPUS_BIND_HOST=0.0.0.0` behind a proxy).
 */
export function bindHostFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.OCTOPUS_BIND_HOST || env.API_HOST || '127.0.0.1';
}

export function portFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.API_PORT;
  if (raw === undefined || raw === '') return 4100;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`API_PORT must be a port number, got "${raw}"`);
  return port;
}

export function corsOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const raw = env.API_CORS_ORIGINS;
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

/** The database the api (and its CLIs) use: PostgreSQL when `DATABASE_URL` is set, else PGlite in `<root>/api`. */
export function databaseFromEnv(env: NodeJS.ProcessEnv = process.env):
  | { kind: 'postgres'; url: string; schema?: string }
  | { kind: 'pglite'; dataDir: string } {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL, ...(env.DATABASE_SCHEMA ? { schema: env.DATABASE_SCHEMA } : {}) }
    : { kind: 'pglite', dataDir: apiDatabaseDir(dataRootFromEnv(env)) };
}
