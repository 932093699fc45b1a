import { z } from 'zod';
import { agentRoleSchema } from '../auth';
import { verificationMethodSchema, verificationStatusSchema } from '../remote/props';
import { agentStateSchema, callDirectionSchema, selectableAgentStateSchema, skillGroupNameSchema } from './common';

// The supervisors' view of the floor and their two commands (docs/protocol.md §15): read over HTTP with an
// agent token whose role is supervisor or admin (an agent gets 403), refreshed by the board whenever the
// pushed agent or group lists change.

const epochMs = z.number().int().nonnegative();
const count = z.number().int().nonnegative();

/** One agent on the floor. */
export const floorAgentSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: agentRoleSchema,
  skillGroups: z.array(skillGroupNameSchema),
  state: agentStateSchema,
  /** When `state` began (epoch ms, server clock). */
  stateSince: epochMs,
  /** Has at least one open connection. */
  connected: z.boolean(),
  /** The call the agent is on (ringing, talking, held, consulting or in wrap-up), or null. */
  callId: z.string().nullable(),
  /** Offers the agent let ring out since local midnight of the server (not counted: rings it could not hear). */
  missedToday: count,
});
export type FloorAgent = z.infer<typeof floorAgentSchema>;

/** One skill group's queue; the `…Today` counts run from local midnight of the server (kept in memory: a restart starts them again). */
export const floorQueueSchema = z.object({
  name: skillGroupNameSchema,
  label: z.string(),
  labels: z.object({ 'zh-CN': z.string().optional(), 'en-US': z.string().optional() }).optional(),
  /** Callers waiting now. */
  waiting: count,
  /** When the longest-waiting caller joined the queue (epoch ms), or null when none waits. */
  oldestQueuedAt: epochMs.nullable(),
  idleAgents: count,
  onlineAgents: count,
  /** Callers who joined this queue today (overflowed in from another group included). */
  offeredToday: count,
  answeredToday: count,
  /** Of `answeredToday`, answered within SERVICE_LEVEL_SECONDS (the report's, `api/reports.ts`) of joining the queue. */
  answeredInTimeToday: count,
  /** Callers who hung up while waiting or ringing. */
  abandonedToday: count,
  /** Callers moved on at the queue's wait limit (to another group, voicemail or a callback request). */
  overflowedToday: count,
  /** answeredInTime / (answered + abandoned) today, 0–1; null before any such call. */
  serviceLevel: z.number().min(0).max(1).nullable(),
});
export type FloorQueue = z.infer<typeof floorQueueSchema>;

/** A live call: queued, ringing or connected. The number is masked (`138****8000`) unless the call is verified. */
export const floorCallSchema = z.object({
  id: z.string(),
  direction: callDirectionSchema,
  number: z.string(),
  skillGroup: skillGroupNameSchema.nullable(),
  phase: z.enum(['queued', 'ringing', 'connected']),
  held: z.boolean(),
  /** The agent the call rings at or is connected to, or null while queued. */
  agentId: z.string().nullable(),
  /** When the call came in (epoch ms). */
  startedAt: epochMs,
  /** When its current wait began (queued), else null. */
  queuedAt: epochMs.nullable(),
  /** When an agent first answered it, else null. */
  connectedAt: epochMs.nullable(),
  verification: z.object({ status: verificationStatusSchema, method: verificationMethodSchema.nullable() }),
});
export type FloorCall = z.infer<typeof floorCallSchema>;

/** `GET /supervisor/floor`: the whole floor at `at` (epoch ms, server clock). */
export const floorViewSchema = z.object({
  at: epochMs,
  serviceLevelSeconds: z.number().int().positive(),
  agents: z.array(floorAgentSchema),
  queues: z.array(floorQueueSchema),
  calls: z.array(floorCallSchema),
});
export type FloorView = z.infer<typeof floorViewSchema>;

/** An agent id in a supervisor path. */
export const supervisorAgentParamsSchema = z.object({ agentId: z.string().min(1).max(64) });

/** `POST /supervisor/agents/:agentId/state`: the state to set (applied after the agent's current call, as the agent's own choice is). */
export const supervisorSetStateRequestSchema = z.object({ state: selectableAgentStateSchema });
export type SupervisorSetStateRequest = z.infer<typeof supervisorSetStateRequestSchema>;

/** `POST /supervisor/calls/:callId/route`: offer this queued call to this agent now (the agent must be idle and connected). */
export const supervisorRouteRequestSchema = z.object({ agentId: z.string().min(1).max(64) });
export type SupervisorRouteRequest = z.infer<typeof supervisorRouteRequestSchema>;

/** Both commands' answer: done (409 `ErrorBody` with the engine's reason when the floor does not allow it). */
export const supervisorDoneResponseSchema = z.object({ done: z.literal(true) });
