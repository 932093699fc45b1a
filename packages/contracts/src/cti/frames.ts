import { z } from 'zod';
import { CTI_PROTOCOL_VERSION, rejectReasonSchema, selectableAgentStateSchema, skillGroupNameSchema, transferTargetSchema } from './common';
import {
  agentSelfSchema,
  agentSummarySchema,
  callViewSchema,
  groupSummarySchema,
  noticeSchema,
  serverConfigSchema,
  sessionInfoSchema,
} from './views';

const callId = z.string().min(1).max(64);
const withCall = <N extends string>(name: N) => z.object({ name: z.literal(name), callId });

/** Live lists a session may `subscribe` to: all agents (transfer pickers) and all groups (queue load). */
export const ctiTopicSchema = z.enum(['agents', 'groups']);
export type CtiTopic = z.infer<typeof ctiTopicSchema>;

/** Every command the client can send. Each travels in a `command` frame with a request id. */
export const ctiCommandSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('setState'), state: selectableAgentStateSchema }),
  withCall('answer'),
  withCall('reject'),
  withCall('hangup'),
  withCall('hold'),
  withCall('resume'),
  withCall('mute'),
  withCall('unmute'),
  z.object({ name: z.literal('dtmf'), callId, digits: z.string().regex(/^[0-9*#A-D]{1,32}$/) }),
  z.object({ name: z.literal('transfer'), callId, target: transferTargetSchema }),
  withCall('cancelTransfer'),
  z.object({ name: z.literal('consult'), callId, target: transferTargetSchema }),
  /** Hand the caller to the consulted agent; this agent leaves. */
  withCall('consultTransfer'),
  /** Join caller, this agent and the consulted agent in a three-way conference. */
  withCall('consultConference'),
  /** End the consultation and return to the caller. */
  withCall('consultReturn'),
  withCall('transferToSurvey'),
  withCall('inviteRating'),
  z.object({
    name: z.literal('callOut'),
    number: z.string().regex(/^\+?[0-9]{3,20}$/),
    skillGroup: skillGroupNameSchema.optional(),
  }),
  z.object({
    name: z.literal('bindCustomer'),
    callId,
    userId: z.string().min(1).max(64),
    method: z.enum(['agent-confirm', 'agent-search']),
    /**
     * The api's verification proof (`proof` of `POST /identity/verify`) for this call, agent and user.
     * Without it a bind only *identifies* the caller (masked data, no finance); with a valid one the
     * call becomes *verified*. Binding an account that does not exist is rejected.
     */
    proof: z.string().min(1).max(2048).optional(),
  }),
  withCall('refreshGrant'),
  /**
   * The wrap-up code (disposition) of this agent's part of the call: one of the call's skill group's active
   * codes (`GET /internal/wrap-up-policy`). Accepted while the agent handles the call or is in its after-call
   * work; stored on the call record. A group that requires one holds after-call work until it is set
   * (reject `disposition-required`). Added in protocol 1.x.
   */
  z.object({ name: z.literal('setDisposition'), callId, code: z.string().min(1).max(64).regex(/^[a-z0-9-]+$/) }),
  /** Make this session the one that holds the phone (the other tabs follow). */
  z.object({ name: z.literal('takePhone') }),
  /** A renewed agent token (from `POST /auth/refresh`) for the same session: the socket stays open past the old expiry. */
  z.object({ name: z.literal('renewSession'), token: z.string().min(1).max(4096) }),
  z.object({ name: z.literal('subscribe'), topics: z.array(ctiTopicSchema).max(8) }),
]);
export type CtiCommand = z.infer<typeof ctiCommandSchema>;
/** A command's `name`. */
export type CtiCommandName = CtiCommand['name'];

/**
 * Every frame the client sends: `ping` (answered by `pong`), `sync` (answered by a `snapshot`) and `command`
 * (answered by an `ack` or a `reject` with the same `id`).
 */
export const clientFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping'), id: z.string().max(64).optional() }),
  /** Ask for a fresh snapshot (after a sequence gap). */
  z.object({ type: z.literal('sync') }),
  z.object({ type: z.literal('command'), id: z.string().min(1).max(64), command: ctiCommandSchema }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

const seq = z.number().int().positive();

/**
 * The session's whole state: sent first on connect and on `sync`; replaces everything the client had.
 * `serverTime` is the server clock (epoch ms): clients count down to server deadlines with its offset.
 */
export const snapshotEventSchema = z.object({
  type: z.literal('snapshot'),
  protocol: z.literal(CTI_PROTOCOL_VERSION),
  /** Server instance id: changes when the server restarts (revs restart with it). */
  epoch: z.string(),
  /** Highest rev at snapshot time: anything not in the snapshot with a rev at or below it is stale. */
  rev: z.number().int().nonnegative(),
  serverTime: z.number().int(),
  session: sessionInfoSchema,
  agent: agentSelfSchema,
  /** Every call this agent has a part in (not yet ended, wrap-up included). */
  calls: z.array(callViewSchema),
  /** Full lists when the session subscribed to the topic, else null. */
  agents: z.array(agentSummarySchema).nullable(),
  groups: z.array(groupSummarySchema).nullable(),
  config: serverConfigSchema,
});
/** The connected agent's own state changed. */
export const agentEventSchema = z.object({ type: z.literal('agent'), agent: agentSelfSchema });
/** One call as this agent sees it changed (the whole view; apply if its `rev` is newer). */
export const callEventSchema = z.object({ type: z.literal('call'), call: callViewSchema });
/** The subscribed agent list changed: the entries that changed. */
export const agentsEventSchema = z.object({ type: z.literal('agents'), agents: z.array(agentSummarySchema) });
/** The subscribed group list changed: the entries that changed. */
export const groupsEventSchema = z.object({ type: z.literal('groups'), groups: z.array(groupSummarySchema) });
/** This session's standing changed (took or lost the phone, sessions opened or closed). */
export const sessionEventSchema = z.object({ type: z.literal('session'), session: sessionInfoSchema });
/** A one-off message for the agent (missed call, failed transfer, rating …). */
export const noticeEventSchema = z.object({ type: z.literal('notice'), notice: noticeSchema });

/** Events that change client state; what a driver hands to the store. */
export const ctiEventSchema = z.discriminatedUnion('type', [
  snapshotEventSchema,
  agentEventSchema,
  callEventSchema,
  agentsEventSchema,
  groupsEventSchema,
  sessionEventSchema,
  noticeEventSchema,
]);
export type CtiEvent = z.infer<typeof ctiEventSchema>;
export type SnapshotEvent = z.infer<typeof snapshotEventSchema>;

/** What a command's `ack` may carry: the new call's id (`callOut`) or a renewed grant (`refreshGrant`). */
export const commandResultSchema = z.object({ callId: z.string().optional(), grant: z.string().optional() });
export type CommandResult = z.infer<typeof commandResultSchema>;

/** A command (by request `id`) was carried out. */
export const ackFrameSchema = z.object({ type: z.literal('ack'), id: z.string(), result: commandResultSchema.nullable() });
/** A command (by request `id`) was refused: `reason` from `REJECT_REASONS`, `message` for logs (English). */
export const rejectFrameSchema = z.object({
  type: z.literal('reject'),
  id: z.string(),
  /**
   * One of `REJECT_REASONS`. A reason a newer server added (§9 of docs/protocol.md: new reject reasons within a
   * major) reads as `internal`, so the command still fails instead of waiting for its timeout; `message` says why.
   */
  reason: rejectReasonSchema.catch('internal'),
  message: z.string(),
});
/**
 * A frame the server could not take (malformed, rate-limited, failed: `code` e.g. `rate-limited`, `internal`), or
 * why the server is about to close the socket (then followed by a close with one of `CTI_CLOSE_CODES`).
 */
export const errorFrameSchema = z.object({ type: z.literal('error'), code: z.string(), message: z.string() });
/** The answer to a `ping` (its `id`, or null); `serverTime` is the server's clock (epoch ms). */
export const pongFrameSchema = z.object({ type: z.literal('pong'), id: z.string().nullable(), serverTime: z.number().int() });

/** Every frame the server sends carries the session's next sequence number. */
export const serverFrameSchema = z.discriminatedUnion('type', [
  snapshotEventSchema.extend({ seq }),
  agentEventSchema.extend({ seq }),
  callEventSchema.extend({ seq }),
  agentsEventSchema.extend({ seq }),
  groupsEventSchema.extend({ seq }),
  sessionEventSchema.extend({ seq }),
  noticeEventSchema.extend({ seq }),
  ackFrameSchema.extend({ seq }),
  rejectFrameSchema.extend({ seq }),
  errorFrameSchema.extend({ seq }),
  pongFrameSchema.extend({ seq }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
/** A server frame without its `seq` (what the server builds before numbering it). */
export type ServerFrameBody = ServerFrame extends infer F ? (F extends { seq: number } ? Omit<F, 'seq'> : never) : never;

/** WebSocket close codes the server uses (4000–4999 are application codes). */
export const CTI_CLOSE_CODES = {
  unauthorized: 4401,
  unsupportedProtocol: 4400,
  replaced: 4409,
  slowConsumer: 4429,
  heartbeatTimeout: 4408,
  /** The session expired, was logged out or revoked: log in again. */
  sessionEnded: 4403,
  /** The agent already has the maximum number of open sessions. */
  tooManySessions: 4410,
  /** The client sent frames faster than its per-connection limit for too long. */
  flooding: 4430,
  shutdown: 1001,
} as const;
