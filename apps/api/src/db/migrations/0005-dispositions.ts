import type { Migration } from './migration';

export const migration5: Migration = {
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
};
