import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ctiRoutes, rulesChangeResponseSchema, rulesResponseSchema, type GroupRules, type RulesResponse, type RulesVersion } from '@octopus/contracts';
import { ctiRequest, useCtiUrl } from '../shared/cti';

/** The rules screen's query key (one rule set per page). */
export const RULES_QUERY_KEY = ['octopus', 'operations', 'rules'] as const;

/**
 * The routing rules (`GET /rules`: current version, history, wrap-up codes, groups with their agents) and the
 * two changes: `save` (`PUT /rules/groups/:group?ifVersion=N`) and `rollback` (`POST /rules/rollback?ifVersion=N`).
 * Both send the version the page shows, so a change made meanwhile by someone else is refused (409), not
 * overwritten; either way the rules are read again. Errors are `CtiRequestError` (400 names the `field`).
 */
export function useRules(token: string | null) {
  const ctiUrl = useCtiUrl();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: RULES_QUERY_KEY,
    enabled: !!ctiUrl.data,
    queryFn: ({ signal }) => ctiRequest<RulesResponse>(ctiUrl.data!, token, ctiRoutes.rules.url, rulesResponseSchema, { signal }),
  });
  const settled = () => queryClient.invalidateQueries({ queryKey: RULES_QUERY_KEY });
  const save = useMutation({
    mutationFn: async ({ group, rules, ifVersion }: { group: string; rules: GroupRules; ifVersion: number }): Promise<RulesVersion> =>
      (await ctiRequest(ctiUrl.data!, token, `/rules/groups/${encodeURIComponent(group)}?ifVersion=${ifVersion}`, rulesChangeResponseSchema, { method: 'PUT', body: rules })).current,
    onSettled: settled,
  });
  const rollback = useMutation({
    mutationFn: async ({ version, ifVersion }: { version: number; ifVersion: number }): Promise<RulesVersion> =>
      (await ctiRequest(ctiUrl.data!, token, `${ctiRoutes.rollbackRules.url}?ifVersion=${ifVersion}`, rulesChangeResponseSchema, { method: 'POST', body: { version } })).current,
    onSettled: settled,
  });
  return { rules: query.data, error: (ctiUrl.error ?? query.error) as Error | null, pending: query.isPending, save, rollback };
}
