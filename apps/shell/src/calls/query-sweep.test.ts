import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { customerScope, grantFingerprint, scopedKey } from '@octopus/api-client';
import { customerHistoryKey } from '../customer/CustomerHistory';
import { customerSummaryKey } from '../customer/useCustomerSummary';
import { sweepCallQueries } from './query-sweep';

const GRANT_A = 'grant-token-for-call-A-0000000001';
const GRANT_A2 = 'grant-token-for-call-A-0000000002';
const GRANT_B = 'grant-token-for-call-B-0000000003';

function cacheWith(keys: ReadonlyArray<readonly unknown[]>): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { gcTime: 15 * 60_000 } } });
  for (const key of keys) client.setQueryData(key, { some: 'data' });
  return client;
}

const keys = (client: QueryClient) => client.getQueryCache().getAll().map((query) => query.queryKey);

describe('sweepCallQueries: a shift leaves no cache entry per call behind', () => {
  it("drops the shell's and the remotes' answers about calls no longer shown", () => {
    const client = cacheWith([
      customerSummaryKey('U1', 'call-A', GRANT_A),
      customerHistoryKey('U1', 'call-A', GRANT_A),
      scopedKey('orders', 'list', customerScope('U1', 'call-A', { grant: GRANT_A }), 'all', 1),
      customerSummaryKey('U2', 'call-B', GRANT_B),
    ]);
    expect(sweepCallQueries(client, new Map([['call-B', grantFingerprint(GRANT_B)]]))).toBe(3);
    expect(keys(client)).toEqual([customerSummaryKey('U2', 'call-B', GRANT_B)]);
  });

  it('drops the answers under a grant the call no longer holds (re-issued on verification)', () => {
    const client = cacheWith([customerSummaryKey('U1', 'call-A', GRANT_A), customerSummaryKey('U1', 'call-A', GRANT_A2)]);
    sweepCallQueries(client, new Map([['call-A', grantFingerprint(GRANT_A2)]]));
    expect(keys(client)).toEqual([customerSummaryKey('U1', 'call-A', GRANT_A2)]);
    // An ended call holds no grant: its last answers stay while it is shown.
    sweepCallQueries(client, new Map([['call-A', null]]));
    expect(keys(client)).toHaveLength(1);
  });

  it('keeps what a component still reads, and what is about no call (the registry, a lookup outside calls)', () => {
    const client = cacheWith([customerSummaryKey('U1', 'call-A', GRANT_A), ['octopus', 'registry'], customerHistoryKey('U1', null, null)]);
    const unsubscribe = new QueryObserver(client, { queryKey: customerSummaryKey('U1', 'call-A', GRANT_A), enabled: false }).subscribe(() => undefined);
    expect(sweepCallQueries(client, new Map())).toBe(0);
    unsubscribe();
    expect(sweepCallQueries(client, new Map())).toBe(1);
    expect(keys(client)).toEqual([['octopus', 'registry'], customerHistoryKey('U1', null, null)]);
  });
});
