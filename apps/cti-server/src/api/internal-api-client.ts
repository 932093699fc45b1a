import { signToken, type ServiceClaims } from '@octopus/auth';
import {
  internalAgentsResponseSchema,
  internalIdentityVerifyResponseSchema,
  internalSelfServiceResponseSchema,
  type InternalSelfServiceRequest,
  type InternalSelfServiceResponse,
  internalSessionCheckResponseSchema,
  internalUserByIdResponseSchema,
  internalUserByPhoneSchema,
  internalWrapUpPolicySchema,
  loginResponseSchema,
  type CallRecordUpsert,
  type InternalAgent,
  type InternalAuditEvent,
  type InternalGrantEnded,
  type InternalIdentityVerifyResponse,
  type InternalLoginRequest,
  type InternalUserByIdResponse,
  type InternalUserByPhone,
  type InternalWrapUpPolicy,
} from '@octopus/contracts';
import type { AccountDirectory, AuthAnswer, CustomerDirectory } from '../engine/ports';
import { SafeMessageError } from '../log';

export class InternalApiError extends SafeMessageError {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export interface InternalApiClientOptions {
  baseUrl: string;
  tokenSecret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The api's internal endpoints, called with a short-lived service token (`kind:'service', sub:'cti-server'`):
 * customers (IVR, bind), accounts and sessions (login relay, session checks, roster), call records and
 * grant ends (through the outbox). Error messages name the route and status, never personal data.
 */
export class InternalApiClient implements CustomerDirectory, AccountDirectory {
  private token: { value: string; until: number } | null = null;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: InternalApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.fetchImpl = options.fetch ?? fetch;
  }

  private serviceToken(): string {
    const now = Date.now();
    if (!this.token || this.token.until < now) {
      const value = signToken<ServiceClaims>({ kind: 'service', sub: 'cti-server' }, { secret: this.options.tokenSecret, ttlSeconds: 300 });
      this.token = { value, until: now + 240_000 };
    }
    return this.token.value;
  }

  /** `route` is the pattern used in error messages (ids and phone numbers stay out of logs). */
  private async request(method: string, path: string, route: string, body?: unknown): Promise<Response> {
    try {
      return await this.fetchImpl(this.baseUrl + path, {
        method,
        headers: { authorization: `Bearer ${this.serviceToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new InternalApiError(`${method} ${route}: ${(error as Error).name}`, null);
    }
  }

  /** The JSON body of a 2xx answer (`parse`), or nothing (the body is drained: 200 or 204 alike). */
  private async expectOk(response: Response, route: string, parse = true): Promise<unknown> {
    if (!response.ok || !parse) {
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new InternalApiError(`${route}: HTTP ${response.status}`, response.status);
      return null;
    }
    try {
      return await response.json();
    } catch {
      throw new InternalApiError(`${route}: HTTP ${response.status} without a JSON body`, response.status);
    }
  }

  // ---------------------------------------------------------------- customers

  async userByPhone(phone: string): Promise<InternalUserByPhone | null> {
    const route = 'GET /internal/users/by-phone/:phone';
    const response = await this.request('GET', `/internal/users/by-phone/${encodeURIComponent(phone)}`, route);
    if (response.status === 404) return null;
    return internalUserByPhoneSchema.parse(await this.expectOk(response, route));
  }

  async userById(userId: string): Promise<InternalUserByIdResponse | null> {
    const route = 'GET /internal/users/:userId';
    const response = await this.request('GET', `/internal/users/${encodeURIComponent(userId)}`, route);
    if (response.status === 404 || response.status === 400) return null;
    return internalUserByIdResponseSchema.parse(await this.expectOk(response, route));
  }

  async verify(callerPhone: string, input: string, userId?: string): Promise<InternalIdentityVerifyResponse> {
    const route = 'POST /internal/identity/verify';
    const response = await this.request('POST', '/internal/identity/verify', route, { callerPhone, input, ...(userId !== undefined && { userId }) });
    return internalIdentityVerifyResponseSchema.parse(await this.expectOk(response, route));
  }

  /**
   * `POST /internal/ivr/self-service`: the api verifies the keyed identity again and answers; @throws
   * `InternalApiError` (status 403 `not_verified` when the identity does not verify, 404, 5xx, timeouts).
   */
  async selfService(request: InternalSelfServiceRequest): Promise<InternalSelfServiceResponse> {
    const route = 'POST /internal/ivr/self-service';
    const response = await this.request('POST', '/internal/ivr/self-service', route, request);
    return internalSelfServiceResponseSchema.parse(await this.expectOk(response, route));
  }

  // ---------------------------------------------------------------- outbox messages

  async putCallRecord(record: CallRecordUpsert): Promise<void> {
    const route = 'PUT /internal/call-records/:callId';
    const response = await this.request('PUT', `/internal/call-records/${encodeURIComponent(record.callId)}`, route, record);
    await this.expectOk(response, route, false);
  }

  async grantEnded(notice: InternalGrantEnded): Promise<void> {
    const route = 'POST /internal/grants/ended';
    const response = await this.request('POST', '/internal/grants/ended', route, notice);
    await this.expectOk(response, route, false);
  }

  /** `POST /internal/audit` with at most 100 events (the outbox batches them). */
  async auditEvents(events: InternalAuditEvent[]): Promise<void> {
    const route = 'POST /internal/audit';
    const response = await this.request('POST', '/internal/audit', route, { events });
    await this.expectOk(response, route, false);
  }

  // ---------------------------------------------------------------- accounts and sessions

  /** Relays the api's answer; an unreachable api is 503 `accounts_unavailable`. */
  private async relay(path: string, body: unknown, expectLogin: boolean): Promise<AuthAnswer> {
    let response: Response;
    try {
      response = await this.request('POST', path, `POST ${path}`, body);
    } catch {
      return { status: 503, body: { error: 'accounts_unavailable', message: 'the account service does not answer: try again' }, retryAfter: '5' };
    }
    let json: unknown = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    if (response.ok && expectLogin && !loginResponseSchema.safeParse(json).success) {
      return { status: 502, body: { error: 'bad_gateway', message: 'the account service answered something unexpected' }, retryAfter: null };
    }
    // A 2xx without a body (e.g. logout's 204) is answered 200 {ok: true}.
    if (json === null || typeof json !== 'object') {
      return response.ok
        ? { status: 200, body: { ok: true }, retryAfter: null }
        : { status: response.status, body: { error: 'error', message: `HTTP ${response.status}` }, retryAfter: response.headers.get('retry-after') };
    }
    return { status: response.status, body: json, retryAfter: response.headers.get('retry-after') };
  }

  login(request: InternalLoginRequest): Promise<AuthAnswer> {
    return this.relay('/internal/auth/login', request, true);
  }

  refresh(sessionId: string): Promise<AuthAnswer> {
    return this.relay('/internal/auth/refresh', { sessionId }, true);
  }

  logout(sessionId: string): Promise<AuthAnswer> {
    return this.relay('/internal/auth/logout', { sessionId }, false);
  }

  async inactiveSessions(sessionIds: string[]): Promise<string[]> {
    if (sessionIds.length === 0) return [];
    const route = 'POST /internal/sessions/check';
    const response = await this.request('POST', '/internal/sessions/check', route, { sessionIds });
    return internalSessionCheckResponseSchema.parse(await this.expectOk(response, route)).inactive;
  }

  async agents(): Promise<InternalAgent[]> {
    const route = 'GET /internal/agents';
    const response = await this.request('GET', '/internal/agents', route);
    return internalAgentsResponseSchema.parse(await this.expectOk(response, route)).agents;
  }

  /** `GET /internal/wrap-up-policy`: which groups require a wrap-up code, and their active codes. @throws when unreachable. */
  async wrapUpPolicy(): Promise<InternalWrapUpPolicy> {
    const route = 'GET /internal/wrap-up-policy';
    const response = await this.request('GET', '/internal/wrap-up-policy', route);
    return internalWrapUpPolicySchema.parse(await this.expectOk(response, route));
  }
}
