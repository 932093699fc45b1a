import { useEffect, useMemo } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ctiRoutes, floorViewSchema, supervisorDoneResponseSchema, type FloorView, type SelectableAgentState } from '@octopus/contracts';
import { useTelephony } from '@octopus/telephony/react';
import { ctiRequest, useCtiUrl } from '../shared/cti';

/** The board's query key (one floor per page). */
export const FLOOR_QUERY_KEY = ['octopus', 'operations', 'floor'] as const;

/** A floor read anyway this often (ms) when nothing is pushed: verification and held flags change without a list push. */
export const FLOOR_REFRESH_MS = 5_000;

/** The floor and the offset of the server's clock from this page's (ms: server − local), to tick durations locally. */
export interface FloorState {
  floor: FloorView | undefined;
  clockOffsetMs: number;
  error: Error | null;
  pending: boolean;
}

/**
 * The live floor: read from the cti-server (`GET /supervisor/floor`) every FLOOR_REFRESH_MS, and at once
 * whenever the pushed lists change while `RefetchFloorOnPush` is mounted.
 */
export function useFloor(token: string | null): FloorState {
  const ctiUrl = useCtiUrl();
  const query = useQuery({
    queryKey: FLOOR_QUERY_KEY,
    enabled: !!ctiUrl.data,
    queryFn: async ({ signal }) => {
      const floor = await ctiRequest(ctiUrl.data!, token, ctiRoutes.supervisorFloor.url, floorViewSchema, { signal });
      return { floor, clockOffsetMs: floor.at - Date.now() };
    },
    refetchInterval: FLOOR_REFRESH_MS,
    staleTime: 0,
  });
  return useMemo(
    () => ({ floor: query.data?.floor, clockOffsetMs: query.data?.clockOffsetMs ?? 0, error: (ctiUrl.error ?? query.error) as Error | null, pending: query.isPending }),
    [query.data, query.error, query.isPending, ctiUrl.error],
  );
}

/**
 * Reads the floor again whenever the shell's telephony store gets a pushed agent or group list (a caller
 * queued, an agent's state, a call taken). A component of its own that renders nothing, so a push re-renders
 * it alone, not the board.
 */
export function RefetchFloorOnPush() {
  const queryClient = useQueryClient();
  // A new object per push: the lists' identities are what changes.
  const agents = useTelephony((state) => state.agents);
  const groups = useTelephony((state) => state.groups);
  useEffect(() => {
    void queryClient.refetchQueries({ queryKey: FLOOR_QUERY_KEY });
  }, [agents, groups, queryClient]);
  return null;
}

/** The two supervisor commands; each reads the floor again when done. @throws CtiRequestError (403, 404, 409 with the engine's reason) through the mutation. */
export function useSupervisorActions(token: string | null) {
  const ctiUrl = useCtiUrl();
  const queryClient = useQueryClient();
  const settle = () => void queryClient.refetchQueries({ queryKey: FLOOR_QUERY_KEY });
  const setState = useMutation({
    mutationFn: ({ agentId, state }: { agentId: string; state: SelectableAgentState }) =>
      ctiRequest(ctiUrl.data!, token, ctiRoutes.supervisorSetState.url.replace(':agentId', encodeURIComponent(agentId)), supervisorDoneResponseSchema, { method: 'POST', body: { state } }),
    onSettled: settle,
  });
  const route = useMutation({
    mutationFn: ({ callId, agentId }: { callId: string; agentId: string }) =>
      ctiRequest(ctiUrl.data!, token, ctiRoutes.supervisorRoute.url.replace(':callId', encodeURIComponent(callId)), supervisorDoneResponseSchema, { method: 'POST', body: { agentId } }),
    onSettled: settle,
  });
  return { setState, route };
}
