/**
 * The one seam between the api and its database. Implemented twice (PGlite embedded, PostgreSQL via
 * `pg`); all SQL in this app is plain PostgreSQL that runs unchanged on both.
 */
export interface Queryable {
  /** One statement with `$1…` parameters; returns the rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/**
 * An open database: queries, migrations (`exec`), transactions and `close`. Its methods reject with the
 * driver's own error (SQL errors, a lost connection) unchanged.
 */
export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Both drivers hand back timestamptz as Date; normalise to ISO strings (UTC) for the DTOs. A string is parsed.
 * @throws TypeError for a value that is neither a Date nor a string; RangeError for a string that is not a date.
 */
export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError(`not a timestamp: ${String(value)}`);
}

/**
 * `toIso`, with null (or undefined) kept as null.
 * @throws TypeError as `toIso` for a value that is neither.
 */
export function toIsoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : toIso(value);
}
