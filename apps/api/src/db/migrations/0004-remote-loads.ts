import type { Migration } from './migration';

export const migration4: Migration = {
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
};
