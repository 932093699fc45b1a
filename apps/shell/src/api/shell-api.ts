import {
  agentIdentityVerifyResponseSchema,
  apiErrorBodySchema,
  callRecordListResponseSchema,
  callRecordResponseSchema,
  userSearchResponseSchema,
  type AgentIdentityVerifyResponse,
  type CallRecordDto,
  type UserSearchResult,
} from '@octopus/contracts';
import type { SearchCriterion } from '../workspace/workspace-store';

/** The part of a zod schema we use (keeps zod itself out of the shell's dependencies). */
interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/** An api failure with the api's own code and message (never a raw stack or HTML). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ShellApi {
  recentCallRecords(limit?: number): Promise<CallRecordDto[]>;
  saveNote(callId: string, note: string): Promise<CallRecordDto>;
  deleteRecord(callId: string): Promise<void>;
  searchUsers(by: SearchCriterion, value: string): Promise<UserSearchResult[]>;
  verifyIdentity(userId: string, input: string, callId: string | null): Promise<AgentIdentityVerifyResponse>;
}

/** The calls the shell itself makes to the customer data api, with the agent's token. */
export function createShellApi(options: { baseUrl: string; getToken: () => string | null; fetchImpl?: typeof fetch }): ShellApi {
  const doFetch = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(method: string, path: string, schema: Schema<T> | null, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    const token = options.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'unreachable', 'the customer data service is unreachable');
    }
    if (!response.ok) {
      const parsed = apiErrorBodySchema.safeParse(await response.json().catch(() => null));
      throw new ApiError(response.status, parsed.success ? parsed.data.error : 'http_error', parsed.success ? parsed.data.message : `HTTP ${response.status}`);
    }
    if (!schema) return undefined as T;
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) throw new ApiError(response.status, 'bad_response', `unexpected response from ${path}`);
    return parsed.data;
  }

  const searchParam: Record<SearchCriterion, string> = { phone: 'phone', orderId: 'orderId', idSuffix: 'idSuffix' };

  return {
    recentCallRecords: async (limit = 10) => (await request('GET', `/call-records?limit=${limit}`, callRecordListResponseSchema)).records,
    saveNote: async (callId, note) =>
      (await request('PUT', `/call-records/${encodeURIComponent(callId)}/note`, callRecordResponseSchema, { note })).record,
    deleteRecord: (callId) => request('DELETE', `/call-records/${encodeURIComponent(callId)}`, null),
    searchUsers: async (by, value) =>
      (await request('GET', `/users/search?${searchParam[by]}=${encodeURIComponent(value.trim())}`, userSearchResponseSchema)).results,
    verifyIdentity: (userId, input, callId) =>
      request('POST', '/identity/verify', agentIdentityVerifyResponseSchema, { userId, input: input.trim(), callId }),
  };
}
