import { randomBytes } from 'node:crypto';
import type { Database } from '../database';
import { openPglite } from '../pglite';
import { openPostgres } from '../postgres';

// Exercises one driver and prints what it observed as JSON; drivers.test.ts runs it in a child
// process (PGlite's dynamic import() does not run inside jest's sandbox) and compares both drivers.

async function observe(db: Database): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { kind: db.kind };
  await db.exec(`CREATE TABLE t (id serial PRIMARY KEY, name text NOT NULL, at timestamptz, data jsonb, due date);
                 CREATE TABLE u (id integer PRIMARY KEY)`);
  await db.query('INSERT INTO t (name, at, data, due) VALUES ($1, $2, $3::jsonb, $4), ($5, NULL, NULL, NULL)', [
    "O'Brien <script>", '2026-11-21T08:00:00.000Z', JSON.stringify({ a: [1, 2] }), '2026-11-21', '张伟',
  ]);
  const rows = await db.query<{ id: number; name: string; at: unknown; data: unknown; due: string }>(
    "SELECT id, name, at, data, to_char(due, 'YYYY-MM-DD') AS due FROM t ORDER BY id",
  );
  out.rows = rows.map((r) => ({ ...r, at: r.at instanceof Date ? `Date:${r.at.toISOString()}` : r.at }));
  out.count = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t'))[0]?.n;
  out.anyArray = (await db.query<{ name: string }>('SELECT name FROM t WHERE name = ANY($1::text[]) ORDER BY id', [['张伟', 'x']])).map((r) => r.name);
  out.nullParam = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE ($1::text IS NULL OR name = $1)', [null]))[0]?.n;
  out.timezone = (await db.query<{ tz: string }>("SELECT current_setting('TimeZone') AS tz"))[0]?.tz;
  out.committed = await db.transaction(async (tx) => {
    await tx.query('INSERT INTO u (id) VALUES (1)');
    return (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM u'))[0]?.n;
  });
  try {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO u (id) VALUES (2)');
      throw new Error('boom');
    });
  } catch (error) {
    out.thrown = (error as Error).message;
  }
  try {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO u (id) VALUES (3)');
      await tx.query('INSERT INTO u (id) VALUES (1)');
    });
  } catch (error) {
    out.sqlError = /duplicate key/.test((error as Error).message);
  }
  out.afterRollback = (await db.query<{ id: number }>('SELECT id FROM u ORDER BY id')).map((r) => r.id);
  return out;
}

async function main(): Promise<void> {
  const which = process.argv[2];
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  let db: Database;
  let schema: string | undefined;
  if (which === 'postgres') {
    if (!url) throw new Error('no TEST_DATABASE_URL');
    schema = `octopus_db_t_${randomBytes(4).toString('hex')}`;
    db = await openPostgres({ url, schema });
  } else {
    db = await openPglite();
  }
  try {
    process.stdout.write(`${JSON.stringify(await observe(db))}\n`);
  } finally {
    if (schema) await db.exec(`DROP SCHEMA ${schema} CASCADE`);
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
