import type { Migration } from './migration';

/**
 * The times and outcomes the effectiveness report reads (docs/report.md): arrival, first queue, first
 * offer, the IVR outcome and the missed/rejected rings. Rows written before it have them null/empty; the
 * report counts a call only from its `arrived_at`, so older rows are not in it.
 */
export const migration6: Migration = {
  version: 6,
  name: 'call record times for the effectiveness report: arrived, queued, offered, IVR outcome, missed rings',
  sql: `
ALTER TABLE call_records ADD COLUMN arrived_at timestamptz;
ALTER TABLE call_records ADD COLUMN queued_at timestamptz;
ALTER TABLE call_records ADD COLUMN offered_at timestamptz;
ALTER TABLE call_records ADD COLUMN ivr_outcome text CHECK (ivr_outcome IN ('queued', 'self-service', 'hung-up'));
ALTER TABLE call_records ADD COLUMN missed_rings jsonb NOT NULL DEFAULT '[]'::jsonb;
CREATE INDEX call_records_arrived ON call_records (arrived_at);
`,
};
