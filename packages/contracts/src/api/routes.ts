import { z } from 'zod';
import {
  auditLogQuerySchema,
  auditLogResponseSchema,
  internalAgentsResponseSchema,
  internalAuditEventsSchema,
  internalGrantEndedSchema,
  internalLoginRequestSchema,
  internalSessionCheckRequestSchema,
  internalSessionCheckResponseSchema,
  internalSessionRequestSchema,
  internalUserByIdResponseSchema,
  loginResponseSchema,
} from '../auth';
import { callRecordUpsertSchema, internalWrapUpPolicySchema } from '../cti/record';
import { internalSelfServiceRequestSchema, internalSelfServiceResponseSchema } from '../cti/ivr-tree';
import { errorBodySchema } from '../http/error-body';
import { remoteLoadBatchSchema, remoteLoadSummaryQuerySchema, remoteLoadSummarySchema } from '../remote/telemetry';
import {
  callRecordListQuerySchema,
  callRecordListResponseSchema,
  callRecordNoteRequestSchema,
  callRecordResponseSchema,
} from './call-records';
import { apiCallIdSchema, apiEntityIdSchema } from './common';
import { customerHistoryQuerySchema, customerHistoryResponseSchema, customerSummarySchema } from './customer';
import { dispositionListQuerySchema, dispositionListResponseSchema, setDispositionRequestSchema } from './dispositions';
import { consignmentListResponseSchema, loanDetailResponseSchema, loanListResponseSchema } from './finance';
import {
  agentIdentityVerifyRequestSchema,
  agentIdentityVerifyResponseSchema,
  apiHealthResponseSchema,
  callRecordUpsertResponseSchema,
  internalIdentityVerifyRequestSchema,
  internalIdentityVerifyResponseSchema,
  internalUserByPhoneResponseSchema,
} from './identity';
import { effectivenessCsvQuerySchema, effectivenessCsvSchema, effectivenessQuerySchema, effectivenessReportSchema } from './reports';
import { orderDetailSchema, orderListQuerySchema, orderListResponseSchema } from './orders';
import { numberServiceTrackQuerySchema, serviceTrackQuerySchema, serviceTrackResponseSchema } from './service-track';
import {
  assignedTicketListResponseSchema,
  createTicketCommentRequestSchema,
  createTicketRequestSchema,
  ticketDetailSchema,
  ticketListQuerySchema,
  ticketListResponseSchema,
  updateTicketStatusRequestSchema,
} from './tickets';
import { userProfileSchema, userSearchQuerySchema, userSearchResponseSchema } from './users';

// The api's routes as data: method, url pattern and the zod schemas of params, query, body and answers.
// apps/api registers each route with its `schema` (fastify-type-provider-zod validates, types and
// documents it at GET /openapi.json); @octopus/api-client builds its paths with `apiPath` from the
// same entries. A path or a schema is written here once (ADR 0011).

/** Path params of routes keyed by one of our entity ids. */
export const userParamsSchema = z.object({ userId: apiEntityIdSchema });
/** Path params of `/orders/:orderId`. */
export const orderParamsSchema = z.object({ orderId: apiEntityIdSchema });
/** Path params of `/loans/:loanId`. */
export const loanParamsSchema = z.object({ loanId: apiEntityIdSchema });
/** Path params of `/tickets/:ticketId…`. */
export const ticketParamsSchema = z.object({ ticketId: apiEntityIdSchema });
/** Path params of `/call-records/:callId…` and `/internal/call-records/:callId` (a cti-server call id). */
export const callParamsSchema = z.object({ callId: apiCallIdSchema });
/** `GET /internal/users/by-phone/:phone`: a caller id as the network gives it (3–20 digits, optional `+`). */
export const phoneParamsSchema = z.object({ phone: z.string().min(3, 'must be a phone number').max(20).regex(/^\+?\d+$/, 'must be digits') });

/** The answer of a 204: no body. */
export const noContentSchema = z.null().describe('no content');

/** HTTP methods the api uses. */
export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Fastify route-options `schema` of one route: zod schemas per request part, answers by status code. */
export interface ApiRouteSchema {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  /** Success answers by status; every route also answers `ErrorBody` on 4xx/5xx (`default`). */
  response: Record<number | 'default', z.ZodType>;
  /** One-line description (OpenAPI `summary`). */
  summary: string;
  /** OpenAPI grouping: `agent` (agent token), `service` (cti-server's service token), `public`. */
  tags: readonly ['agent' | 'service' | 'public'];
}

/** One route: method, url pattern (`/users/:userId`) and schema. */
export interface ApiRoute {
  method: ApiMethod;
  url: string;
  schema: ApiRouteSchema;
}

function route<const M extends ApiMethod, const U extends string, const S extends Omit<ApiRouteSchema, 'response' | 'tags'>, const R extends Record<number, z.ZodType>>(
  method: M,
  url: U,
  tag: 'agent' | 'service' | 'public',
  schema: S & { response: R },
): { method: M; url: U; schema: S & { response: R & { default: typeof errorBodySchema }; tags: readonly ['agent' | 'service' | 'public'] } } {
  return { method, url, schema: { ...schema, response: { ...schema.response, default: errorBodySchema }, tags: [tag] } };
}

/** Routes an agent's browser calls (agent token, optional call grant / ticket headers): what @octopus/api-client wraps. */
export const apiRoutes = {
  searchUsers: route('GET', '/users/search', 'agent', { summary: 'find customers by phone, order id or ID-number suffix (masked)', querystring: userSearchQuerySchema, response: { 200: userSearchResponseSchema } }),
  getUser: route('GET', '/users/:userId', 'agent', { summary: 'customer profile (masked unless verified)', params: userParamsSchema, response: { 200: userProfileSchema } }),
  listOrders: route('GET', '/users/:userId/orders', 'agent', { summary: "the customer's orders, newest first", params: userParamsSchema, querystring: orderListQuerySchema, response: { 200: orderListResponseSchema } }),
  getOrder: route('GET', '/orders/:orderId', 'agent', { summary: 'one order with items, receiver and logistics', params: orderParamsSchema, response: { 200: orderDetailSchema } }),
  listConsignments: route('GET', '/users/:userId/consignments', 'agent', { summary: 'consignments and payouts (verified callers only)', params: userParamsSchema, response: { 200: consignmentListResponseSchema } }),
  listLoans: route('GET', '/users/:userId/loans', 'agent', { summary: 'credit line and loans (verified callers only)', params: userParamsSchema, response: { 200: loanListResponseSchema } }),
  getLoan: route('GET', '/loans/:loanId', 'agent', { summary: 'one loan with its instalments (verified callers only)', params: loanParamsSchema, response: { 200: loanDetailResponseSchema } }),
  serviceTrack: route('GET', '/users/:userId/service-track', 'agent', { summary: "the customer's calls, IM sessions and tickets on one timeline", params: userParamsSchema, querystring: serviceTrackQuerySchema, response: { 200: serviceTrackResponseSchema } }),
  numberServiceTrack: route('GET', '/service-track', 'agent', { summary: "a number's timeline (its customer's, or masked for a number on the agent's call)", querystring: numberServiceTrackQuerySchema, response: { 200: serviceTrackResponseSchema } }),
  verifyIdentity: route('POST', '/identity/verify', 'agent', { summary: "the agent's identity check of the caller (lockout: 5 failures in 10 min)", body: agentIdentityVerifyRequestSchema, response: { 200: agentIdentityVerifyResponseSchema } }),
  customerSummary: route('GET', '/users/:userId/summary', 'agent', { summary: 'the customer panel in one request', params: userParamsSchema, response: { 200: customerSummarySchema } }),
  customerHistory: route('GET', '/users/:userId/history', 'agent', { summary: 'past calls and tickets', params: userParamsSchema, querystring: customerHistoryQuerySchema, response: { 200: customerHistoryResponseSchema } }),
  assignedTickets: route('GET', '/tickets/assigned', 'agent', { summary: "the agent's open assigned tickets", response: { 200: assignedTicketListResponseSchema } }),
  listTickets: route('GET', '/users/:userId/tickets', 'agent', { summary: "the customer's tickets", params: userParamsSchema, querystring: ticketListQuerySchema, response: { 200: ticketListResponseSchema } }),
  getTicket: route('GET', '/tickets/:ticketId', 'agent', { summary: 'one ticket with history and comments', params: ticketParamsSchema, response: { 200: ticketDetailSchema } }),
  createTicket: route('POST', '/tickets', 'agent', { summary: 'open a ticket from a call', body: createTicketRequestSchema, response: { 201: ticketDetailSchema } }),
  updateTicketStatus: route('PATCH', '/tickets/:ticketId/status', 'agent', { summary: "change a ticket's status", params: ticketParamsSchema, body: updateTicketStatusRequestSchema, response: { 200: ticketDetailSchema } }),
  addTicketComment: route('POST', '/tickets/:ticketId/comments', 'agent', { summary: 'comment on a ticket', params: ticketParamsSchema, body: createTicketCommentRequestSchema, response: { 201: ticketDetailSchema } }),
  recentCallRecords: route('GET', '/call-records', 'agent', { summary: "the agent's own recent call records", querystring: callRecordListQuerySchema, response: { 200: callRecordListResponseSchema } }),
  saveCallNote: route('PUT', '/call-records/:callId/note', 'agent', { summary: "the note of the agent's own record", params: callParamsSchema, body: callRecordNoteRequestSchema, response: { 200: callRecordResponseSchema } }),
  setCallDisposition: route('PUT', '/call-records/:callId/disposition', 'agent', { summary: "the wrap-up code of the agent's own record (null clears it)", params: callParamsSchema, body: setDispositionRequestSchema, response: { 200: callRecordResponseSchema } }),
  deleteCallRecord: route('DELETE', '/call-records/:callId', 'agent', { summary: "soft-delete the agent's own record", params: callParamsSchema, response: { 204: noContentSchema } }),
  dispositions: route('GET', '/dispositions', 'agent', { summary: "a skill group's wrap-up codes", querystring: dispositionListQuerySchema, response: { 200: dispositionListResponseSchema } }),
  auditLog: route('GET', '/audit-log', 'agent', { summary: 'the audit log, newest first (supervisors and admins)', querystring: auditLogQuerySchema, response: { 200: auditLogResponseSchema } }),
  reportRemoteLoads: route('POST', '/telemetry/remote-loads', 'agent', { summary: 'report remote loads (no customer data)', body: remoteLoadBatchSchema, response: { 204: noContentSchema } }),
  effectivenessReport: route('GET', '/reports/effectiveness', 'agent', { summary: 'the effectiveness report per day or week and skill group (supervisors and admins)', querystring: effectivenessQuerySchema, response: { 200: effectivenessReportSchema } }),
  effectivenessReportCsv: route('GET', '/reports/effectiveness/csv', 'agent', { summary: 'one table of the effectiveness report as CSV (supervisors and admins)', querystring: effectivenessCsvQuerySchema, response: { 200: effectivenessCsvSchema } }),
  remoteLoadSummary: route('GET', '/telemetry/remote-loads/summary', 'agent', { summary: 'remote load success and p95 per release (supervisors, admins or service token)', querystring: remoteLoadSummaryQuerySchema, response: { 200: remoteLoadSummarySchema } }),
} as const;

/** Routes only the cti-server calls (service token), and the unauthenticated health check. */
export const apiServiceRoutes = {
  health: route('GET', '/health', 'public', { summary: 'liveness and database kind', response: { 200: apiHealthResponseSchema } }),
  userByPhone: route('GET', '/internal/users/by-phone/:phone', 'service', { summary: 'the customer a caller id belongs to', params: phoneParamsSchema, response: { 200: internalUserByPhoneResponseSchema } }),
  userById: route('GET', '/internal/users/:userId', 'service', { summary: 'a customer exists (binds)', params: userParamsSchema, response: { 200: internalUserByIdResponseSchema } }),
  ivrVerifyIdentity: route('POST', '/internal/identity/verify', 'service', { summary: "the IVR's identity check", body: internalIdentityVerifyRequestSchema, response: { 200: internalIdentityVerifyResponseSchema } }),
  ivrSelfService: route('POST', '/internal/ivr/self-service', 'service', { summary: "the IVR's self-service answer, for a caller whose keyed identity the api verifies again (403 otherwise)", body: internalSelfServiceRequestSchema, response: { 200: internalSelfServiceResponseSchema } }),
  appendAudit: route('POST', '/internal/audit', 'service', { summary: "append the cti-server's access decisions to the audit chain", body: internalAuditEventsSchema, response: { 204: noContentSchema } }),
  wrapUpPolicy: route('GET', '/internal/wrap-up-policy', 'service', { summary: 'per group: whether after-call work needs a wrap-up code, and the active codes', response: { 200: internalWrapUpPolicySchema } }),
  upsertCallRecord: route('PUT', '/internal/call-records/:callId', 'service', { summary: 'create or update a call record (201 created, 200 updated)', params: callParamsSchema, body: callRecordUpsertSchema, response: { 200: callRecordUpsertResponseSchema, 201: callRecordUpsertResponseSchema } }),
  login: route('POST', '/internal/auth/login', 'service', { summary: "an agent's login, forwarded by the cti-server", body: internalLoginRequestSchema, response: { 200: loginResponseSchema } }),
  refresh: route('POST', '/internal/auth/refresh', 'service', { summary: 'a fresh agent token for an active session', body: internalSessionRequestSchema, response: { 200: loginResponseSchema } }),
  logout: route('POST', '/internal/auth/logout', 'service', { summary: 'end a session (idempotent)', body: internalSessionRequestSchema, response: { 204: noContentSchema } }),
  checkSessions: route('POST', '/internal/sessions/check', 'service', { summary: 'which of these sessions are no longer active', body: internalSessionCheckRequestSchema, response: { 200: internalSessionCheckResponseSchema } }),
  agents: route('GET', '/internal/agents', 'service', { summary: 'the roster', response: { 200: internalAgentsResponseSchema } }),
  grantEnded: route('POST', '/internal/grants/ended', 'service', { summary: "a leg ended: refuse its grant from notAfter", body: internalGrantEndedSchema, response: { 204: noContentSchema } }),
} as const;

/** Path params of a route, from its params schema (`{}` when it has none). */
export type ApiPathParams<R extends ApiRoute> = R['schema'] extends { params: z.ZodType } ? z.input<R['schema']['params']> : Record<string, never>;

/** The schema of a route's success answer: its 200, else its 201, else its 204 (`noContentSchema`). */
export type ApiSuccessSchema<R extends ApiRoute> = R['schema']['response'] extends { 200: infer S extends z.ZodType }
  ? S
  : R['schema']['response'] extends { 201: infer S extends z.ZodType }
    ? S
    : typeof noContentSchema;

/** A route's parsed success answer (`null` for a 204). */
export type ApiResponse<R extends ApiRoute> = z.output<ApiSuccessSchema<R>>;

/** The schema of `route`'s success answer (see `ApiSuccessSchema`) and its status (200, 201 or 204). */
export function apiSuccess<R extends ApiRoute>(route: R): { status: 200 | 201 | 204; schema: ApiSuccessSchema<R> } {
  const response = route.schema.response;
  for (const status of [200, 201, 204] as const) {
    const schema = response[status];
    if (schema) return { status, schema: schema as ApiSuccessSchema<R> };
  }
  return { status: 204, schema: noContentSchema as ApiSuccessSchema<R> };
}

/**
 * The path of `route` with its `:name` segments filled from `params`, each percent-encoded
 * (`apiPath(apiRoutes.getUser, { userId: 'U1' })` → `/users/U1`).
 * @throws Error when a segment's param is missing (a programming error, never user input).
 */
export function apiPath<R extends ApiRoute>(route: R, params: ApiPathParams<R>): string {
  const values = params as Record<string, unknown>;
  return route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null) throw new Error(`apiPath ${route.url}: missing param ${name}`);
    return encodeURIComponent(String(value));
  });
}
