import { stringify } from 'csv-stringify/sync';
import type { EffectivenessCsvTable, EffectivenessFigures, EffectivenessReport } from '@octopus/contracts';

// The report's tables as CSV (RFC 4180 through csv-stringify), one table per file. Column names are
// stable snake_case (spreadsheets and scripts key on them); times in seconds, shares 0–1.

const FIGURE_COLUMNS = [
  'inbound', 'offered', 'answered', 'abandoned', 'abandoned_avg_wait_s', 'abandoned_max_wait_s', 'abandoned_within_threshold',
  'abandoned_up_to_10s', 'abandoned_up_to_30s', 'abandoned_up_to_60s', 'abandoned_up_to_120s', 'abandoned_over_120s', 'answered_within_threshold', 'service_level', 'avg_answer_s', 'aht_ivr_verified_s', 'calls_ivr_verified', 'aht_agent_verified_s',
  'calls_agent_verified', 'aht_unverified_s', 'calls_unverified', 'aht_all_s', 'ivr_verified', 'ivr_verified_share', 'self_service',
  'self_service_share', 'transfers', 'overflows',
] as const;

function figureCells(f: EffectivenessFigures): Array<number | null> {
  const h = f.handleTime;
  return [
    f.inbound, f.offered, f.answered, f.abandoned, f.abandonedAvgWaitSeconds, f.abandonedMaxWaitSeconds, f.abandonedWithinThreshold,
    f.abandonedAfter.upTo10s, f.abandonedAfter.upTo30s, f.abandonedAfter.upTo60s, f.abandonedAfter.upTo120s, f.abandonedAfter.over120s,
    f.answeredWithinThreshold, f.serviceLevel, f.avgAnswerSeconds, h.ivrVerified.avgSeconds, h.ivrVerified.calls, h.agentVerified.avgSeconds,
    h.agentVerified.calls, h.unverified.avgSeconds, h.unverified.calls, h.all.avgSeconds, f.ivrVerified, f.ivrVerifiedShare, f.selfService,
    f.selfServiceShare, f.transfers, f.overflows,
  ];
}

/**
 * One table of `report` as CSV text with a UTF-8 BOM (so spreadsheet apps read the Chinese labels).
 * `figures`: a `scope` column tells a period × group row (`group`) from the totals (`period`, `skill_group`,
 * `all`); an empty skill_group is a call that never reached a group. `missed-rings`: per period and agent.
 * `dispositions`: per period, group and code, with both labels.
 */
export function effectivenessCsv(report: EffectivenessReport, table: EffectivenessCsvTable): string {
  let records: unknown[][];
  if (table === 'missed-rings') {
    records = [['period', 'agent_id', 'agent_name', 'missed', 'rejected'], ...report.missedRings.map((r) => [r.period, r.agentId, r.agentName, r.missed, r.rejected])];
  } else if (table === 'dispositions') {
    records = [
      ['period', 'skill_group', 'code', 'label_zh', 'label_en', 'calls'],
      ...report.dispositions.map((d) => [d.period, d.skillGroup, d.disposition.code, d.disposition.label['zh-CN'], d.disposition.label['en-US'], d.calls]),
    ];
  } else {
    records = [
      ['scope', 'period', 'skill_group', ...FIGURE_COLUMNS],
      ...report.rows.map((r) => ['group', r.period, r.skillGroup, ...figureCells(r)]),
      ...report.periodTotals.map((r) => ['period', r.period, null, ...figureCells(r)]),
      ...report.groupTotals.map((r) => ['skill_group', null, r.skillGroup, ...figureCells(r)]),
      ['all', null, null, ...figureCells(report.total)],
    ];
  }
  return stringify(records, { bom: true, record_delimiter: 'windows' });
}
