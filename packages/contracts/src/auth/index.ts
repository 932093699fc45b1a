import { z } from 'zod';
import { memberLevelSchema } from '../api/users';
import { skillGroupNameSchema } from '../cti/common';

/**
 * Who an account is. `agent` takes calls; `supervisor` also reads the audit log, assigns tickets to
 * others and sees the operations remotes; `admin` also manages accounts. Source: DESIGN.md "Trust".
 */
export const agentRoleSchema = z.enum(['agent', 'supervisor', 'admin']);
export type AgentRole = z.infer<typeof agentRoleSchema>;

/** Roles allowed to supervise (audit log, ticket assignment to others, operations screens). */
export const SUPERVISING_ROLES: readonly AgentRole[] = ['supervisor', 'admin'];

/**
 * The one mode switch of every service (`OCTOPUS_MODE`). `demo` (default of `pnpm start`): demo
 * accounts, simulator, a random secret generated into the data folder. `test`: as demo, for test
 * suites. `production`: no simulator, no demo accounts, refuses to start without a ≥ 32-byte secret
 * and at least one real account. `NODE_ENV` plays no part.
 */
export const octopusModeSchema = z.enum(['demo', 'test', 'production']);
export type OctopusMode = z.infer<typeof octopusModeSchema>;

const agentIdSchema = z.string().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, 'is not an agent id');

/** The signed-in account as the shell shows it. */
export const sessionAgentSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: agentRoleSchema,
  skillGroups: z.array(skillGroupNameSchema),
});
export type SessionAgent = z.infer<typeof sessionAgentSchema>;

/** `POST /auth/login` on the cti-server (the agent's one login); the api checks the password. */
export const loginRequestSchema = z.object({
  agentId: z.union([z.string(), z.number()]).transform(String),
  password: z.string().max(256),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

/**
 * A session: `token` is a short-lived agent token (see `AGENT_TOKEN_TTL_SECONDS`) naming the
 * server-side session; renew it with `POST /auth/refresh` before `expiresAt` (epoch ms).
 */
export const loginResponseSchema = z.object({
  token: z.string(),
  /** When `token` stops being accepted (epoch ms). */
  expiresAt: z.number().int(),
  sessionId: z.string(),
  agent: sessionAgentSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** Lifetime of one agent token (seconds): short, renewed silently while the agent is active. */
export const AGENT_TOKEN_TTL_SECONDS = 15 * 60;
/** A session nobody renewed for this long ends (seconds). */
export const SESSION_IDLE_TTL_SECONDS = 60 * 60;
/** No session outlives this, renewed or not (seconds): one long shift. */
export const SESSION_MAX_TTL_SECONDS = 12 * 3600;

/**
 * Login throttling, per account and per client address, each counted in a 5-minute window:
 * - per account (`freeFailures`, 5): from the 5th failure every further attempt at that account waits
 *   2^(failures-5) seconds, capped at 15 minutes, and is answered 429;
 * - per client address (`freeFailuresPerClient`, 50): the same growing delay from the 50th failure.
 *   Much higher than the per-account figure because a whole floor may share one address (NAT, proxy):
 *   one agent's typos must not lock out the others, while one address guessing many accounts still is.
 * Source: OWASP Authentication Cheat Sheet ("login throttling").
 */
export const LOGIN_THROTTLE = { freeFailures: 5, freeFailuresPerClient: 50, windowSeconds: 300, maxDelaySeconds: 900 } as const;

// ------------------------------------------------------------------ api internal (service token)

/** `POST /internal/auth/login`: the cti-server forwards a login with the client's address. */
export const internalLoginRequestSchema = z.object({
  agentId: agentIdSchema,
  password: z.string().max(256),
  /** The client's address as the cti-server saw it (throttling key; never logged with the password). */
  client: z.string().max(64),
});
export type InternalLoginRequest = z.infer<typeof internalLoginRequestSchema>;

/** `POST /internal/auth/refresh` and `/internal/auth/logout`. */
export const internalSessionRequestSchema = z.object({ sessionId: z.string().min(1).max(64) });
export type InternalSessionRequest = z.infer<typeof internalSessionRequestSchema>;

/** `POST /internal/sessions/check`: which of these sessions are no longer active. */
export const internalSessionCheckRequestSchema = z.object({ sessionIds: z.array(z.string().min(1).max(64)).max(10_000) });
/** `POST /internal/sessions/check` → 200: the ids asked for that are not active (unknown, expired, revoked, or of a disabled agent). */
export const internalSessionCheckResponseSchema = z.object({ inactive: z.array(z.string()) });
export type InternalSessionCheckResponse = z.infer<typeof internalSessionCheckResponseSchema>;

/**
 * `POST /internal/grants/ended`: the agent's part of a call is over. Grants for (callId, agentId)
 * issued at or before `legEndedAt` are refused from `notAfter` on (wrap-up end, at most 2 min later).
 */
export const internalGrantEndedSchema = z.object({
  callId: z.string().min(1).max(128),
  agentId: agentIdSchema,
  /** When the agent's leg ended (epoch ms). */
  legEndedAt: z.number().int(),
  /** From when the grant is refused (epoch ms); at most `legEndedAt` + `GRANT_AFTER_LEG_MAX_MS`. */
  notAfter: z.number().int(),
});
export type InternalGrantEnded = z.infer<typeof internalGrantEndedSchema>;

/** After the agent's leg ends, a grant lives at most this long (ms): the end of after-call work. */
export const GRANT_AFTER_LEG_MAX_MS = 2 * 60_000;

/** `GET /internal/users/:userId`: does the account exist (bind refuses unknown users). */
export const internalUserByIdResponseSchema = z.object({
  userId: z.string(),
  name: z.string(),
  /** The customer's membership level (the queue priority of the routing rules); absent from older apis. */
  level: memberLevelSchema.optional(),
});
export type InternalUserByIdResponse = z.infer<typeof internalUserByIdResponseSchema>;

// ------------------------------------------------------------------ audit log

/** What an access decision came to. */
export const auditOutcomeSchema = z.enum(['allowed', 'masked', 'refused']);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

/** One row of the hash-chained audit log (`GET /audit-log`, supervisors and admins only). */
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  agentId: z.string().nullable(),
  sessionId: z.string().nullable(),
  userId: z.string().nullable(),
  callId: z.string().nullable(),
  ticketId: z.string().nullable(),
  action: z.string(),
  outcome: auditOutcomeSchema,
  via: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `GET /audit-log` query: filters (all optional), a time range, and a page (`limit` 1–500 rows, default 100). */
export const auditLogQuerySchema = z.object({
  userId: z.string().max(64).optional(),
  agentId: z.string().max(32).optional(),
  outcome: auditOutcomeSchema.optional(),
  /** ISO 8601, inclusive. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** ISO 8601, exclusive. */
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Rows with seq below this (paging backwards from the newest). */
  before: z.coerce.number().int().positive().optional(),
});
export type AuditLogQuery = z.input<typeof auditLogQuerySchema>;

/**
 * `GET /audit-log` → 200: entries newest first; `nextBefore` is the `before` of the next (older) page, null at the end.
 */
export const auditLogResponseSchema = z.object({ entries: z.array(auditEntrySchema), nextBefore: z.number().int().nullable() });
export type AuditLogResponse = z.infer<typeof auditLogResponseSchema>;

/** Most events one `POST /internal/audit` may carry (the sender batches its outbox). */
export const INTERNAL_AUDIT_MAX_EVENTS = 100;

/**
 * One access decision made at the cti-server (bind identified / verified by proof, rejected proof,
 * WebSocket 4401/4403 refusals, refresh refusals …), appended by the api to its audit chain with
 * via `cti-server`. `at` is when the cti-server decided (ISO 8601); never personal data in `reason`.
 */
export const internalAuditEventSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  agentId: z.string().max(64).nullable(),
  sessionId: z.string().max(128).nullable(),
  userId: z.string().max(64).nullable(),
  callId: z.string().max(128).nullable(),
  action: z.string().min(1).max(64),
  outcome: auditOutcomeSchema,
  reason: z.string().max(500).nullable(),
});
export type InternalAuditEvent = z.infer<typeof internalAuditEventSchema>;

/** `POST /internal/audit` (service token) → 204: up to 100 events, appended in order. */
export const internalAuditEventsSchema = z.object({
  events: z.array(internalAuditEventSchema).max(INTERNAL_AUDIT_MAX_EVENTS),
});
export type InternalAuditEvents = z.infer<typeof internalAuditEventsSchema>;

/** `GET /internal/agents` (service token): the roster the cti-server routes with (disabled ones included, flagged). */
export const internalAgentSchema = sessionAgentSchema.extend({ disabled: z.boolean() });
/** `GET /internal/agents` → 200: every agent account. */
export const internalAgentsResponseSchema = z.object({ agents: z.array(internalAgentSchema) });
export type InternalAgent = z.infer<typeof internalAgentSchema>;
