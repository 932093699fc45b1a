import { createApiClient, isApiError, type ApiClient, type RequestOptions } from '@octopus/api-client';
import type {
  AgentIdentityVerifyResponse,
  AuditLogQuery,
  AuditLogResponse,
  CallRecordDto,
  CustomerHistoryResponse,
  CustomerSummary,
  DispositionListResponse,
  RemoteLoadSummary,
  UserSearchResult,
} from '@octopus/contracts';
import type { SearchCriterion } from '../workspace/workspace-store';

export { ApiError, isApiError } from '@octopus/api-client';

/** The calls the shell itself makes to the customer data api (its own records, search, identity checks). */
export interface ShellApi {
  recentCallRecords(limit?: number): Promise<CallRecordDto[]>;
  saveNote(callId: string, note: string): Promise<CallRecordDto>;
  deleteRecord(callId: string): Promise<void>;
  searchUsers(by: SearchCriterion, value: string): Promise<UserSearchResult[]>;
  /** Returns `proof` when the check passed for a call: pass it to bindCustomer to verify the caller. */
  verifyIdentity(userId: string, input: string, callId: string | null, grant: string | null): Promise<AgentIdentityVerifyResponse>;
  /** The customer panel in one request, under the call's grant (masked unless the caller is verified). */
  customerSummary(userId: string, grant: string | null): Promise<CustomerSummary>;
  /** Past calls and tickets; with no grant (outside a call) at search level: no free text. */
  customerHistory(userId: string, grant: string | null): Promise<CustomerHistoryResponse>;
  /** The wrap-up codes of a skill group and whether one is required. */
  dispositions(skillGroup: string): Promise<DispositionListResponse>;
  /** Stores (null clears) the wrap-up code on the agent's own record of the call. */
  setDisposition(callId: string, code: string | null): Promise<CallRecordDto>;
  /** Supervisors and admins only (the api answers 403 to agents). */
  auditLog(query: AuditLogQuery, options?: RequestOptions): Promise<AuditLogResponse>;
  /** Supervisors and admins only: remote load telemetry per remote, release and track. */
  remoteLoadSummary(windowMinutes?: number): Promise<RemoteLoadSummary>;
}

export interface ShellApiOptions {
  baseUrl: string;
  getToken: () => string | null;
  fetchImpl?: typeof fetch;
  /** The api answered 401: the session is over (revoked, expired). */
  onUnauthorized?: () => void;
}

/** Over the same typed client the remotes use, with the agent's current token and no customer grant. */
export function createShellApi(options: ShellApiOptions): ShellApi {
  const client = (): ApiClient =>
    createApiClient({ baseUrl: options.baseUrl, token: options.getToken(), grant: null }, options.fetchImpl ? { fetch: options.fetchImpl } : {});
  const watch = <T,>(work: () => Promise<T>): Promise<T> =>
    work().catch((error: unknown) => {
      if (isApiError(error) && error.status === 401) options.onUnauthorized?.();
      throw error;
    });
  const withGrant = (grant: string | null): ApiClient =>
    createApiClient({ baseUrl: options.baseUrl, token: options.getToken(), grant }, options.fetchImpl ? { fetch: options.fetchImpl } : {});
  return {
    customerSummary: (userId, grant) => watch(() => withGrant(grant).customerSummary(userId)),
    customerHistory: (userId, grant) => watch(() => withGrant(grant).customerHistory(userId, { limit: 20 })),
    dispositions: (skillGroup) => watch(() => client().dispositions(skillGroup)),
    setDisposition: (callId, code) => watch(() => client().setCallDisposition(callId, code)),
    recentCallRecords: (limit = 10) => watch(() => client().recentCallRecords(limit)),
    saveNote: (callId, note) => watch(() => client().saveCallNote(callId, note)),
    deleteRecord: (callId) => watch(() => client().deleteCallRecord(callId)),
    searchUsers: (by, value) => watch(() => client().searchUsers(by, value)),
    // Under the call's grant for that account: the api checks only for the agent on the call.
    verifyIdentity: (userId, input, callId, grant) =>
      watch(() => createApiClient({ baseUrl: options.baseUrl, token: options.getToken(), grant }, options.fetchImpl ? { fetch: options.fetchImpl } : {}).verifyIdentity(userId, input, callId)),
    auditLog: (query, requestOptions) => watch(() => client().auditLog(query, requestOptions)),
    remoteLoadSummary: (windowMinutes) => watch(() => client().remoteLoadSummary(windowMinutes)),
  };
}
