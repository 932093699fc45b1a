import type { Database, Queryable } from '@octopus/db';
import { rechainAuditLog } from '../audit/chain';

/** What a migration may need besides SQL. */
export interface MigrationContext {
  /** The audit chain's MAC key (`auditKeyFromSecret(token secret)`); migration 3 re-chains with it. */
  auditKey?: Buffer;
}

interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Runs after the SQL, in the same transaction. */
  run?: (tx: Queryable, ctx: MigrationContext) => Promise<void>;
}

/**
 * Append-only: never edit a shipped migration, add the next one. Plain SQL that PGlite and
 * PostgreSQL both run. Money in integer fen, timestamps timestamptz, no int8 (drivers differ on it).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'customer data',
    sql: `
CREATE TABLE users (
  id text PRIMARY KEY,
  name text NOT NULL,
  gender text NOT NULL CHECK (gender IN ('male','female')),
  id_number text NOT NULL UNIQUE,
  province text NOT NULL,
  city text NOT NULL,
  district text NOT NULL,
  address_detail text NOT NULL,
  level text NOT NULL,
  registered_at timestamptz NOT NULL
);
CREATE INDEX users_id_suffix ON users (right(id_number, 4));

CREATE TABLE user_phones (
  phone text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  is_primary boolean NOT NULL,
  added_at timestamptz NOT NULL
);
CREATE INDEX user_phones_user ON user_phones (user_id);

CREATE TABLE orders (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  status text NOT NULL,
  total_fen integer NOT NULL,
  created_at timestamptz NOT NULL,
  paid_at timestamptz,
  payment_method text,
  shipped_at timestamptz,
  delivered_at timestamptz,
  receiver_name text NOT NULL,
  receiver_phone text NOT NULL,
  receiver_address text NOT NULL,
  logistics_company text,
  tracking_no text
);
CREATE INDEX orders_user ON orders (user_id, created_at DESC);

CREATE TABLE order_items (
  order_id text NOT NULL REFERENCES orders(id),
  line integer NOT NULL,
  sku text NOT NULL,
  brand text NOT NULL,
  name text NOT NULL,
  category text NOT NULL,
  size text NOT NULL,
  color text NOT NULL,
  price_fen integer NOT NULL,
  quantity integer NOT NULL,
  PRIMARY KEY (order_id, line)
);

CREATE TABLE logistics_events (
  order_id text NOT NULL REFERENCES orders(id),
  seq integer NOT NULL,
  at timestamptz NOT NULL,
  status text NOT NULL,
  location text NOT NULL,
  description text NOT NULL,
  PRIMARY KEY (order_id, seq)
);

CREATE SEQUENCE ticket_seq;
CREATE TABLE tickets (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  order_id text,
  call_id text,
  recording_ref text,
  category text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  status text NOT NULL,
  priority text NOT NULL,
  assignee_agent_id text,
  created_by_agent_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX tickets_user ON tickets (user_id, created_at DESC);
CREATE INDEX tickets_assignee ON tickets (assignee_agent_id, status);

CREATE TABLE ticket_history (
  id serial PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets(id),
  at timestamptz NOT NULL,
  actor_agent_id text,
  action text NOT NULL,
  from_status text,
  to_status text,
  note text
);
CREATE INDEX ticket_history_ticket ON ticket_history (ticket_id, id);

CREATE TABLE ticket_comments (
  id serial PRIMARY KEY,
  ticket_id text NOT NULL REFERENCES tickets(id),
  at timestamptz NOT NULL,
  author_agent_id text NOT NULL,
  body text NOT NULL
);
CREATE INDEX ticket_comments_ticket ON ticket_comments (ticket_id, id);

CREATE TABLE consignments (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  brand text NOT NULL,
  product_name text NOT NULL,
  size text NOT NULL,
  status text NOT NULL,
  listed_price_fen integer,
  sold_price_fen integer,
  fee_fen integer,
  payout_fen integer,
  payout_account text NOT NULL,
  created_at timestamptz NOT NULL,
  sold_at timestamptz,
  paid_out_at timestamptz
);
CREATE INDEX consignments_user ON consignments (user_id, created_at DESC);

CREATE TABLE credit_lines (
  user_id text PRIMARY KEY REFERENCES users(id),
  limit_fen integer NOT NULL,
  frozen_reason text
);

CREATE TABLE loans (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id),
  product text NOT NULL,
  principal_fen integer NOT NULL,
  term_months integer NOT NULL,
  annual_rate_bp integer NOT NULL,
  disbursed_at timestamptz NOT NULL
);
CREATE INDEX loans_user ON loans (user_id, disbursed_at DESC);

CREATE TABLE installments (
  loan_id text NOT NULL REFERENCES loans(id),
  seq integer NOT NULL,
  due_date date NOT NULL,
  principal_fen integer NOT NULL,
  interest_fen integer NOT NULL,
  paid_fen integer NOT NULL,
  paid_at timestamptz,
  PRIMARY KEY (loan_id, seq)
);

CREATE TABLE im_sessions (
  id text PRIMARY KEY,
  user_id text REFERENCES users(id),
  phone text,
  agent_id text,
  started_at timestamptz NOT NULL,
  topic text NOT NULL,
  summary text NOT NULL
);
CREATE INDEX im_sessions_user ON im_sessions (user_id, started_at DESC);
CREATE INDEX im_sessions_phone ON im_sessions (phone, started_at DESC);

CREATE TABLE call_records (
  call_id text PRIMARY KEY,
  agent_id text,
  direction text NOT NULL,
  number text NOT NULL,
  province text,
  city text,
  skill_group text,
  key_track text,
  verification_status text NOT NULL,
  verification_method text,
  user_id text,
  connected_at timestamptz,
  ended_at timestamptz,
  transfers jsonb NOT NULL DEFAULT '[]'::jsonb,
  rating integer,
  end_reason text,
  note text NOT NULL DEFAULT '',
  note_updated_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_records_agent ON call_records (agent_id, created_at DESC);
CREATE INDEX call_records_user ON call_records (user_id);
CREATE INDEX call_records_number ON call_records (number);

CREATE TABLE audit_log (
  id serial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  agent_id text NOT NULL,
  user_id text,
  call_id text,
  ticket_id text,
  action text NOT NULL,
  masked boolean NOT NULL,
  via text,
  detail text
);
CREATE INDEX audit_log_user ON audit_log (user_id, at DESC);

CREATE TABLE seed_info (
  id integer PRIMARY KEY CHECK (id = 1),
  seed integer NOT NULL,
  users integer NOT NULL,
  anchor timestamptz NOT NULL,
  seeded_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    version: 2,
    name: 'trust: accounts, sessions, grant ends, ticket access levels, hash-chained audit log',
    // The audit log of version 1 had no chain: it is kept, renamed, and a chained log starts empty.
    // The trigger function sits on one line: statements are split on a semicolon at line end.
    sql: `
CREATE TABLE agents (
  id text PRIMARY KEY,
  name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent','supervisor','admin')),
  skill_groups text[] NOT NULL DEFAULT '{}',
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agent_sessions (
  id text PRIMARY KEY,
  agent_id text NOT NULL REFERENCES agents(id),
  created_at timestamptz NOT NULL,
  last_renewed_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  max_expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoke_reason text,
  client text
);
CREATE INDEX agent_sessions_agent ON agent_sessions (agent_id, created_at DESC);

CREATE TABLE grant_revocations (
  call_id text NOT NULL,
  agent_id text NOT NULL,
  leg_ended_at timestamptz NOT NULL,
  not_after timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (call_id, agent_id)
);

ALTER TABLE tickets ADD COLUMN access_level text NOT NULL DEFAULT 'verified' CHECK (access_level IN ('verified','unverified','none'));

ALTER TABLE audit_log RENAME TO audit_log_v1;
ALTER INDEX audit_log_user RENAME TO audit_log_v1_user;
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  agent_id text,
  session_id text,
  user_id text,
  call_id text,
  ticket_id text,
  action text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('allowed','masked','refused')),
  via text,
  reason text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_user ON audit_log (user_id, seq DESC);
CREATE INDEX audit_log_agent ON audit_log (agent_id, seq DESC);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP; END $$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()
`,
  },
  {
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
  },
  {
    version: 4,
    name: 'remote load telemetry',
    sql: `
CREATE TABLE remote_loads (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  agent_id text NOT NULL,
  remote text NOT NULL,
  version text NOT NULL,
  track text NOT NULL CHECK (track IN ('stable','canary')),
  outcome text NOT NULL CHECK (outcome IN ('ok','failed')),
  stage text,
  duration_ms double precision NOT NULL
);
CREATE INDEX remote_loads_at ON remote_loads (at DESC, remote, version)
`,
  },
  {
    version: 5,
    name: 'dispositions (wrap-up codes) per skill group, and the code chosen on each call record',
    sql: `
CREATE TABLE skill_group_wrap_up (
  skill_group text PRIMARY KEY,
  disposition_required boolean NOT NULL DEFAULT false
);

CREATE TABLE dispositions (
  skill_group text NOT NULL,
  code text NOT NULL CHECK (code ~ '^[a-z0-9-]{1,64}$'),
  label_zh text NOT NULL,
  label_en text NOT NULL,
  position integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (skill_group, code)
);

ALTER TABLE call_records ADD COLUMN disposition_code text;
ALTER TABLE call_records ADD COLUMN disposition_at timestamptz;
`,
  },
];

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
