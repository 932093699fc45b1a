import type { Database } from '@octopus/db';
import { migration1 } from './migrations/0001-customer-data';
import { migration2 } from './migrations/0002-trust';
import { migration3 } from './migrations/0003-keyed-audit-chain';
import { migration4 } from './migrations/0004-remote-loads';
import { migration5 } from './migrations/0005-dispositions';
import { migration6 } from './migrations/0006-call-report-times';
import type { Migration, MigrationContext } from './migrations/migration';

export type { MigrationContext } from './migrations/migration';

/** Every migration in order, one file each in ./migrations/ (append-only: add the next, never edit one). */
export const MIGRATIONS: readonly Migration[] = [migration1, migration2, migration3, migration4, migration5, migration6];


/** Applies pending migrations, each in its own transaction under an advisory lock (two api processes on one PostgreSQL). */
export async function migrate(db: Database, ctx: MigrationContext = {}): Promise<number[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(4100)');
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (rows.length > 0) return false;
      // Statements one by one: the extended protocol (and PGlite's tx.query) takes a single statement.
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await migration.run?.(tx, ctx);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

/** Our migrations have no semicolons inside strings or bodies, so a split on `;` at line end is exact. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s.length > 0);
}