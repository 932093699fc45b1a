import { signToken, type ServiceClaims } from '@octopus/auth';
import {
  identityVerifyResponseSchema,
  internalUserByPhoneSchema,
  type CallRecordUpsert,
  type IdentityVerifyResponse,
  type InternalUserByPhone,
} from '@octopus/contracts';
import type { CustomerDirectory } from '../engine/ports';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  tokenSecret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The api's internal endpoints, called with a short-lived service token (`kind:'service', sub:'cti-server'`). */
export class ApiClient implements CustomerDirectory {
  private token: { value: string; until: number } | null = null;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ApiClientOptions) {
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

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, {
        method,
        headers: { authorization: `Bearer ${this.serviceToken()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new ApiError(`${method} ${path}: ${(error as Error).message}`, null);
    }
    return response;
  }

  async userByPhone(phone: string): Promise<InternalUserByPhone | null> {
    const response = await this.request('GET', `/internal/users/by-phone/${encodeURIComponent(phone)}`);
    if (response.status === 404) return null;
    if (!response.ok) throw new ApiError(`users/by-phone: HTTP ${response.status}`, response.status);
    return internalUserByPhoneSchema.parse(await response.json());
  }

  async verify(callerPhone: string, input: string): Promise<IdentityVerifyResponse> {
    const response = await this.request('POST', '/internal/identity/verify', { callerPhone, input });
    if (!response.ok) throw new ApiError(`identity/verify: HTTP ${response.status}`, response.status);
    return identityVerifyResponseSchema.parse(await response.json());
  }

  async putCallRecord(record: CallRecordUpsert): Promise<void> {
    const response = await this.request('PUT', `/internal/call-records/${encodeURIComponent(record.callId)}`, record);
    if (!response.ok) throw new ApiError(`call-records: HTTP ${response.status}`, response.status);
    await response.arrayBuffer().catch(() => undefined);
  }
}
