import { z } from 'zod';
import { verificationMethodSchema, verificationStatusSchema } from '../remote/props';
import {
  agentStateSchema,
  callDirectionSchema,
  callRoleSchema,
  callStateSchema,
  endReasonSchema,
  routingPolicySchema,
  selectableAgentStateSchema,
  skillGroupNameSchema,
  transferTargetSchema,
} from './common';

const epochMs = z.number().int().nonnegative();
const rev = z.number().int().nonnegative();

/** The connected agent's own state. `rev` orders versions: a lower or equal rev is stale. */
export const agentSelfSchema = z.object({
  id: z.string(),
  name: z.string(),
  skillGroups: z.array(skillGroupNameSchema),
  state: agentStateSchema,
  /** The state the agent chose; it is what `state` returns to when calls and wrap-up are over. */
  chosenState: selectableAgentStateSchema,
  /** Requested during a call; applied when the call (and its wrap-up) is over. */
  nextState: selectableAgentStateSchema.nullable(),
  /** When `state` last changed (epoch ms, server clock). */
  stateSince: epochMs,
  /** End of after-call work while `state` is `wrap-up`. */
  wrapUpDeadline: epochMs.nullable(),
  /** Why the server changed the state, e.g. `missed` after an unanswered ring. */
  reason: z.string().nullable(),
  rev,
});
export type AgentSelf = z.infer<typeof agentSelfSchema>;

/** An entry of the live agent list (transfer pickers, supervisors). */
export const agentSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  skillGroups: z.array(skillGroupNameSchema),
  state: agentStateSchema,
  stateSince: epochMs,
  /** Has at least one open connection. A disconnected agent is not offered calls. */
  connected: z.boolean(),
  rev,
});
export type AgentSummary = z.infer<typeof agentSummarySchema>;

/** An entry of the live group list: queue load and staffing. */
export const groupSummarySchema = z.object({
  name: skillGroupNameSchema,
  /** The group's display name in the deployment's main language (zh-CN); the fallback for any locale `labels` lacks. */
  label: z.string(),
  /** Display names per UI locale (`zh-CN`, `en-US`), as configured; absent or partial falls back to `label`. */
  labels: z.object({ 'zh-CN': z.string().optional(), 'en-US': z.string().optional() }).optional(),
  routing: routingPolicySchema,
  /** Callers waiting in the queue. */
  queued: z.number().int().nonnegative(),
  /** When the longest-waiting caller joined the queue, or null when empty. */
  oldestQueuedAt: epochMs.nullable(),
  /** Connected agents of the group whose state is `idle`. */
  idleAgents: z.number().int().nonnegative(),
  /** Connected agents of the group in any state but `offline`. */
  onlineAgents: z.number().int().nonnegative(),
  rev,
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

/** The caller as shown on the call: the bound account (if any), the number and how sure we are who it is. */
export const callCustomerSchema = z.object({
  /** The bound customer account, or null when unknown. */
  userId: z.string().nullable(),
  /** The account's name: full only when the call is verified, masked (`maskName`: `张**`) otherwise. */
  name: z.string().nullable(),
  /** The caller's number (inbound) or the dialled number (outbound). */
  phone: z.string(),
  verification: z.object({ status: verificationStatusSchema, method: verificationMethodSchema.nullable() }),
  /**
   * A server fact: on an inbound call, the calling number is the bound account's registered phone (the number
   * identified this very account at the IVR). False on outbound calls, when the number identified no account or
   * another one than the bound account. Added in 1.x: older servers omit it (read as false).
   */
  numberMatchesAccount: z.boolean().default(false),
});
export type CallCustomer = z.infer<typeof callCustomerSchema>;

/**
 * How a call moved: to an agent or a group, by consultation or conference, to the survey, by queue overflow,
 * or back into the queue (`requeue`, its agent was lost).
 */
export const transferKindSchema = z.enum(['agent', 'group', 'consult', 'conference', 'survey', 'overflow', 'requeue']);
export type TransferKind = z.infer<typeof transferKindSchema>;

/** One move of the call (`at`: epoch ms, server clock). */
export const callTransferEntrySchema = z.object({
  /** Agent id the call left, or the group it overflowed from; null when it had no agent. */
  from: z.string().nullable(),
  /** Agent id, group name, or `survey`. */
  to: z.string(),
  kind: transferKindSchema,
  at: epochMs,
});
export type CallTransferEntry = z.infer<typeof callTransferEntrySchema>;

/**
 * One call as one agent sees it. Every change of the call bumps `rev`; a view is always sent whole,
 * so applying a view twice or an older view after a newer one is harmless.
 */
export const callViewSchema = z.object({
  id: z.string(),
  rev,
  direction: callDirectionSchema,
  /** Caller number (inbound) or dialled number (outbound). */
  number: z.string(),
  /** The number shown to the callee on outbound calls (the group's caller id). */
  callerId: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  skillGroup: skillGroupNameSchema.nullable(),
  state: callStateSchema,
  role: callRoleSchema,
  customer: callCustomerSchema,
  /** Keys the caller pressed in the IVR; digits typed for verification are masked as `*`. */
  keyTrack: z.string(),
  /** This agent's microphone is muted. */
  muted: z.boolean(),
  /** The caller hears music on hold. */
  held: z.boolean(),
  /** When the caller was put on hold (epoch ms, server clock) while `held`, else null. Added in 1.x: older servers omit it (null). */
  heldSince: epochMs.nullable().default(null),
  /** When this agent's phone started ringing, and when the ring times out. */
  ringingSince: epochMs.nullable(),
  ringDeadline: epochMs.nullable(),
  /** First time an agent answered the caller. */
  connectedAt: epochMs.nullable(),
  /** When this agent's part of the call ended. */
  endedAt: epochMs.nullable(),
  /**
   * Why this agent's part of the call ended (`END_REASONS`); null while it goes on. A reason a newer server added
   * reads as null, so the view still applies.
   */
  endReason: endReasonSchema.nullable().catch(null),
  wrapUpDeadline: epochMs.nullable(),
  /**
   * This agent's after-call work needs a wrap-up code (its skill group requires one) and none is chosen:
   * it does not end — not at `wrapUpDeadline`, not on End, a state change or a call out — until
   * `setDisposition`. Added in 1.x: older servers omit it (false).
   */
  dispositionRequired: z.boolean().default(false),
  /** The wrap-up code this agent chose for the call (`setDisposition`), else null. Added in 1.x (null). */
  disposition: z.string().nullable().default(null),
  /** The agent who transferred or consulted this agent. */
  fromAgentId: z.string().nullable(),
  /** Pending transfer started by this agent (state `transferring`). */
  transfer: z.object({ target: transferTargetSchema, agentId: z.string(), since: epochMs }).nullable(),
  /** Consultation started by this agent (state `consulting`). */
  consult: z
    .object({ target: transferTargetSchema, agentId: z.string(), state: z.enum(['ringing', 'talking']), since: epochMs })
    .nullable(),
  /** Agent ids connected to the caller (more than one in a conference). */
  participants: z.array(z.string()),
  transfers: z.array(callTransferEntrySchema),
  ratingInvited: z.boolean(),
  rating: z.number().int().min(1).max(5).nullable(),
  /** DTMF digits this agent sent on the call. */
  dtmfSent: z.string(),
  /** Per-call customer access grant for the api; only the agent handling the call gets one. */
  grant: z.string().nullable(),
});
export type CallView = z.infer<typeof callViewSchema>;

/** This connection (session) of the agent and whether it holds the phone. */
export const sessionInfoSchema = z.object({
  id: z.string(),
  /** This session holds the phone: it may control calls. Others of the same agent follow read-only. */
  phone: z.boolean(),
  /** Number of open sessions of this agent. */
  sessions: z.number().int().nonnegative(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/**
 * The server's timings, all in ms: ring timeout, after-call work (`wrapUpMs`), heartbeat interval and how long a
 * disconnected agent keeps their calls (`reconnectGraceMs`).
 */
export const serverConfigSchema = z.object({
  ringTimeoutMs: z.number().int().nonnegative(),
  wrapUpMs: z.number().int().nonnegative(),
  heartbeatMs: z.number().int().positive(),
  reconnectGraceMs: z.number().int().nonnegative(),
});
export type CtiServerConfig = z.infer<typeof serverConfigSchema>;

/**
 * A one-off message for the agent (`message` English, for logs; the UI words it by `code`; `at` epoch ms, server clock).
 */
export const noticeSchema = z.object({
  id: z.string(),
  /** e.g. `missed`, `transfer-failed`, `consult-failed`, `consult-ended`, `rating`, `requeued`. */
  code: z.string(),
  message: z.string(),
  callId: z.string().nullable(),
  at: epochMs,
});
export type Notice = z.infer<typeof noticeSchema>;
