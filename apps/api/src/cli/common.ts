import { openDatabase } from '../server';
import { databaseFromEnv } from '../config';
import { migrate } from '../db/migrations';
import type { Database } from '@octopus/db';

/**
 * The database the api itself uses (`DATABASE_URL`/`DATABASE_SCHEMA`, else PGlite in
 * `<OCTOPUS_DATA_DIR root>/api`), migrated. PGlite is single-process: stop the api first.
 */
export async function openApiDatabase(env: NodeJS.ProcessEnv = process.env): Promise<Database> {
  const db = await openDatabase(databaseFromEnv(env));
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
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
