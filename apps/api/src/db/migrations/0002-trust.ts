import type { Migration } from './migration';

export const migration2: Migration = {
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
};
