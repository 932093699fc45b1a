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
export const skillGroupNameSchema = z.string().min(1).max(64);

/** A call as one agent sees it. `ended` is final; `wrap-up` is after-call work on a call that is over. */
export const callStateSchema = z.enum(['ringing', 'talking', 'held', 'consulting', 'transferring', 'wrap-up', 'ended']);
export type CallState = z.infer<typeof callStateSchema>;

/** Why this agent has the call: handling it, being offered a transfer, being consulted, or in a conference. */
export const callRoleSchema = z.enum(['owner', 'transfer-target', 'consult-target', 'conference']);
export type CallRole = z.infer<typeof callRoleSchema>;

export const callDirectionSchema = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof callDirectionSchema>;

const idSchema = z.string().min(1).max(64);

export const transferTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: idSchema }),
  z.object({ kind: z.literal('group'), group: skillGroupNameSchema }),
]);
export type TransferTarget = z.infer<typeof transferTargetSchema>;

export const routingPolicySchema = z.enum(['longest-idle', 'round-robin']);
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
export type RejectReason = (typeof REJECT_REASONS)[number];
