import pg from 'pg';
import type { Database, Queryable } from './database';

/** A PostgreSQL connection: the `url` (`postgres://…`), an optional schema, and the pool size (`max`, default 10). */
export interface PostgresOptions {
  url: string;
  /** Use this schema (created if missing) instead of `public`: tests get a fresh one per run. */
  schema?: string;
  max?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Opens a pooled PostgreSQL database (session time zone Asia/Shanghai, so `date` arithmetic is China time),
 * creating `schema` when given.
 * @throws Error for a schema name that is not a lower-case identifier (≤ 63 characters); rejects with `pg`'s error
 * when the server cannot be reached while creating the schema.
 */
export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  // search_path and TimeZone are per session; setting them as startup options covers every pooled connection.
  const sessionOptions = ["-c TimeZone=Asia/Shanghai", ...(schema ? [`-c search_path=${schema}`] : [])].join(' ');
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10, options: sessionOptions });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const result = await pool.query(sql, params as unknown[]);
      return result.rows as T[];
    },
    async exec(sql: string): Promise<void> {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await fn({
          async query<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
            return (await client.query(sql, params as unknown[])).rows as R[];
          },
        });
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
