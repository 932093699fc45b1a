import { createApiClient, type ApiClient } from '@octopus/api-client';
import type { AgentIdentityVerifyResponse, CallRecordDto, UserSearchResult } from '@octopus/contracts';
import type { SearchCriterion } from '../workspace/workspace-store';

export { ApiError, isApiError } from '@octopus/api-client';

/** The calls the shell itself makes to the customer data api (its own records, search, identity checks). */
export interface ShellApi {
  recentCallRecords(limit?: number): Promise<CallRecordDto[]>;
  saveNote(callId: string, note: string): Promise<CallRecordDto>;
  deleteRecord(callId: string): Promise<void>;
  searchUsers(by: SearchCriterion, value: string): Promise<UserSearchResult[]>;
  verifyIdentity(userId: string, input: string, callId: string | null): Promise<AgentIdentityVerifyResponse>;
}

/** Over the same typed client the remotes use, with the agent's current token and no customer grant. */
export function createShellApi(options: { baseUrl: string; getToken: () => string | null; fetchImpl?: typeof fetch }): ShellApi {
  const client = (): ApiClient =>
    createApiClient({ baseUrl: options.baseUrl, token: options.getToken(), grant: null }, options.fetchImpl ? { fetch: options.fetchImpl } : {});
  return {
    recentCallRecords: (limit = 10) => client().recentCallRecords(limit),
    saveNote: (callId, note) => client().saveCallNote(callId, note),
    deleteRecord: (callId) => client().deleteCallRecord(callId),
    searchUsers: (by, value) => client().searchUsers(by, value),
    verifyIdentity: (userId, input, callId) => client().verifyIdentity(userId, input, callId),
  };
}
