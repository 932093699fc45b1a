import { z } from 'zod';
import { loginRequestSchema, loginResponseSchema } from '../auth';
import { errorBodySchema } from '../http/error-body';
import { simCallRequestSchema, simCallResponseSchema, simCallStatusSchema } from './http';
import { groupRulesSchema, rulesChangeResponseSchema, rulesGroupParamsSchema, rulesIfVersionQuerySchema, rulesResponseSchema, rulesRollbackRequestSchema } from './rules';
import { ivrChangeResponseSchema, ivrHotlineParamsSchema, ivrHotlineResponseSchema, ivrIfVersionQuerySchema, ivrKeysRequestSchema, ivrKeysResponseSchema, ivrResponseSchema, ivrRollbackRequestSchema, ivrSessionQuerySchema, ivrSessionViewSchema, ivrTreeSchema } from './ivr-tree';
import { floorViewSchema, supervisorAgentParamsSchema, supervisorDoneResponseSchema, supervisorRouteRequestSchema, supervisorSetStateRequestSchema } from './supervision';

// The cti-server's HTTP routes as data (docs/protocol.md §1, §1a, §13, §13a), as `apiRoutes` are the
// api's (ADR 0011): apps/cti-server registers each with its `schema` through fastify-type-provider-zod
// (validated, typed, documented at GET /openapi.json). The WebSocket (`GET /ws`, §2) is not here: its
// query is judged by the hub after the upgrade, so refusals reach the browser as close codes.

/** `GET /health`: liveness and counters (more fields than these, all numbers or strings). */
export const ctiHealthResponseSchema = z.looseObject({
  status: z.literal('ok'),
  service: z.literal('cti-server'),
  mode: z.string(),
  uptimeSeconds: z.number(),
  /** Open WebSocket connections. */
  sessions: z.number(),
});

/** `GET /voice/config`: the agent's SIP registration (docs/protocol.md §13a), or `{ enabled: false }` without voice. */
export const voiceConfigResponseSchema = z.union([
  z.object({ enabled: z.literal(false) }),
  z.object({
    enabled: z.literal(true),
    /** Kamailio's WebSocket (SIP over WSS). */
    wsUrl: z.string(),
    domain: z.string(),
    /** `sip:<agentId>@<domain>` */
    uri: z.string(),
    authorizationUser: z.string(),
    /** Derived per agent (hex sha256 of the deployment's SIP secret and the agent id), never stored. */
    password: z.string(),
    audioProcessing: z.boolean(),
  }),
]);
export type VoiceConfigResponse = z.infer<typeof voiceConfigResponseSchema>;

/** `POST /auth/logout`: the api's answer, relayed. */
export const logoutResponseSchema = z.looseObject({});

/** A call id in a cti-server path (the raw segment is at most 64 characters; an unknown id is 404). */
export const ctiCallParamsSchema = z.object({ callId: z.string() });

/** `POST /ingress/calls`: an inbound call reported by the network — the simulator's request without the simulated rating. */
export const ingressCallRequestSchema = simCallRequestSchema.omit({ rating: true });
export type IngressCallRequest = z.infer<typeof ingressCallRequestSchema>;

/** `POST /ingress/calls/:callId/dtmf`: keys the caller pressed. */
export const ingressDtmfRequestSchema = z.object({ digits: z.string().regex(/^[0-9*#]{1,32}$/, '1–32 of 0-9 * #') });

/** `POST /ingress/calls/:callId/(hangup|answer|dtmf)` and `…/voice/…/dialog`: whether it changed anything. */
export const ingressDoneResponseSchema = z.object({ callId: z.string(), done: z.boolean() });

/** `GET /ingress/events`: resume after this event `seq` (or the `Last-Event-ID` header). */
export const ingressEventsQuerySchema = z.object({ after: z.string().optional() });

// Printable ASCII without quote or backslash (they would break Kamailio's RPC call); no spaces.
const sipToken = z.string().regex(/^[!#-[\]-~]{1,128}$/, 'must be a SIP token');
/** `POST /ingress/voice/calls/:callId/dialog`: the confirmed SIP dialog of a call. */
export const sipDialogRequestSchema = z.object({ sipCallId: sipToken, fromTag: sipToken, toTag: sipToken });
/**
 * `POST /ingress/voice/calls/:callId/ivr`: a caller's INVITE enters its IVR session on the media path
 * (docs/adr/0012-voice-path.md): its Call-ID, from-tag and SDP (base64, as Kamailio's `{s.encode.base64}`
 * writes it: JSON strings cannot carry the SDP's line ends from Kamailio's script).
 */
export const voiceIvrRequestSchema = z.object({ sipCallId: sipToken, fromTag: sipToken, sdp64: z.string().min(1).max(16_000).regex(/^[A-Za-z0-9+/=]+$/, 'must be base64') });
/** Its answer: the SDP of the caller's `183 Session Progress`, base64 (text/plain: Kamailio's http_client keeps only a text answer's first line). */
export const voiceIvrResponseSchema = z.string().describe('text/plain: base64 of the application/sdp of the early media');

/** `GET /ingress/voice/calls/:callId/ring`: wait up to `wait` s (≤ 25) for an agent, not one of `skip` (comma-separated ids). */
/**
 * `leg=consult`: the consulting agent's browser calls its colleague (which agent is consulted); `from`: who
 * placed the INVITE (the caller's number for a referred caller, the agent's id for a consultation), checked
 * against the call.
 */
export const voiceRingQuerySchema = z.object({ wait: z.string().optional(), skip: z.string().optional(), leg: z.enum(['caller', 'consult']).optional(), from: z.string().max(40).optional() });
/** Its answer, text/plain so the SIP proxy needs no JSON parser: `ring <agentId>`, `wait` or `end`. */
export const voiceRingResponseSchema = z.string().describe('text/plain: ring <agentId> | wait | end');

/**
 * OpenAPI grouping and who may call: `public`, `agent` (agent token), `supervisor` (agent token of a supervisor
 * or admin; 403 for an agent), `ingress` (the PBX's token), `sim` (demo/test only).
 */
export type CtiRouteTag = 'public' | 'agent' | 'supervisor' | 'ingress' | 'sim';

interface CtiRouteSchema {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  summary: string;
}

function route<const M extends 'GET' | 'POST' | 'PUT', const U extends string, const S extends CtiRouteSchema, const R extends Record<number, z.ZodType>>(method: M, url: U, tag: CtiRouteTag, schema: S & { response: R }) {
  return { method, url, schema: { ...schema, response: { ...schema.response, default: errorBodySchema }, tags: [tag] as const } };
}

/** Every HTTP route of the cti-server. Errors answer `ErrorBody` (contracts/http). */
export const ctiRoutes = {
  health: route('GET', '/health', 'public', { summary: 'liveness and counters', response: { 200: ctiHealthResponseSchema } }),
  login: route('POST', '/auth/login', 'public', { summary: "the agent's login (checked by the api; 429 with Retry-After when throttled)", body: loginRequestSchema, response: { 200: loginResponseSchema } }),
  refresh: route('POST', '/auth/refresh', 'agent', { summary: 'a new agent token for the same session', response: { 200: loginResponseSchema } }),
  logout: route('POST', '/auth/logout', 'agent', { summary: "ends the token's session and closes its sockets (4403)", response: { 200: logoutResponseSchema } }),
  voiceConfig: route('GET', '/voice/config', 'agent', { summary: "the agent's SIP registration", response: { 200: voiceConfigResponseSchema } }),
  rules: route('GET', '/rules', 'supervisor', { summary: 'the routing rules: current version, history, wrap-up codes', response: { 200: rulesResponseSchema } }),
  putGroupRules: route('PUT', '/rules/groups/:group', 'supervisor', { summary: "replaces one skill group's routing rules (a new version, applied live, audited)", params: rulesGroupParamsSchema, querystring: rulesIfVersionQuerySchema, body: groupRulesSchema, response: { 200: rulesChangeResponseSchema } }),
  rollbackRules: route('POST', '/rules/rollback', 'supervisor', { summary: "makes a kept version's rules current again (a new version, audited)", querystring: rulesIfVersionQuerySchema, body: rulesRollbackRequestSchema, response: { 200: rulesChangeResponseSchema } }),
  ivr: route('GET', '/ivr', 'supervisor', { summary: 'the IVR trees per hotline: current version, history, groups', response: { 200: ivrResponseSchema } }),
  ivrHotline: route('GET', '/ivr/hotlines/:hotline', 'supervisor', { summary: "one hotline's current IVR tree", params: ivrHotlineParamsSchema, response: { 200: ivrHotlineResponseSchema } }),
  putIvrHotline: route('PUT', '/ivr/hotlines/:hotline', 'supervisor', { summary: "replaces one hotline's IVR tree (a new version, applied to the next call, audited)", params: ivrHotlineParamsSchema, querystring: ivrIfVersionQuerySchema, body: ivrTreeSchema, response: { 200: ivrChangeResponseSchema } }),
  rollbackIvr: route('POST', '/ivr/rollback', 'supervisor', { summary: "makes a kept version's IVR trees current again (a new version, audited)", querystring: ivrIfVersionQuerySchema, body: ivrRollbackRequestSchema, response: { 200: ivrChangeResponseSchema } }),
  supervisorFloor: route('GET', '/supervisor/floor', 'supervisor', { summary: 'agents, queues and live calls (403 for agents)', response: { 200: floorViewSchema } }),
  supervisorSetState: route('POST', '/supervisor/agents/:agentId/state', 'supervisor', { summary: "sets an agent's state (audited; 403 for agents, 409 when refused)", params: supervisorAgentParamsSchema, body: supervisorSetStateRequestSchema, response: { 200: supervisorDoneResponseSchema } }),
  supervisorRoute: route('POST', '/supervisor/calls/:callId/route', 'supervisor', { summary: 'offers a queued call to one agent (audited; 403 for agents, 409 when refused)', params: ctiCallParamsSchema, body: supervisorRouteRequestSchema, response: { 200: supervisorDoneResponseSchema } }),
  simCall: route('POST', '/sim/calls', 'sim', { summary: 'a simulated caller dials in', body: simCallRequestSchema, response: { 200: simCallResponseSchema } }),
  simCallStatus: route('GET', '/sim/calls/:callId', 'sim', { summary: "a call's phase", params: ctiCallParamsSchema, response: { 200: simCallStatusSchema } }),
  simHangup: route('POST', '/sim/calls/:callId/hangup', 'sim', { summary: 'the simulated caller hangs up', params: ctiCallParamsSchema, response: { 200: z.object({ callId: z.string(), hungUp: z.boolean() }) } }),
  simIvr: route('GET', '/sim/calls/:callId/ivr', 'sim', { summary: "the call's interactive IVR session: prompts, what it waits for", params: ctiCallParamsSchema, querystring: ivrSessionQuerySchema, response: { 200: ivrSessionViewSchema } }),
  simKeys: route('POST', '/sim/calls/:callId/keys', 'sim', { summary: 'the simulated caller presses keys in the IVR', params: ctiCallParamsSchema, body: ivrKeysRequestSchema, response: { 200: ivrKeysResponseSchema } }),
  ingressCall: route('POST', '/ingress/calls', 'ingress', { summary: 'the network reports an inbound call', body: ingressCallRequestSchema, response: { 200: simCallResponseSchema } }),
  ingressEvents: route('GET', '/ingress/events', 'ingress', { summary: 'Server-Sent Events: the call control Octopus decides', querystring: ingressEventsQuerySchema, response: { 200: z.unknown().describe('text/event-stream') } }),
  ingressCallStatus: route('GET', '/ingress/calls/:callId', 'ingress', { summary: "a call's phase", params: ctiCallParamsSchema, response: { 200: simCallStatusSchema } }),
  ingressHangup: route('POST', '/ingress/calls/:callId/hangup', 'ingress', { summary: 'the caller hung up', params: ctiCallParamsSchema, response: { 200: ingressDoneResponseSchema } }),
  ingressAnswer: route('POST', '/ingress/calls/:callId/answer', 'ingress', { summary: 'the agent leg was answered on the network', params: ctiCallParamsSchema, response: { 200: ingressDoneResponseSchema } }),
  ingressDtmf: route('POST', '/ingress/calls/:callId/dtmf', 'ingress', { summary: 'the caller pressed keys', params: ctiCallParamsSchema, body: ingressDtmfRequestSchema, response: { 200: ingressDoneResponseSchema } }),
  voiceRing: route('GET', '/ingress/voice/calls/:callId/ring', 'ingress', { summary: 'long-poll: which agent Kamailio rings next', params: ctiCallParamsSchema, querystring: voiceRingQuerySchema, response: { 200: voiceRingResponseSchema } }),
  voiceIvr: route('POST', '/ingress/voice/calls/:callId/ivr', 'ingress', { summary: 'a voice caller enters the IVR: early media SDP for its 183, prompts by rtpengine, keys by RFC 4733', params: ctiCallParamsSchema, body: voiceIvrRequestSchema, response: { 200: voiceIvrResponseSchema } }),
  voiceDialog: route('POST', '/ingress/voice/calls/:callId/dialog', 'ingress', { summary: 'Kamailio reports the confirmed SIP dialog', params: ctiCallParamsSchema, body: sipDialogRequestSchema, response: { 200: ingressDoneResponseSchema } }),
} as const;
