import {
  API_GRANT_HEADER,
  API_TICKET_HEADER,
  apiPath,
  apiRoutes,
  apiSuccess,
  auditLogQuerySchema,
  effectivenessCsvQuerySchema,
  effectivenessQuerySchema,
  callRecordNoteRequestSchema,
  createTicketCommentRequestSchema,
  createTicketRequestSchema,
  setDispositionRequestSchema,
  updateTicketStatusRequestSchema,
  type AgentIdentityVerifyResponse,
  type ApiAccess,
  type ApiPathParams,
  type ApiResponse,
  type ApiRoute,
  type AuditLogQuery,
  type EffectivenessCsvQuery,
  type EffectivenessQuery,
  type EffectivenessReport,
  type AuditLogResponse,
  type CallRecordDto,
  type ConsignmentListResponse,
  type CreateTicketCommentRequest,
  type CreateTicketRequest,
  type CustomerHistoryResponse,
  type CustomerSummary,
  type DispositionListResponse,
  type LoanDetailResponse,
  type LoanListResponse,
  type OrderDetail,
  type OrderListResponse,
  type OrderStatus,
  type RemoteLoadSummary,
  type ServiceChannel,
  type ServiceTrackResponse,
  type TicketDetail,
  type TicketListResponse,
  type TicketStatus,
  type UpdateTicketStatusRequest,
  type UserProfile,
  type UserSearchResult,
} from '@octopus/contracts';
import { ApiError, errorFromResponse } from './errors';
import { inertDeep } from './inert';

/** The slice of a zod schema we use; typed structurally so this package needs no zod of its own (the contracts' copy is shared). */
export interface ParseSchema<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

/** Per-request options of every `ApiClient` method. */
export interface RequestOptions {
  /** react-query passes one so a superseded request (call switched) is cancelled. */
  signal?: AbortSignal;
}

/** Options of an `ApiClient` besides its access (token, grant, base URL). */
export interface ApiClientOptions {
  /** Defaults to the global fetch; tests and embedders may pass their own. */
  fetch?: typeof fetch;
  /** Names the ticket the agent works from (second-line access without a call). */
  ticketId?: string | null;
}

type Query = Record<string, string | number | undefined | null>;

function firstIssue(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }, where: string): { field: string; message: string } {
  const issue = error.issues[0];
  const path = issue && issue.path.length > 0 ? `${where}.${issue.path.map(String).join('.')}` : where;
  return { field: path, message: `${path}: ${issue?.message ?? 'invalid'}` };
}

function validateBody<T>(schema: ParseSchema<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  // Same shape as the api's own 400, without the round trip.
  const { field, message } = firstIssue(parsed.error, 'body');
  throw new ApiError({ kind: 'bad_request', message, field, code: 'bad_request' });
}

/** For 204 answers: nothing to parse. */
const NO_CONTENT: ParseSchema<undefined> = { safeParse: () => ({ success: true, data: undefined }) };

/** What `send` takes besides the route: path params (typed by the route), query, body, abort signal. */
type SendInit<R extends ApiRoute> = { params: ApiPathParams<R>; query?: Query; body?: unknown; signal?: AbortSignal | undefined };

/** What `searchUsers` looks a customer up by: an 11-digit mobile, an order id, or the ID number's last 4–6 characters. */
export type UserSearchCriterion = 'phone' | 'orderId' | 'idSuffix';

/**
 * A typed client of the api's agent routes (`apiRoutes` of @octopus/contracts), bound to one agent token and
 * (optionally) one call's grant and one ticket. Every answer is checked against the route's schema and its
 * strings made inert (`inertDeep`).
 *
 * Every method returns a promise that rejects with an {@link ApiError} (never another error, except an abort:
 * when `options.signal` aborts, the fetch's own `AbortError` comes through unchanged). Its `kind`:
 * - `no_token`: the access has no agent token (no request is made);
 * - `bad_request`: a body or query the contract refuses (checked before any request, `field` names it), or a
 *   400/413 answer;
 * - `unauthorized`: 401 (token expired, session ended: sign in again);
 * - `withheld`: 403 `verification_required` (finance data of an unverified caller);
 * - `no_access`: any other 403 (`no_access`, `grant_ended`, `forbidden` in `code`);
 * - `not_found`: 404; `conflict`: 409; `rate_limited`: 429; `server`: any other status;
 * - `network`: no answer at all; `invalid_response`: an answer that is not JSON or not of the route's schema.
 *
 * Customer routes (profile, orders, tickets, finance, history, summary, service track) need access to that
 * customer: the call's grant for it, or an open ticket assigned to the agent; without it they answer 403
 * `no_access` (or `grant_ended` once the agent's after-call work is over).
 */
export class ApiClient {
  private readonly fetchImpl: typeof fetch;
  private readonly baseUrl: string;

  constructor(
    readonly access: ApiAccess,
    private readonly options: ApiClientOptions = {},
  ) {
    // Bind: window.fetch throws "Illegal invocation" when called as a method of another object.
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.baseUrl = access.baseUrl.replace(/\/+$/, '');
  }

  /**
   * One call of a route of `apiRoutes` (@octopus/contracts): method, path and answer schema all come
   * from the route table the api registers, so no path is written twice. 204 answers resolve undefined.
   */
  private send<R extends ApiRoute>(route: R, init: SendInit<R>): Promise<ApiResponse<R>> {
    const success = apiSuccess(route);
    const schema = (success.status === 204 ? NO_CONTENT : success.schema) as ParseSchema<ApiResponse<R>>;
    return this.request(route.method, apiPath(route, init.params), schema, init);
  }

  private async request<T>(method: string, path: string, schema: ParseSchema<T>, init: { query?: Query; body?: unknown; signal?: AbortSignal; text?: boolean } = {}): Promise<T> {
    if (!this.access.token) {
      throw new ApiError({ kind: 'no_token', message: 'no agent token: sign in first' });
    }
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(init.query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: init.text ? 'text/csv, application/json' : 'application/json', authorization: `Bearer ${this.access.token}` };
    if (this.access.grant) headers[API_GRANT_HEADER] = this.access.grant;
    if (this.options.ticketId) headers[API_TICKET_HEADER] = this.options.ticketId;
    if (init.body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await this.fetchImpl(url.toString(), {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: init.signal,
      });
    } catch (error) {
      // An abort is the caller's decision, not a network failure: let it through unchanged.
      if (init.signal?.aborted) throw error;
      throw new ApiError({ kind: 'network', message: error instanceof Error ? error.message : 'network error', cause: error });
    }

    const text = await response.text();
    // A text answer (CSV) is returned as it came; errors are still JSON.
    if (init.text && response.ok) return text as T;
    let json: unknown = null;
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        if (response.ok) throw new ApiError({ kind: 'invalid_response', message: `${method} ${path}: not JSON`, status: response.status });
      }
    }
    // Stored text is made inert before anyone reads it: every string of every answer (errors too).
    json = inertDeep(json);
    if (!response.ok) {
      throw errorFromResponse(response.status, json && typeof json === 'object' ? (json as Record<string, never>) : null);
    }
    if (schema === NO_CONTENT) return undefined as T;
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const { message } = firstIssue(parsed.error, 'response');
      throw new ApiError({ kind: 'invalid_response', message: `${method} ${path}: ${message}`, status: response.status });
    }
    return parsed.data;
  }

  /** `GET /users/:userId`: the profile, masked unless the call is verified. Rejects `not_found` (no such user), `no_access`. */
  getUser(userId: string, options: RequestOptions = {}): Promise<UserProfile> {
    return this.send(apiRoutes.getUser, { ...options, params: { userId } });
  }

  /**
   * `GET /users/:userId/orders`: one page of the customer's orders, newest first, and the total matching `status`;
   * `limit` 1–100 (default 20), `offset` ≥ 0 (default 0). Rejects `bad_request` (limit or offset out of range), `no_access`.
   */
  listOrders(userId: string, query: { status?: OrderStatus; limit?: number; offset?: number } = {}, options: RequestOptions = {}): Promise<OrderListResponse> {
    return this.send(apiRoutes.listOrders, { ...options, params: { userId }, query });
  }

  /** `GET /orders/:orderId`: items, receiver (masked unless verified) and logistics. Rejects `not_found` (no such order), `no_access` (not the customer of the call's grant). */
  getOrder(orderId: string, options: RequestOptions = {}): Promise<OrderDetail> {
    return this.send(apiRoutes.getOrder, { ...options, params: { orderId } });
  }

  /** `GET /users/:userId/tickets`: the customer's tickets, optionally of one `status`. Rejects `no_access`. */
  listTickets(userId: string, query: { status?: TicketStatus } = {}, options: RequestOptions = {}): Promise<TicketListResponse> {
    return this.send(apiRoutes.listTickets, { ...options, params: { userId }, query });
  }

  /** `GET /tickets/:ticketId`: the ticket with its history and comments (oldest first). Rejects `not_found` (no such ticket), `no_access`. */
  getTicket(ticketId: string, options: RequestOptions = {}): Promise<TicketDetail> {
    return this.send(apiRoutes.getTicket, { ...options, params: { ticketId } });
  }

  /**
   * `POST /tickets` → 201: opens a ticket from a call; needs the grant of `request.callId` (else 403 `no_access`).
   * Rejects `bad_request` naming the field, before any request, for a body the contract refuses, and for an
   * unknown assignee or an order not of this customer (400); `not_found` for an unknown user; `no_access`
   * (`forbidden`) when an agent assigns it to someone else (only supervisors and admins may).
   */
  async createTicket(request: CreateTicketRequest, options: RequestOptions = {}): Promise<TicketDetail> {
    const body = validateBody(createTicketRequestSchema, request);
    return this.send(apiRoutes.createTicket, { ...options, params: {}, body });
  }

  /**
   * `PATCH /tickets/:ticketId/status`: moves the ticket to `request.status` (with an optional note). Rejects
   * `bad_request` before any request for a refused body; `conflict` (409) when the ticket is closed or already in
   * that status; `not_found`, `no_access`.
   */
  async updateTicketStatus(ticketId: string, request: UpdateTicketStatusRequest, options: RequestOptions = {}): Promise<TicketDetail> {
    const body = validateBody(updateTicketStatusRequestSchema, request);
    return this.send(apiRoutes.updateTicketStatus, { ...options, params: { ticketId }, body });
  }

  /** `POST /tickets/:ticketId/comments` → 201: the ticket with the new comment. Rejects `bad_request` before any request for a refused body; `not_found`, `no_access`. */
  async addTicketComment(ticketId: string, request: CreateTicketCommentRequest, options: RequestOptions = {}): Promise<TicketDetail> {
    const body = validateBody(createTicketCommentRequestSchema, request);
    return this.send(apiRoutes.addTicketComment, { ...options, params: { ticketId }, body });
  }

  /** `GET /users/:userId/consignments`: verified callers only (rejects `withheld`, 403 `verification_required`, otherwise); `no_access`. */
  listConsignments(userId: string, options: RequestOptions = {}): Promise<ConsignmentListResponse> {
    return this.send(apiRoutes.listConsignments, { ...options, params: { userId } });
  }

  /** `GET /users/:userId/loans`: credit line and loans; verified callers only (rejects `withheld` otherwise); `no_access`. */
  listLoans(userId: string, options: RequestOptions = {}): Promise<LoanListResponse> {
    return this.send(apiRoutes.listLoans, { ...options, params: { userId } });
  }

  /** `GET /loans/:loanId`: one loan and its instalments; verified callers only (rejects `withheld` otherwise); `not_found` (no such loan), `no_access`. */
  getLoan(loanId: string, options: RequestOptions = {}): Promise<LoanDetailResponse> {
    return this.send(apiRoutes.getLoan, { ...options, params: { loanId } });
  }

  // The agent's own work (agent token only): call records, customer search, identity checks.

  /**
   * `GET /call-records`: the agent's own call records, newest first, at most `limit` (1–50, default 10).
   * Rejects `bad_request` for a limit out of range.
   */
  async recentCallRecords(limit = 10, options: RequestOptions = {}): Promise<CallRecordDto[]> {
    return (await this.send(apiRoutes.recentCallRecords, { ...options, params: {}, query: { limit } })).records;
  }

  /**
   * `PUT /call-records/:callId/note`: sets the note of the agent's own record (an empty string clears it; at
   * most `CALL_NOTE_MAX` characters, else `bad_request` before any request). Rejects `not_found` (no record, or
   * deleted), `no_access` (`forbidden`: another agent's record), `conflict` (the record changed meanwhile: retry).
   */
  async saveCallNote(callId: string, note: string, options: RequestOptions = {}): Promise<CallRecordDto> {
    const body = validateBody(callRecordNoteRequestSchema, { note });
    return (await this.send(apiRoutes.saveCallNote, { ...options, params: { callId }, body })).record;
  }

  /**
   * `PUT /call-records/:callId/disposition`: the wrap-up code of the agent's own record (null clears it).
   * Rejects `bad_request` for a code that is not one of the record's skill group (400, `field` `body.code`);
   * `not_found`, `no_access` (`forbidden`), `conflict` as `saveCallNote`.
   */
  async setCallDisposition(callId: string, code: string | null, options: RequestOptions = {}): Promise<CallRecordDto> {
    const body = validateBody(setDispositionRequestSchema, { code });
    return (await this.send(apiRoutes.setCallDisposition, { ...options, params: { callId }, body })).record;
  }

  /** `GET /dispositions?skillGroup=…`: the group's wrap-up codes in order, and whether one is required. Rejects `bad_request` for a malformed group name. */
  dispositions(skillGroup: string, options: RequestOptions = {}): Promise<DispositionListResponse> {
    return this.send(apiRoutes.dispositions, { ...options, params: {}, query: { skillGroup } });
  }

  /** `GET /users/:userId/summary` (the call's grant): the customer panel in one request, masked unless verified. Rejects `not_found` (no such user), `no_access`. */
  customerSummary(userId: string, options: RequestOptions = {}): Promise<CustomerSummary> {
    return this.send(apiRoutes.customerSummary, { ...options, params: { userId } });
  }

  /**
   * `GET /users/:userId/history`: past calls and tickets, newest first; `limit` 1–100 (default 20), `before` an
   * ISO 8601 instant to page backwards. Without any grant (and no ticket), at search level (no free text); a
   * grant that does not fit is refused. Rejects `not_found` (no such user), `no_access` (a grant for another
   * call, customer or agent, or ended), `bad_request` (query out of range).
   */
  customerHistory(userId: string, query: { limit?: number; before?: string } = {}, options: RequestOptions = {}): Promise<CustomerHistoryResponse> {
    return this.send(apiRoutes.customerHistory, { ...options, params: { userId }, query });
  }

  /** `DELETE /call-records/:callId` → 204: soft-deletes the agent's own record. Rejects `not_found`, `no_access` (`forbidden`: another agent's record). */
  async deleteCallRecord(callId: string, options: RequestOptions = {}): Promise<void> {
    await this.send(apiRoutes.deleteCallRecord, { ...options, params: { callId } });
  }

  /**
   * `GET /users/search`: customers matching `value` (trimmed) by one criterion, masked; empty when none match.
   * Rejects `bad_request` for a value that is not a mobile number / order id / ID suffix (`field` names it).
   */
  async searchUsers(by: UserSearchCriterion, value: string, options: RequestOptions = {}): Promise<UserSearchResult[]> {
    return (await this.send(apiRoutes.searchUsers, { ...options, params: {}, query: { [by]: value.trim() } })).results;
  }

  /**
   * The agent's check of what the caller says against `userId`'s account (phone or ID suffix), with the
   * api's lockout. When it passes for a call, `proof` is a short-lived signed token to hand to the
   * cti-server's `bindCustomer` (only that raises the call to verified); null otherwise. `POST /identity/verify`.
   * Rejects `rate_limited` (429 `too_many_attempts`) after 5 failed checks of this agent for this user within
   * 10 minutes; `bad_request` for input that is neither an 11-digit phone nor an ID suffix; `not_found` (no
   * such user); `no_access` (codes `no_access`, `grant_ended`) without the call's grant for this agent, user and call.
   */
  verifyIdentity(userId: string, input: string, callId: string | null, options: RequestOptions = {}): Promise<AgentIdentityVerifyResponse> {
    return this.send(apiRoutes.verifyIdentity, { ...options, params: {}, body: { userId, input: input.trim(), callId } });
  }

  /**
   * `GET /audit-log` (supervisors and admins; agents get 403 `forbidden`, kind `no_access`): entries
   * newest first, filtered by customer, agent, outcome and time range [from, to) (ISO 8601), `limit`
   * (1–500, default 100) per page; page on with `before: nextBefore`. Throws `bad_request` naming the
   * field for a query the contract refuses, before any request.
   */
  auditLog(query: AuditLogQuery = {}, options: RequestOptions = {}): Promise<AuditLogResponse> {
    const parsed = auditLogQuerySchema.safeParse(query);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error, 'query');
      return Promise.reject(new ApiError({ kind: 'bad_request', message, field, code: 'bad_request' }));
    }
    return this.send(apiRoutes.auditLog, { ...options, params: {}, query: parsed.data });
  }

  /**
   * `GET /telemetry/remote-loads/summary` (supervisors and admins): per remote, release and track,
   * loads, failures, success rate (0–1) and p95 load time (ms) over the last `windowMinutes` (1–10 080, default 60).
   * Rejects `no_access` (403 `forbidden`) for agents, `bad_request` for a window out of range.
   */
  remoteLoadSummary(windowMinutes = 60, options: RequestOptions = {}): Promise<RemoteLoadSummary> {
    return this.send(apiRoutes.remoteLoadSummary, { ...options, params: {}, query: { windowMinutes } });
  }

  /**
   * `GET /reports/effectiveness` (supervisors and admins): per day or ISO week (`granularity`) and skill
   * group, offered/answered/abandoned calls, service level (20 s), handle time per verification path, IVR
   * shares, transfers, missed rings per agent and dispositions over `from`–`to` (dates in `tz`, default the
   * 28 days ending today in Asia/Shanghai). Rejects `no_access` for agents, `bad_request` naming the field for
   * a query the contract or the api refuses (from after to, over 400 days).
   */
  effectivenessReport(query: EffectivenessQuery = {}, options: RequestOptions = {}): Promise<EffectivenessReport> {
    const parsed = effectivenessQuerySchema.safeParse(query);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error, 'query');
      return Promise.reject(new ApiError({ kind: 'bad_request', message, field, code: 'bad_request' }));
    }
    return this.send(apiRoutes.effectivenessReport, { ...options, params: {}, query: parsed.data });
  }

  /**
   * `GET /reports/effectiveness/csv`: one table of the report (`table`: figures, missed-rings or
   * dispositions) as CSV text (UTF-8 with BOM). Same access and errors as `effectivenessReport`.
   */
  effectivenessReportCsv(query: EffectivenessCsvQuery = {}, options: RequestOptions = {}): Promise<string> {
    const parsed = effectivenessCsvQuerySchema.safeParse(query);
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error, 'query');
      return Promise.reject(new ApiError({ kind: 'bad_request', message, field, code: 'bad_request' }));
    }
    const route = apiRoutes.effectivenessReportCsv;
    return this.request<string>(route.method, apiPath(route, {}), { safeParse: (data) => ({ success: true, data: String(data) }) }, { ...options, query: parsed.data, text: true });
  }

  /**
   * `GET /users/:userId/service-track`: the customer's calls, IM sessions and tickets on one timeline, newest
   * first; optionally one `channel`, `limit` 1–200 (default 50), `before` an ISO 8601 instant to page backwards.
   * Rejects `no_access`, `bad_request` (query out of range).
   */
  serviceTrack(userId: string, query: { channel?: ServiceChannel; limit?: number; before?: string } = {}, options: RequestOptions = {}): Promise<ServiceTrackResponse> {
    return this.send(apiRoutes.serviceTrack, { ...options, params: { userId }, query });
  }
}

/** `new ApiClient(access, options)`: see {@link ApiClient} (its methods' errors included). Never throws. */
export function createApiClient(access: ApiAccess, options: ApiClientOptions = {}): ApiClient {
  return new ApiClient(access, options);
}
