import type { Database, Queryable } from '@octopus/db';
import { generateDataset, type SeedOptions, type Table } from './generate';

export const DEFAULT_SEED = 20261121;
export const DEFAULT_SEED_USERS = 3000;

/** Midnight UTC of today: the generated world is the same all day for the same seed. */
export function defaultAnchor(now = Date.now()): number {
  return now - (now % 86_400_000);
}

/** Parameter budget per statement (the protocol allows 65,535). */
const MAX_PARAMS = 30_000;

export async function insertRows(tx: Queryable, table: string, { columns, rows }: Table): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(',')})`;
    });
    await tx.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${tuples.join(',')}`, params);
  }
}

export interface SeedResult {
  seeded: boolean;
  users: number;
  ms: number;
}

/** Seeds an empty database once (recorded in seed_info); a database that has data is left alone. */
export async function seedIfEmpty(db: Database, partial: Partial<SeedOptions> = {}): Promise<SeedResult> {
  const options: SeedOptions = { seed: partial.seed ?? DEFAULT_SEED, users: partial.users ?? DEFAULT_SEED_USERS, anchor: partial.anchor ?? defaultAnchor() };
  const started = Date.now();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(4101)');
    const existing = await tx.query<{ users: number }>('SELECT users FROM seed_info WHERE id = 1');
    if (existing[0]) return { seeded: false, users: existing[0].users, ms: Date.now() - started };
    const ds = generateDataset(options);
    // Parents before children (foreign keys).
    const order: (keyof typeof ds)[] = [
      'users', 'user_phones', 'orders', 'order_items', 'logistics_events', 'tickets', 'ticket_history', 'ticket_comments',
      'consignments', 'credit_lines', 'loans', 'installments', 'im_sessions', 'call_records', 'call_history',
    ];
    for (const table of order) await insertRows(tx, table === 'call_history' ? 'call_records' : table, ds[table]);
    await tx.query('SELECT setval($1, $2)', ['ticket_seq', ds.tickets.rows.length]);
    await tx.query('INSERT INTO seed_info (id, seed, users, anchor) VALUES (1, $1, $2, $3)', [options.seed, ds.users.rows.length, new Date(options.anchor).toISOString()]);
    return { seeded: true, users: ds.users.rows.length, ms: Date.now() - started };
  });
}
