import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ctiRoutes, ivrChangeResponseSchema, ivrResponseSchema, type IvrTree } from '@octopus/contracts';
import { ctiRequest, useCtiUrl } from '../shared/cti';

/** The designer's query key (the whole IVR configuration: every hotline's tree and the history). */
export const IVR_QUERY_KEY = ['octopus', 'operations', 'ivr'] as const;

/**
 * The IVR configuration from the cti-server (`GET /ivr`), and the two changes: save one hotline's tree
 * (`PUT /ivr/hotlines/:hotline?ifVersion=`) and roll back to a version (`POST /ivr/rollback?ifVersion=`).
 * Each change reads the configuration again. Errors are `CtiRequestError` (400 naming the field, 403, 409).
 */
export function useIvr(token: string | null) {
  const ctiUrl = useCtiUrl();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: IVR_QUERY_KEY,
    enabled: !!ctiUrl.data,
    queryFn: ({ signal }) => ctiRequest(ctiUrl.data!, token, ctiRoutes.ivr.url, ivrResponseSchema, { signal }),
    staleTime: 0,
  });
  const settle = () => void queryClient.invalidateQueries({ queryKey: IVR_QUERY_KEY });
  const save = useMutation({
    mutationFn: ({ hotline, tree, ifVersion }: { hotline: string; tree: IvrTree; ifVersion: number }) =>
      ctiRequest(ctiUrl.data!, token, `${ctiRoutes.putIvrHotline.url.replace(':hotline', encodeURIComponent(hotline))}?ifVersion=${ifVersion}`, ivrChangeResponseSchema, { method: 'PUT', body: tree }),
    onSettled: settle,
  });
  const rollback = useMutation({
    mutationFn: ({ version, ifVersion }: { version: number; ifVersion: number }) =>
      ctiRequest(ctiUrl.data!, token, `${ctiRoutes.rollbackIvr.url}?ifVersion=${ifVersion}`, ivrChangeResponseSchema, { method: 'POST', body: { version } }),
    onSettled: settle,
  });
  return { data: query.data, error: (ctiUrl.error ?? query.error) as Error | null, pending: query.isPending, save, rollback };
}
