import {
  API_GRANT_HEADER,
  API_TICKET_HEADER,
  apiPath,
  apiRoutes,
  apiSuccess,
  auditLogQuerySchema,
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

export interface RequestOptions {
  /** react-query passes one so a superseded request (call switched) is cancelled. */
  signal?: AbortSignal;
}

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

export type UserSearchCriterion = 'phone' | 'orderId' | 'idSuffix';

/** A typed client bound to one agent token and (optionally) one call's grant. */
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

  private async request<T>(method: string, path: string, schema: ParseSchema<T>, init: { query?: Query; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
    if (!this.access.token) {
      throw new ApiError({ kind: 'no_token', message: 'no agent token: sign in first' });
    }
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(init.query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${this.access.token}` };
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

  /** `GET /users/:userId`: the profile, masked unless the call is verified. */
  getUser(userId: string, options: RequestOptions = {}): Promise<UserProfile> {
    return this.send(apiRoutes.getUser, { ...options, params: { userId } });
  }

  /** `GET /users/:userId/orders`: newest first; `limit` 1–100, `offset` ≥ 0. */
  listOrders(userId: string, query: { status?: OrderStatus; limit?: number; offset?: number } = {}, options: RequestOptions = {}): Promise<OrderListResponse> {
    return this.send(apiRoutes.listOrders, { ...options, params: { userId }, query });
  }

  /** `GET /orders/:orderId`: items, receiver (masked unless verified) and logistics. */
  getOrder(orderId: string, options: RequestOptions = {}): Promise<OrderDetail> {
    return this.send(apiRoutes.getOrder, { ...options, params: { orderId } });
  }

  /** `GET /users/:userId/tickets`. */
  listTickets(userId: string, query: { status?: TicketStatus } = {}, options: RequestOptions = {}): Promise<TicketListResponse> {
    return this.send(apiRoutes.listTickets, { ...options, params: { userId }, query });
  }

  /** `GET /tickets/:ticketId`: history and comments. */
  getTicket(ticketId: string, options: RequestOptions = {}): Promise<TicketDetail> {
    return this.send(apiRoutes.getTicket, { ...options, params: { ticketId } });
  }

  /** `POST /tickets` (the call's grant). Throws `bad_request` naming the field before any request for a body the contract refuses. */
  async createTicket(request: CreateTicketRequest, options: RequestOptions = {}): Promise<TicketDetail> {
    const body = validateBody(createTicketRequestSchema, request);
    return this.send(apiRoutes.createTicket, { ...options, params: {}, body });
  }

  /** `PATCH /tickets/:ticketId/status`. Throws `bad_request` before any request for a refused body. */
  async updateTicketStatus(ticketId: string, request: UpdateTicketStatusRequest, options: RequestOptions = {}): Promise<TicketDetail> {
    const body = validateBody(updateTicketStatusRequestSchema, request);
    return this.send(apiRoutes.updateTicketStatus, { ...options, params: { ticketId }, body });
  }

  /** `POST /tickets/:ticketId/comments`. Throws `bad_request` before any request for a refused body. */
  async addTicketComment(ticketId: string, request: CreateTicketCommentRequest, options: RequestOptions = {}): Promise<TicketDetail> {
    const body = validateBody(createTicketCommentRequestSchema, request);
    return this.send(apiRoutes.addTicketComment, { ...options, params: { ticketId }, body });
  }

  /** `GET /users/:userId/consignments`: verified callers only (403 `withheld` otherwise). */
  listConsignments(userId: string, options: RequestOptions = {}): Promise<ConsignmentListResponse> {
    return this.send(apiRoutes.listConsignments, { ...options, params: { userId } });
  }

  /** `GET /users/:userId/loans`: credit line and loans; verified callers only (403 `withheld` otherwise). */
  listLoans(userId: string, options: RequestOptions = {}): Promise<LoanListResponse> {
    return this.send(apiRoutes.listLoans, { ...options, params: { userId } });
  }

  /** `GET /loans/:loanId`: verified callers only (403 `withheld` otherwise). */
  getLoan(loanId: string, options: RequestOptions = {}): Promise<LoanDetailResponse> {
    return this.send(apiRoutes.getLoan, { ...options, params: { loanId } });
  }

  // The agent's own work (agent token only): call records, customer search, identity checks.

  async recentCallRecords(limit = 10, options: RequestOptions = {}): Promise<CallRecordDto[]> {
    return (await this.send(apiRoutes.recentCallRecords, { ...options, params: {}, query: { limit } })).records;
  }

  async saveCallNote(callId: string, note: string, options: RequestOptions = {}): Promise<CallRecordDto> {
    const body = validateBody(callRecordNoteRequestSchema, { note });
    return (await this.send(apiRoutes.saveCallNote, { ...options, params: { callId }, body })).record;
  }

  /** `PUT /call-records/:callId/disposition`: the wrap-up code of the agent's own record (null clears it). */
  async setCallDisposition(callId: string, code: string | null, options: RequestOptions = {}): Promise<CallRecordDto> {
    const body = validateBody(setDispositionRequestSchema, { code });
    return (await this.send(apiRoutes.setCallDisposition, { ...options, params: { callId }, body })).record;
  }

  /** `GET /dispositions?skillGroup=…`: the group's wrap-up codes in order, and whether one is required. */
  dispositions(skillGroup: string, options: RequestOptions = {}): Promise<DispositionListResponse> {
    return this.send(apiRoutes.dispositions, { ...options, params: {}, query: { skillGroup } });
  }

  /** `GET /users/:userId/summary` (the call's grant): the customer panel in one request, masked unless verified. */
  customerSummary(userId: string, options: RequestOptions = {}): Promise<CustomerSummary> {
    return this.send(apiRoutes.customerSummary, { ...options, params: { userId } });
  }

  /** `GET /users/:userId/history`: past calls and tickets; without a grant, at search level (no free text). */
  customerHistory(userId: string, query: { limit?: number; before?: string } = {}, options: RequestOptions = {}): Promise<CustomerHistoryResponse> {
    return this.send(apiRoutes.customerHistory, { ...options, params: { userId }, query });
  }

  /** `DELETE /call-records/:callId`: soft-deletes the agent's own record (204). */
  async deleteCallRecord(callId: string, options: RequestOptions = {}): Promise<void> {
    await this.send(apiRoutes.deleteCallRecord, { ...options, params: { callId } });
  }

  async searchUsers(by: UserSearchCriterion, value: string, options: RequestOptions = {}): Promise<UserSearchResult[]> {
    return (await this.send(apiRoutes.searchUsers, { ...options, params: {}, query: { [by]: value.trim() } })).results;
  }

  /**
   * The agent's check of what the caller says against `userId`'s account (phone or ID suffix), with the
   * api's lockout. When it passes for a call, `proof` is a short-lived signed token to hand to the
   * cti-server's `bindCustomer` (only that raises the call to verified); null otherwise.
   */
  verifyIdentity(userId: string, input: string, callId: string | null, options: RequestOptions = {}): Promise<AgentIdentityVerifyResponse> {
    return this.send(apiRoutes.verifyIdentity, { ...options, params: {}, body: { userId, input: input.trim(), callId } });
  }

  /**
   * `GET /audit-log` (supervisors and admins; the api answers 403 `no_access` for agents): entries
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
   */
  remoteLoadSummary(windowMinutes = 60, options: RequestOptions = {}): Promise<RemoteLoadSummary> {
    return this.send(apiRoutes.remoteLoadSummary, { ...options, params: {}, query: { windowMinutes } });
  }

  serviceTrack(userId: string, query: { channel?: ServiceChannel; limit?: number; before?: string } = {}, options: RequestOptions = {}): Promise<ServiceTrackResponse> {
    return this.send(apiRoutes.serviceTrack, { ...options, params: { userId }, query });
  }
}

export function createApiClient(access: ApiAccess, options: ApiClientOptions = {}): ApiClient {
  return new ApiClient(access, options);
}
