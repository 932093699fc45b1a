import type { Database } from './db/database';

/** What every route needs; `now` is injectable so tests can move the clock. */
export interface AppContext {
  db: Database;
  tokenSecret: string;
  now: () => number;
}
