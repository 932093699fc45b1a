import { rechainAuditLog } from '../../audit/chain';
import type { Migration } from './migration';

export const migration3: Migration = {
  version: 3,
  name: 'keyed audit chain: HMAC with a key derived from the token secret, and a MACed head row',
  // The rows of version 2 were chained with plain SHA-256 (no key): they are re-chained here with the
  // key, once, at migration time (their content is kept). Tampering done before this migration would
  // have been caught by the old chain, not by the new one: run `pnpm audit-log verify` before upgrading.
  sql: `
CREATE TABLE audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL,
  mac text NOT NULL
);
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change
`,
  run: async (tx, ctx) => {
    if (!ctx.auditKey) throw new Error('migration 3 (keyed audit chain) needs the token secret: start the api (or the CLI) with it');
    await rechainAuditLog(tx, ctx.auditKey);
    await tx.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change');
  },
};
