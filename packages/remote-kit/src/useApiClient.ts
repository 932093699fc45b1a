import { useMemo } from 'react';
import { createApiClient, type ApiClient } from '@octopus/api-client';
import type { ApiAccess } from '@octopus/contracts';

/** One client per api access (token/grant); rebuilt only when the shell hands new credentials. */
export function useApiClient(api: ApiAccess): ApiClient {
  const { baseUrl, token, grant } = api;
  return useMemo(() => createApiClient({ baseUrl, token, grant }), [baseUrl, token, grant]);
}
