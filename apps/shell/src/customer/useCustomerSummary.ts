import { useQuery } from '@tanstack/react-query';
import type { CustomerSummary } from '@octopus/contracts';
import { grantFingerprint, scopedKey } from '@octopus/api-client';
import { useShellApi } from '../api/ShellApiProvider';

/**
 * The query key of a call's customer summary: a `scopedKey` (call, customer, grant fingerprint), so a
 * grant re-issued when the caller is verified refetches (unmasked) instead of showing the masked answer,
 * a write about the customer refreshes it (`isAboutCustomer`), and the shell drops it with the call
 * (`sweepCallQueries`).
 */
export const customerSummaryKey = (userId: string | null, callId: string | null, grant: string | null) =>
  scopedKey('shell', 'customer-summary', { userId, callId, grant: grantFingerprint(grant) });

export interface SummaryCall {
  id: string;
  state: string;
  grant: string | null;
  customer: { userId: string | null };
}

/**
 * The customer panel's data for a call: one request under the call's grant, from the ring on (so the
 * panel is filled before the agent answers). The api decides the masking; the shell shows what it gets.
 * Not fetched without a customer or a grant, nor for an ended call (its grant is over).
 */
export function useCustomerSummary(call: SummaryCall | null) {
  const api = useShellApi();
  const userId = call?.customer.userId ?? null;
  const grant = call?.grant ?? null;
  return useQuery<CustomerSummary>({
    queryKey: customerSummaryKey(userId, call?.id ?? null, grant),
    queryFn: () => api.customerSummary(userId as string, grant),
    enabled: userId !== null && grant !== null && call?.state !== 'ended',
    staleTime: 30_000,
    retry: 1,
  });
}
