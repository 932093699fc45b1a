import type { OctopusMode } from '@octopus/contracts';
import type { Database } from '@octopus/db';

/** What every route needs; `now` is injectable so tests can move the clock. */
export interface AppContext {
  db: Database;
  tokenSecret: string;
  /** MAC key of the audit chain: `auditKeyFromSecret(tokenSecret)`. */
  auditKey: Buffer;
  now: () => number;
  /** demo | test | production (`OCTOPUS_MODE`); test mode hashes passwords with the fast parameters. */
  mode: OctopusMode;
}
