import { openDatabase } from '../server';
import { modeFromEnv, resolveTokenSecret } from '@octopus/auth';
import { databaseFromEnv, dataRootFromEnv } from '../config';
import { auditKeyFromSecret } from '../audit/chain';
import { migrate } from '../db/migrations';
import type { Database } from '@octopus/db';

export interface ApiDatabase {
  db: Database;
  /** The audit chain's MAC key, from the same token secret the api resolves. */
  auditKey: Buffer;
}

/**
 * The database the api itself uses (`DATABASE_URL`/`DATABASE_SCHEMA`, else PGlite in
 * `<OCTOPUS_DATA_DIR root>/api`), migrated, with the audit key from the token secret resolved like the
 * api does (`OCTOPUS_TOKEN_SECRET`, else the demo/test secret file in the data root).
 * @throws DataDirLockedError ("stop the api first, or use DATABASE_URL") while a live api holds the embedded folder.
 */
export async function openApiDatabase(env: NodeJS.ProcessEnv = process.env, role = 'a CLI'): Promise<ApiDatabase> {
  const mode = modeFromEnv(env);
  const auditKey = auditKeyFromSecret(resolveTokenSecret({ mode, dataDir: dataRootFromEnv(env), env }));
  const db = await openDatabase(databaseFromEnv(env), role);
  try {
    await migrate(db, { auditKey });
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return { db, auditKey };
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Reads all of stdin (a password piped in). */
  readStdin: () => Promise<string>;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};
