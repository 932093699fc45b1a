import {
  SERVICE_LEVEL_SECONDS,
  type DispositionCount,
  type EffectivenessFigures,
  type EffectivenessReport,
  type MissedRingsRow,
  type ReportGranularity,
} from '@octopus/contracts';
import type { Queryable } from '@octopus/db';
import { dispositionRef } from '../dispositions/repository';

// The effectiveness report's SQL (docs/report.md defines each figure). Every figure is computed by the
// database from `call_records`; this file only names the columns and shapes the rows.

/** What one report covers: calendar dates (inclusive) in `timeZone`, days or ISO weeks, one group or all. */
export interface ReportRange {
  from: string;
  to: string;
  granularity: ReportGranularity;
  timeZone: string;
  group: string | null;
}

/**
 * The inbound calls of the range, one row each, with their period and the facts the figures count.
 * Parameters: $1 from (date), $2 to (date), $3 time zone, $4 'day' | 'week', $5 group or null.
 */
const CALLS = `
calls AS (
  SELECT c.*, date_trunc($4::text, c.arrived_at AT TIME ZONE $3::text)::date AS period
    FROM call_records c
   WHERE c.direction = 'inbound' AND c.arrived_at IS NOT NULL
     AND c.arrived_at >= ($1::date)::timestamp AT TIME ZONE $3::text
     AND c.arrived_at < ($2::date + 1)::timestamp AT TIME ZONE $3::text
     AND ($5::text IS NULL OR c.skill_group = $5::text)
),
facts AS (
  SELECT period, skill_group,
         queued_at IS NOT NULL AS offered,
         queued_at IS NOT NULL AND connected_at IS NOT NULL AS answered,
         queued_at IS NOT NULL AND connected_at IS NULL AND end_reason = 'abandoned' AS abandoned,
         EXTRACT(EPOCH FROM ended_at - queued_at)::float8 AS wait_s,
         EXTRACT(EPOCH FROM connected_at - queued_at)::float8 AS answer_s,
         CASE WHEN connected_at IS NOT NULL AND ended_at IS NOT NULL THEN EXTRACT(EPOCH FROM ended_at - connected_at)::float8 END AS handle_s,
         CASE WHEN verification_status <> 'verified' THEN 'unverified'
              WHEN verification_method LIKE 'ivr-%' THEN 'ivr' ELSE 'agent' END AS path,
         verification_status = 'verified' AND verification_method LIKE 'ivr-%' AS ivr_verified,
         ivr_outcome = 'self-service' AS self_service,
         (SELECT count(*) FROM jsonb_array_elements(transfers) t WHERE t->>'kind' IN ('agent', 'group', 'consult'))::int AS transfers,
         (SELECT count(*) FROM jsonb_array_elements(transfers) t WHERE t->>'kind' = 'overflow')::int AS overflows
    FROM calls
)`;

/** Seconds rounded to 0.1 (avg) as float8, so both drivers hand back a JS number. */
const avg = (expr: string, filter: string) => `round(avg(${expr}) FILTER (WHERE ${filter})::numeric, 1)::float8`;

const FIGURES = `
  count(*)::int AS inbound,
  count(*) FILTER (WHERE offered)::int AS offered,
  count(*) FILTER (WHERE answered)::int AS answered,
  count(*) FILTER (WHERE abandoned)::int AS abandoned,
  ${avg('wait_s', 'abandoned')} AS abandoned_avg_wait,
  round(max(wait_s) FILTER (WHERE abandoned)::numeric, 1)::float8 AS abandoned_max_wait,
  count(*) FILTER (WHERE abandoned AND wait_s <= ${SERVICE_LEVEL_SECONDS})::int AS abandoned_within,
  count(*) FILTER (WHERE abandoned AND wait_s <= 10)::int AS abandoned_10,
  count(*) FILTER (WHERE abandoned AND wait_s > 10 AND wait_s <= 30)::int AS abandoned_30,
  count(*) FILTER (WHERE abandoned AND wait_s > 30 AND wait_s <= 60)::int AS abandoned_60,
  count(*) FILTER (WHERE abandoned AND wait_s > 60 AND wait_s <= 120)::int AS abandoned_120,
  count(*) FILTER (WHERE abandoned AND wait_s > 120)::int AS abandoned_over,
  count(*) FILTER (WHERE answered AND answer_s <= ${SERVICE_LEVEL_SECONDS})::int AS answered_within,
  ${avg('answer_s', 'answered')} AS avg_answer,
  count(handle_s) FILTER (WHERE answered AND path = 'ivr')::int AS ivr_calls, ${avg('handle_s', "answered AND path = 'ivr'")} AS ivr_aht,
  count(handle_s) FILTER (WHERE answered AND path = 'agent')::int AS agent_calls, ${avg('handle_s', "answered AND path = 'agent'")} AS agent_aht,
  count(handle_s) FILTER (WHERE answered AND path = 'unverified')::int AS unverified_calls, ${avg('handle_s', "answered AND path = 'unverified'")} AS unverified_aht,
  count(handle_s) FILTER (WHERE answered)::int AS all_calls, ${avg('handle_s', 'answered')} AS all_aht,
  count(*) FILTER (WHERE ivr_verified)::int AS ivr_verified,
  count(*) FILTER (WHERE self_service)::int AS self_service,
  COALESCE(sum(transfers), 0)::int AS transfers,
  COALESCE(sum(overflows), 0)::int AS overflows`;

interface FiguresRow {
  inbound: number;
  offered: number;
  answered: number;
  abandoned: number;
  abandoned_avg_wait: number | null;
  abandoned_max_wait: number | null;
  abandoned_within: number;
  abandoned_10: number;
  abandoned_30: number;
  abandoned_60: number;
  abandoned_120: number;
  abandoned_over: number;
  answered_within: number;
  avg_answer: number | null;
  ivr_calls: number;
  ivr_aht: number | null;
  agent_calls: number;
  agent_aht: number | null;
  unverified_calls: number;
  unverified_aht: number | null;
  all_calls: number;
  all_aht: number | null;
  ivr_verified: number;
  self_service: number;
  transfers: number;
  overflows: number;
}

interface GroupedRow extends FiguresRow {
  period: string | null;
  skill_group: string | null;
  all_periods: number;
  all_groups: number;
}

/** part / whole to 4 decimals, null when whole is 0. */
function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function figuresOf(r: FiguresRow): EffectivenessFigures {
  return {
    inbound: r.inbound,
    offered: r.offered,
    answered: r.answered,
    abandoned: r.abandoned,
    abandonedAvgWaitSeconds: r.abandoned_avg_wait,
    abandonedMaxWaitSeconds: r.abandoned_max_wait,
    abandonedWithinThreshold: r.abandoned_within,
    abandonedAfter: { upTo10s: r.abandoned_10, upTo30s: r.abandoned_30, upTo60s: r.abandoned_60, upTo120s: r.abandoned_120, over120s: r.abandoned_over },
    answeredWithinThreshold: r.answered_within,
    serviceLevel: ratio(r.answered_within, r.offered),
    avgAnswerSeconds: r.avg_answer,
    handleTime: {
      ivrVerified: { calls: r.ivr_calls, avgSeconds: r.ivr_aht },
      agentVerified: { calls: r.agent_calls, avgSeconds: r.agent_aht },
      unverified: { calls: r.unverified_calls, avgSeconds: r.unverified_aht },
      all: { calls: r.all_calls, avgSeconds: r.all_aht },
    },
    ivrVerified: r.ivr_verified,
    ivrVerifiedShare: ratio(r.ivr_verified, r.inbound),
    selfService: r.self_service,
    selfServiceShare: ratio(r.self_service, r.inbound),
    transfers: r.transfers,
    overflows: r.overflows,
  };
}

const EMPTY: FiguresRow = {
  inbound: 0, offered: 0, answered: 0, abandoned: 0, abandoned_avg_wait: null, abandoned_max_wait: null, abandoned_within: 0, abandoned_10: 0, abandoned_30: 0, abandoned_60: 0, abandoned_120: 0, abandoned_over: 0,
  answered_within: 0, avg_answer: null, ivr_calls: 0, ivr_aht: null, agent_calls: 0, agent_aht: null, unverified_calls: 0,
  unverified_aht: null, all_calls: 0, all_aht: null, ivr_verified: 0, self_service: 0, transfers: 0, overflows: 0,
};

const params = (range: ReportRange): unknown[] => [range.from, range.to, range.timeZone, range.granularity, range.group];

/**
 * The report over `range`: figures per period × group, per period, per group and in total (one query
 * with GROUPING SETS), missed rings per agent and period, and dispositions per period and group.
 */
export async function effectivenessReport(db: Queryable, range: ReportRange): Promise<EffectivenessReport> {
  const grouped = await db.query<GroupedRow>(
    `WITH ${CALLS}
     SELECT to_char(period, 'YYYY-MM-DD') AS period, skill_group, GROUPING(period)::int AS all_periods, GROUPING(skill_group)::int AS all_groups, ${FIGURES}
       FROM facts
      GROUP BY GROUPING SETS ((period, skill_group), (period), (skill_group), ())
      ORDER BY period NULLS LAST, skill_group NULLS LAST`,
    params(range),
  );
  // Every period of the range, with or without calls, so a chart has no gaps.
  const periods = await db.query<{ period: string }>(
    `SELECT to_char(p, 'YYYY-MM-DD') AS period
       FROM generate_series(date_trunc($2::text, $1::date::timestamp), $3::date::timestamp, ('1 ' || $2::text)::interval) AS p
      ORDER BY p`,
    [range.from, range.granularity, range.to],
  );
  const missed = await db.query<{ period: string; agent_id: string; agent_name: string | null; missed: number; rejected: number }>(
    `WITH ${CALLS}
     SELECT to_char(c.period, 'YYYY-MM-DD') AS period, m->>'agentId' AS agent_id, a.name AS agent_name,
            count(*) FILTER (WHERE m->>'reason' = 'missed')::int AS missed,
            count(*) FILTER (WHERE m->>'reason' = 'rejected')::int AS rejected
       FROM calls c CROSS JOIN LATERAL jsonb_array_elements(c.missed_rings) AS m
       LEFT JOIN agents a ON a.id = m->>'agentId'
      GROUP BY c.period, m->>'agentId', a.name
      ORDER BY c.period, missed DESC, agent_id`,
    params(range),
  );
  const dispositions = await db.query<{ period: string; skill_group: string; code: string; label_zh: string | null; label_en: string | null; calls: number }>(
    `WITH ${CALLS}
     SELECT to_char(c.period, 'YYYY-MM-DD') AS period, c.skill_group, c.disposition_code AS code, d.label_zh, d.label_en, count(*)::int AS calls
       FROM calls c LEFT JOIN dispositions d ON d.skill_group = c.skill_group AND d.code = c.disposition_code
      WHERE c.disposition_code IS NOT NULL AND c.skill_group IS NOT NULL
      GROUP BY c.period, c.skill_group, c.disposition_code, d.label_zh, d.label_en
      ORDER BY c.period, c.skill_group, calls DESC, code`,
    params(range),
  );

  const byPeriod = new Map(grouped.filter((r) => r.all_periods === 0 && r.all_groups === 1).map((r) => [r.period as string, r]));
  const total = grouped.find((r) => r.all_periods === 1 && r.all_groups === 1) ?? EMPTY;
  return {
    from: range.from,
    to: range.to,
    granularity: range.granularity,
    timeZone: range.timeZone,
    skillGroup: range.group,
    serviceLevelSeconds: SERVICE_LEVEL_SECONDS,
    rows: grouped
      .filter((r) => r.all_periods === 0 && r.all_groups === 0)
      .map((r) => ({ period: r.period as string, skillGroup: r.skill_group, ...figuresOf(r) })),
    periodTotals: periods.map(({ period }) => ({ period, ...figuresOf(byPeriod.get(period) ?? EMPTY) })),
    groupTotals: grouped.filter((r) => r.all_periods === 1 && r.all_groups === 0).map((r) => ({ skillGroup: r.skill_group, ...figuresOf(r) })),
    total: figuresOf(total),
    missedRings: missed.map(
      (r): MissedRingsRow => ({ period: r.period, agentId: r.agent_id, agentName: r.agent_name, missed: r.missed, rejected: r.rejected }),
    ),
    dispositions: dispositions.map(
      (r): DispositionCount => ({
        period: r.period,
        skillGroup: r.skill_group,
        disposition: dispositionRef(r.code, r.label_zh, r.label_en) as DispositionCount['disposition'],
        calls: r.calls,
      }),
    ),
  };
}

/** Today's date (`YYYY-MM-DD`) in `timeZone` at `now` (ms), asked of the database so it matches the report's days. */
export async function todayIn(db: Queryable, timeZone: string, now: number): Promise<string> {
  const rows = await db.query<{ today: string }>("SELECT to_char(($1::timestamptz AT TIME ZONE $2::text)::date, 'YYYY-MM-DD') AS today", [
    new Date(now).toISOString(),
    timeZone,
  ]);
  return rows[0]!.today;
}
