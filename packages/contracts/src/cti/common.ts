import { z } from 'zod';

/** Wire protocol major version (see docs/protocol.md). Bumped only for breaking changes. */
export const CTI_PROTOCOL_VERSION = 1;

/** States an agent may choose (the status dropdown). */
export const selectableAgentStateSchema = z.enum(['idle', 'busy', 'break', 'meeting', 'offline']);
export type SelectableAgentState = z.infer<typeof selectableAgentStateSchema>;

/**
 * An agent's effective state. `ringing`, `talking` and `wrap-up` are set by the server while the agent
 * has calls; the chosen state comes back (or the requested `nextState` applies) when they are over.
 */
export const agentStateSchema = z.enum(['idle', 'busy', 'break', 'meeting', 'offline', 'ringing', 'talking', 'wrap-up']);
export type AgentState = z.infer<typeof agentStateSchema>;

/** Demo skill groups; the server's group list is configurable, so the wire type is a plain string. */
export const DEMO_SKILL_GROUPS = ['presale', 'aftersale', 'finance'] as const;
/** A skill group's name on the wire: 1–64 characters. */
export const skillGroupNameSchema = z.string().min(1).max(64);

/** A call as one agent sees it. `ended` is final; `wrap-up` is after-call work on a call that is over. */
export const callStateSchema = z.enum(['ringing', 'talking', 'held', 'consulting', 'transferring', 'wrap-up', 'ended']);
export type CallState = z.infer<typeof callStateSchema>;

/** Why this agent has the call: handling it, being offered a transfer, being consulted, or in a conference. */
export const callRoleSchema = z.enum(['owner', 'transfer-target', 'consult-target', 'conference']);
export type CallRole = z.infer<typeof callRoleSchema>;

/** `inbound`: a customer called the hotline; `outbound`: an agent called out. */
export const callDirectionSchema = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof callDirectionSchema>;

const idSchema = z.string().min(1).max(64);

/** Where a transfer or consultation goes: one agent (by id), or a skill group (the next agent its routing picks). */
export const transferTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: idSchema }),
  z.object({ kind: z.literal('group'), group: skillGroupNameSchema }),
]);
export type TransferTarget = z.infer<typeof transferTargetSchema>;

/**
 * How a group picks the agent for a queued call: the agent idle longest, the next in turn, or the highest
 * skill level in the group (then idle longest); see `GroupRules` in ./rules.
 */
export const routingPolicySchema = z.enum(['longest-idle', 'round-robin', 'skill-level']);
export type RoutingPolicy = z.infer<typeof routingPolicySchema>;

/** Reasons a command can be rejected with (the `reason` of a `reject` frame). */
export const REJECT_REASONS = [
  'invalid-command',
  'not-found',
  'not-your-call',
  'invalid-state',
  'agent-unavailable',
  'no-idle-agent',
  'unknown-group',
  'not-phone-session',
  'busy',
  'rate-limited',
  /** After-call work of a group that requires a wrap-up code cannot end (End, a state, calling out) before one is chosen. */
  'disposition-required',
  'internal',
] as const;
/** One of `REJECT_REASONS`. */
export type RejectReason = (typeof REJECT_REASONS)[number];
/** A command's reject reason on the wire: one of `REJECT_REASONS`. */
export const rejectReasonSchema = z.enum(REJECT_REASONS);

/**
 * Why a call, or one agent's part of it (a leg), ended: the `endReason` of a call view, a call record, the
 * simulator's call status and the media control view. A closed list: every reason the cti-server's engine
 * ends a leg or a call with, the one the phone client sets itself, and the ones already stored by earlier
 * versions (the api parses its own `call_records.end_reason` rows with this list, so a value once written
 * stays in it).
 */
export const END_REASONS = [
  // A whole call (every leg still open ends with the same reason).
  /** The inbound caller hung up after an agent answered. */
  'caller-hangup',
  /** The inbound caller hung up while queued or while agents' phones were ringing. */
  'abandoned',
  /** The inbound caller hung up in the IVR, before joining a queue. */
  'abandoned-ivr',
  /** The callee of an outbound call declined (hung up while it rang). */
  'callee-rejected',
  /** The callee of an outbound call hung up after answering. */
  'callee-hangup',
  /** The agent handling the call hung up. */
  'agent-hangup',
  /** The agent cancelled an outbound call before the callee answered (hang up or reject while it rang). */
  'agent-cancelled',
  /**
   * The agent's connection went away: a ring it could not hear, or no session back within `reconnectGraceMs`.
   * Ends the agent's leg (an inbound caller goes back to the front of the queue) or a whole outbound call.
   */
  'agent-lost',
  /** The callee of an outbound call did not answer within the ring timeout (`ringTimeoutMs`). */
  'no-answer',
  /** Neither the call's skill group nor the default group exists: nobody could be offered the call. */
  'no-group',
  /** Queue overflow: the caller was sent to voicemail after the group's longest wait. */
  'voicemail',
  /** Queue overflow: the caller asked to be called back after the group's longest wait. */
  'callback-requested',
  /** The group was closed to the caller (out of hours, or its queue full) and its closed message was played. */
  'closed',
  /** The caller pressed a rating in the satisfaction survey. */
  'survey-complete',
  // One agent's leg only; the call goes on.
  /** The agent's phone rang out unanswered (`ringTimeoutMs`); the call is offered to another agent. */
  'missed',
  /** The agent rejected the ring; the call is offered to another agent. */
  'rejected',
  /** The agent's call went to another agent or group (blind transfer completed). */
  'transferred',
  /** A transfer offered to this agent was cancelled or failed before this agent took the call. */
  'transfer-cancelled',
  /** A consultation this agent was part of ended. */
  'consult-ended',
  /** The agent passed the caller to the satisfaction survey. */
  'survey',
  /** After-call work ended without another reason recorded (a fallback; a leg keeps the reason it ended with). */
  'wrap-up-done',
  // Set by the phone client, not the server.
  /** The server no longer lists a call the client showed (after a reconnect's snapshot). */
  'gone',
  // Stored by earlier versions only.
  /** The demo seed's name for `caller-hangup` (`apps/api/src/seed/generate.ts`); still in seeded databases. */
  'customer-hangup',
] as const;
/** An end reason on the wire: one of `END_REASONS`. */
export const endReasonSchema = z.enum(END_REASONS);
export type EndReason = z.infer<typeof endReasonSchema>;

