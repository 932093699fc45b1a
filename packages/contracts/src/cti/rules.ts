import { z } from 'zod';
import { memberLevelSchema } from '../api/users';
import { routingPolicySchema, skillGroupNameSchema } from './common';

// Queueing and allocation rules per skill group, edited live by supervisors and admins on the cti-server
// (`GET /rules`, `PUT /rules/groups/:group`, `POST /rules/rollback`; docs/api.md "Routing rules"). Every
// change is a new version of the whole rule set; the engine applies the current version to its next routing
// decision, journals it (a restart or a new cluster leader keeps it) and the change is audited.

const ms = (min: number, max: number) => z.number().int().min(min).max(max);
const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, 'must be HH:MM (00:00–24:00)');
/** A message played to the caller, per UI locale (the network picks the caller's). */
export const callerMessageSchema = z.object({ 'zh-CN': z.string().min(1).max(500), 'en-US': z.string().min(1).max(500) });
export type CallerMessage = z.infer<typeof callerMessageSchema>;

/**
 * What happens to a caller the group does not take (wait limit reached, queue full, closed):
 * `overflow` to another group's queue (at most 3 hops per call), `callback` (the call ends `callback-requested`
 * and a callback task — an outbound call to the caller's number — queues in this group for its next free agent),
 * `voicemail` (the call ends `voicemail`), `closed` (the call ends `closed` after `message` is played).
 */
export const queueExitSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('overflow'), group: skillGroupNameSchema }),
  z.object({ kind: z.literal('callback') }),
  z.object({ kind: z.literal('voicemail') }),
  z.object({ kind: z.literal('closed'), message: callerMessageSchema }),
]);
export type QueueExit = z.infer<typeof queueExitSchema>;

/** Opening hours of one set of weekdays: `open` ≤ time < `close` (local time of `businessHours.timeZone`). */
export const openingSpanSchema = z
  .object({
    /** ISO weekdays: 1 Monday … 7 Sunday. */
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    /** `HH:MM`, local time. */
    open: hhmm,
    /** `HH:MM`, local time, after `open` (`24:00` = midnight). */
    close: hhmm,
  })
  .refine((s) => s.open < s.close, { message: 'close must be after open', path: ['close'] });

/** Business hours with a holiday calendar; outside them `outOfHours` applies to new callers. */
export const businessHoursSchema = z.object({
  /** IANA time zone the spans and holidays are read in. Default `Asia/Shanghai`. */
  timeZone: z
    .string()
    .min(1)
    .max(64)
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone')
    .default('Asia/Shanghai'),
  weekly: z.array(openingSpanSchema).max(14),
  /** Whole local days closed (`YYYY-MM-DD`), e.g. public holidays. */
  holidays: z.array(z.object({ date: z.iso.date(), name: z.string().min(1).max(64) })).max(366),
  outOfHours: queueExitSchema,
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** One skill group's rules (the body of `PUT /rules/groups/:group`). */
export const groupRulesSchema = z.object({
  /** `longest-idle`, `round-robin`, or `skill-level` (highest `agentLevels` first, then longest idle). */
  strategy: routingPolicySchema,
  /** Agent id → skill level in this group, 1 (lowest) – 10; an agent not listed has level 1. */
  agentLevels: z.record(z.string().min(1).max(64), z.number().int().min(1).max(10)).default({}),
  /**
   * Caller priority by the customer's membership level (from the api, known after the IVR): 0 (default) – 9;
   * a higher priority is served first, first come first served within one priority.
   */
  priorityByLevel: z.partialRecord(memberLevelSchema, z.number().int().min(0).max(9)).default({}),
  /** Longest wait in the queue (ms, 1 000 – 86 400 000) before `onMaxWait`; null waits forever. */
  maxWaitMs: ms(1000, 86_400_000).nullable(),
  /** What happens at `maxWaitMs`; null keeps waiting. */
  onMaxWait: queueExitSchema.nullable(),
  /** Most callers waiting (1 – 10 000); a new caller beyond it gets `onFull`. null: no limit. */
  capacity: z.number().int().min(1).max(10_000).nullable(),
  /** What a new caller finding the queue full gets (usually `overflow` or `closed`); required with `capacity`. */
  onFull: queueExitSchema.nullable(),
  /** An offered call rings an agent this long (ms, 5 000 – 300 000) before it moves on. */
  ringTimeoutMs: ms(5000, 300_000),
  /** After-call work after each call (ms, 0 – 3 600 000; 0: none). The wrap-up codes are the api's dispositions. */
  wrapUpMs: ms(0, 3_600_000),
  /** Business hours; null: always open. */
  businessHours: businessHoursSchema.nullable(),
  /**
   * Sticky agent: a caller whom an agent of this group served within `withinDays` (1 – 365) is offered to that
   * agent first, waiting up to `waitMs` (0 – 600 000) for them to become free; null: off.
   */
  sticky: z.object({ withinDays: z.number().int().min(1).max(365), waitMs: ms(0, 600_000) }).nullable(),
});
export type GroupRules = z.infer<typeof groupRulesSchema>;
/** `GroupRules` as sent (defaults not yet applied). */
export type GroupRulesInput = z.input<typeof groupRulesSchema>;

/** What made a version: the seed (version 1 from the configuration), a group's update, or a rollback. */
export const rulesChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('seed') }),
  z.object({ action: z.literal('update'), group: skillGroupNameSchema, fields: z.array(z.string()) }),
  z.object({ action: z.literal('rollback'), toVersion: z.number().int().positive() }),
]);
export type RulesChange = z.infer<typeof rulesChangeSchema>;

/** One version of the whole rule set: who made it, when, how, and every group's rules. */
export const rulesVersionSchema = z.object({
  /** 1, 2, 3 … (1: the seed). */
  version: z.number().int().positive(),
  /** When it was made (epoch ms, server clock). */
  at: z.number().int().nonnegative(),
  /** Agent id of the supervisor or admin who made it; `system` for the seed. */
  by: z.string(),
  change: rulesChangeSchema,
  groups: z.record(skillGroupNameSchema, groupRulesSchema),
});
export type RulesVersion = z.infer<typeof rulesVersionSchema>;

/** Per group, the api's wrap-up codes the engine enforces (edited in the api: `/dispositions`); read-only here. */
export const wrapUpCodesViewSchema = z.record(skillGroupNameSchema, z.object({ required: z.boolean(), codes: z.array(z.string()) }));

/** A skill group as a rules editor shows it: display names and its agents (for `agentLevels` and the sticky agent). */
export const rulesGroupInfoSchema = z.object({
  name: skillGroupNameSchema,
  /** Display name in the main language (zh-CN). */
  label: z.string(),
  /** Display names per UI locale, as configured (a missing one falls back to `label`). */
  labels: z.object({ 'zh-CN': z.string().optional(), 'en-US': z.string().optional() }).optional(),
  /** Enabled agents of the group, in roster order. */
  agents: z.array(z.object({ id: z.string(), name: z.string() })),
});

/**
 * `GET /rules` → 200: the current version, the history newest first (at most 100, the current one included),
 * the api's wrap-up codes per group, and the groups with their agents, in configuration order.
 */
export const rulesResponseSchema = z.object({
  current: rulesVersionSchema,
  history: z.array(rulesVersionSchema),
  wrapUpCodes: wrapUpCodesViewSchema,
  groups: z.array(rulesGroupInfoSchema),
});
export type RulesResponse = z.infer<typeof rulesResponseSchema>;

/** `PUT /rules/groups/:group` and `POST /rules/rollback` → 200: the new current version. */
export const rulesChangeResponseSchema = z.object({ current: rulesVersionSchema });
export type RulesChangeResponse = z.infer<typeof rulesChangeResponseSchema>;

/** `POST /rules/rollback`: make `version`'s rules current again (as a new version). */
export const rulesRollbackRequestSchema = z.object({ version: z.number().int().positive() });
export type RulesRollbackRequest = z.infer<typeof rulesRollbackRequestSchema>;

/** A skill group in a `/rules/groups/:group` path. */
export const rulesGroupParamsSchema = z.object({ group: skillGroupNameSchema });

/**
 * `PUT /rules/groups/:group?ifVersion=N` and `POST /rules/rollback?ifVersion=N`: change only while version N is
 * current (409 `version_conflict` otherwise), so two editors do not overwrite each other unknowingly.
 */
export const rulesIfVersionQuerySchema = z.object({ ifVersion: z.coerce.number().int().positive().optional() });
