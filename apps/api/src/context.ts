import type { Database } from '@octopus/db';

/** What every route needs; `now` is injectable so tests can move the clock. */
export interface AppContext {
  db: Database;
  tokenSecret: string;
  now: () => number;
}
