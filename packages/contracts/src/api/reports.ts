import { z } from 'zod';
import { apiAgentIdSchema, apiEntityIdSchema } from './common';
import { dispositionRefSchema } from './dispositions';

// The effectiveness report (`GET /reports/effectiveness`, supervisors and admins): per day or week and
// per skill group, figures computed in SQL from the call records. docs/report.md defines each figure.

/** A call counts as answered within the service level when it was answered this many seconds after it queued. */
export const SERVICE_LEVEL_SECONDS = 20;
/** The longest range one report covers (days, inclusive). */
export const REPORT_MAX_DAYS = 400;
/** The report's default time zone: the hotline's (China time). Periods are calendar days/ISO weeks there. */
export const REPORT_DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** `day`: calendar days; `week`: ISO weeks (Monday first) in the report's time zone. */
export const reportGranularitySchema = z.enum(['day', 'week']);
export type ReportGranularity = z.infer<typeof reportGranularitySchema>;

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * `GET /reports/effectiveness` query. `from`/`to`: calendar dates (inclusive) in `tz`; default the 28
 * days ending today. `group`: one skill group (default all). `tz`: an IANA time zone (default
 * `Asia/Shanghai`). 400 when `from` is after `to` or the range exceeds `REPORT_MAX_DAYS`.
 */
export const effectivenessQuerySchema = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  granularity: reportGranularitySchema.default('day'),
  group: apiEntityIdSchema.optional(),
  tz: z.string().max(64).refine(isTimeZone, 'is not an IANA time zone').default(REPORT_DEFAULT_TIME_ZONE),
});
export type EffectivenessQuery = z.input<typeof effectivenessQuerySchema>;

/** Which table `GET /reports/effectiveness/csv` exports: the figures, missed rings per agent, or dispositions. */
export const effectivenessCsvTableSchema = z.enum(['figures', 'missed-rings', 'dispositions']);
export type EffectivenessCsvTable = z.infer<typeof effectivenessCsvTableSchema>;

/** `GET /reports/effectiveness/csv` query: the report's query and the table (default `figures`). */
export const effectivenessCsvQuerySchema = effectivenessQuerySchema.extend({ table: effectivenessCsvTableSchema.default('figures') });
export type EffectivenessCsvQuery = z.input<typeof effectivenessCsvQuerySchema>;

const count = z.number().int().min(0);
/** A share 0–1, null when its denominator is 0. */
const share = z.number().min(0).max(1).nullable();
/** Seconds (decimals kept to 0.1 s), null when there is nothing to average. */
const seconds = z.number().min(0).nullable();

/** Average handle time (connected → ended, seconds) of the answered calls of one verification path. */
export const handleTimeSchema = z.object({ calls: count, avgSeconds: seconds });
export type HandleTime = z.infer<typeof handleTimeSchema>;

/** The figures of one period and group (or of a total). */
export const effectivenessFiguresSchema = z.object({
  /** Inbound calls that reached the hotline (entered the IVR). */
  inbound: count,
  /** Inbound calls that joined a skill group's queue. */
  offered: count,
  /** Offered calls an agent answered. */
  answered: count,
  /** Offered calls the caller hung up on before an agent answered (queued or ringing). */
  abandoned: count,
  /** Average and longest wait (queued → hang-up, seconds) of the abandoned calls. */
  abandonedAvgWaitSeconds: seconds,
  abandonedMaxWaitSeconds: seconds,
  /** Abandoned within `SERVICE_LEVEL_SECONDS` (short abandons). */
  abandonedWithinThreshold: count,
  /** Abandoned calls by how long the caller waited (queued → hang-up): ≤ 10 s, ≤ 30 s, ≤ 60 s, ≤ 120 s, longer. */
  abandonedAfter: z.object({ upTo10s: count, upTo30s: count, upTo60s: count, upTo120s: count, over120s: count }),
  /** Answered within `SERVICE_LEVEL_SECONDS` of queueing. */
  answeredWithinThreshold: count,
  /** answeredWithinThreshold / offered. */
  serviceLevel: share,
  /** Average speed of answer: queued → answered, seconds, over answered calls. */
  avgAnswerSeconds: seconds,
  /** Average handle time per verification path, and over all answered calls. */
  handleTime: z.object({ ivrVerified: handleTimeSchema, agentVerified: handleTimeSchema, unverified: handleTimeSchema, all: handleTimeSchema }),
  /** Inbound calls verified in the IVR, and their share of inbound calls. */
  ivrVerified: count,
  ivrVerifiedShare: share,
  /** Inbound calls resolved by IVR self-service (never needed an agent), and their share of inbound calls. */
  selfService: count,
  selfServiceShare: share,
  /** Transfers to another agent or group (blind, or after a consultation) on these calls. */
  transfers: count,
  /** Times these calls overflowed from a group's queue to another. */
  overflows: count,
});
export type EffectivenessFigures = z.infer<typeof effectivenessFiguresSchema>;

/** A period's first day (`YYYY-MM-DD`; the Monday of an ISO week). */
const period = z.iso.date();

/** One period × one skill group. `skillGroup` null: calls that never reached a group (ended in the IVR). */
export const effectivenessRowSchema = effectivenessFiguresSchema.extend({ period, skillGroup: z.string().nullable() });
export type EffectivenessRow = z.infer<typeof effectivenessRowSchema>;

/** Missed (rang out) and rejected rings of one agent in one period. */
export const missedRingsRowSchema = z.object({
  period,
  agentId: apiAgentIdSchema,
  /** The agent's name, null for an id the api has no account for. */
  agentName: z.string().nullable(),
  missed: count,
  rejected: count,
});
export type MissedRingsRow = z.infer<typeof missedRingsRowSchema>;

/** How many answered calls of a period and group ended with a wrap-up code. */
export const dispositionCountSchema = z.object({ period, skillGroup: z.string(), disposition: dispositionRefSchema, calls: count });
export type DispositionCount = z.infer<typeof dispositionCountSchema>;

/**
 * `GET /reports/effectiveness` → 200. `rows`: every period × group with calls; `periodTotals`: every
 * period of the range (also those without calls) over all groups (or the chosen one); `groupTotals`:
 * each group over the whole range; `total`: everything.
 */
export const effectivenessReportSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  granularity: reportGranularitySchema,
  timeZone: z.string(),
  skillGroup: z.string().nullable(),
  serviceLevelSeconds: z.number().int(),
  rows: z.array(effectivenessRowSchema),
  periodTotals: z.array(effectivenessFiguresSchema.extend({ period })),
  groupTotals: z.array(effectivenessFiguresSchema.extend({ skillGroup: z.string().nullable() })),
  total: effectivenessFiguresSchema,
  missedRings: z.array(missedRingsRowSchema),
  dispositions: z.array(dispositionCountSchema),
});
export type EffectivenessReport = z.infer<typeof effectivenessReportSchema>;

/** `GET /reports/effectiveness/csv` → 200 `text/csv; charset=utf-8` (UTF-8 with BOM, for spreadsheet apps). */
export const effectivenessCsvSchema = z.string();
