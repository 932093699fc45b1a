import type { Queryable } from '@octopus/db';

/** What a migration may need besides SQL. */
export interface MigrationContext {
  /** The audit chain's MAC key (`auditKeyFromSecret(token secret)`); migration 3 re-chains with it. */
  auditKey?: Buffer;
}

/**
 * One schema change. Append-only: never edit a shipped migration, add the next one (a new file here, listed
 * in ../migrations.ts). Plain SQL that PGlite and PostgreSQL both run. Money in integer fen, timestamps
 * timestamptz, no int8 (drivers differ on it). Statements end with a semicolon at line end (see splitStatements).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Runs after the SQL, in the same transaction. */
  run?: (tx: Queryable, ctx: MigrationContext) => Promise<void>;
}
