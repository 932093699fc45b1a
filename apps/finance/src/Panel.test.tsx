import { act, fireEvent, screen } from '@testing-library/react';
import { apiFixtures, createFetchMock } from '@octopus/api-client/testing';
import { makeProps, renderPanel } from '@octopus/remote-kit/testing';
import { QueryClient } from '@tanstack/react-query';
import { FinancePanel, remote } from './Panel';

// antd in jsdom is slow on a loaded 2-core machine.
jest.setTimeout(20_000);

const CONSIGNMENTS = 'GET /users/U0000001/consignments';
const LOANS = 'GET /users/U0000001/loans';
const unverified = { userId: 'U0000001', phone: '13800138000', verification: { status: 'unverified' as const, method: null } };

describe('finance panel', () => {
  it('shows the no-customer state without fetching', async () => {
    const { fetchMock } = await renderPanel(FinancePanel, makeProps({ customer: null }));
    expect(screen.getByTestId('no-customer')).toBeInTheDocument();
    expect(fetchMock.requests).toHaveLength(0);
  });

  it('lists consignment orders with payouts in yuan', async () => {
    const { fetchMock } = await renderPanel(FinancePanel, makeProps({ locale: 'en-US' }), { routes: { [CONSIGNMENTS]: { body: apiFixtures.consignments } } });
    expect(await screen.findByText('CS00000001')).toBeInTheDocument();
    expect(screen.getByText('Paid out')).toBeInTheDocument();
    expect(screen.getByText(/Payout ¥8,162\.24/)).toBeInTheDocument();
    expect(screen.getByText(/农业银行 尾号7083/)).toBeInTheDocument();
    // Only the open tab fetches.
    expect(fetchMock.calls(LOANS)).toHaveLength(0);
  });

  it('shows the credit line, withdrawal ability, next due and instalments', async () => {
    const props = makeProps({ locale: 'en-US' });
    props.workspace.write('finance.tab', 'loans');
    await renderPanel(FinancePanel, props, { routes: { [LOANS]: { body: apiFixtures.loans } } });
    expect(await screen.findByText('LN00000001')).toBeInTheDocument();
    expect(screen.getByTestId('withdraw')).toHaveTextContent('Can withdraw');
    expect(screen.getAllByTestId('next-due')[0]).toHaveTextContent('No. 4 on 2026-12-12: ¥527.00');
    expect(screen.getAllByTestId('overdue')[0]).toHaveTextContent('none');
    expect(document.querySelectorAll('[data-loan-id="LN00000001"] [data-installment]')).toHaveLength(12);
  });

  it('shows overdue loans and why the customer cannot withdraw', async () => {
    const props = makeProps({ customer: { ...unverified, userId: 'U0000002', verification: { status: 'verified', method: 'ivr-id-suffix' } } });
    props.workspace.write('finance.tab', 'loans');
    await renderPanel(FinancePanel, props, { routes: { 'GET /users/U0000002/loans': { body: apiFixtures.loansOverdue } } });
    expect(await screen.findByTestId('withdraw')).toHaveTextContent('不可提现：存在逾期');
    expect(screen.getAllByTestId('overdue')[0]).toHaveTextContent(/2 期/);
  });

  it('says “verify the caller” when the api withholds finance data, without retrying', async () => {
    const fetchMock = createFetchMock({ [CONSIGNMENTS]: { status: 403, body: apiFixtures.withheld }, [LOANS]: { status: 403, body: apiFixtures.withheld } });
    const props = makeProps({ locale: 'en-US', customer: unverified });
    await renderPanel(FinancePanel, props, { fetchMock });
    expect(await screen.findByTestId('finance-withheld')).toHaveTextContent('Verify the caller to see finance data');
    expect(screen.queryByRole('alert', { name: /error/i })).toBeNull();
    expect(screen.queryByText(/verification_required/)).toBeNull();
    fireEvent.click(screen.getByText('Loans & instalments'));
    expect(await screen.findByTestId('finance-withheld')).toBeInTheDocument();
    expect(fetchMock.calls(CONSIGNMENTS)).toHaveLength(1);
  });

  it('a withheld answer prefetched on ring is what the tab shows when it opens: no skeleton, no second request', async () => {
    const fetchMock = createFetchMock({ [CONSIGNMENTS]: { status: 403, body: apiFixtures.withheld }, [LOANS]: { status: 403, body: apiFixtures.withheld } });
    globalThis.fetch = fetchMock.fetch;
    const props = makeProps({ locale: 'en-US', customer: unverified });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000 } } });
    await remote.prefetch!({ callId: props.callId, customer: props.customer, api: props.api }, queryClient);
    expect(fetchMock.calls(CONSIGNMENTS)).toHaveLength(1);
    await renderPanel(FinancePanel, props, { fetchMock, queryClient });
    // In the first render: the refusal, not a skeleton waiting for the same refusal again.
    expect(screen.getByTestId('finance-withheld')).toBeInTheDocument();
    expect(screen.queryByTestId('loading')).toBeNull();
    expect(fetchMock.calls(CONSIGNMENTS)).toHaveLength(1);
  });

  it('refetches once the caller is verified (new grant)', async () => {
    const fetchMock = createFetchMock({
      [CONSIGNMENTS]: (request) => (request.headers['x-octopus-grant'] === 'grant.verified.sig000002' ? { body: apiFixtures.consignments } : { status: 403, body: apiFixtures.withheld }),
    });
    const props = makeProps({ customer: unverified, api: { baseUrl: 'http://api.test', token: 't', grant: 'grant.unverified.sig000001' } });
    const view = await renderPanel(FinancePanel, props, { fetchMock });
    await screen.findByTestId('finance-withheld');
    await act(async () =>
      view.rerenderWith({ ...props, customer: { ...unverified, verification: { status: 'verified', method: 'agent-confirm' } }, api: { ...props.api, grant: 'grant.verified.sig000002' } }),
    );
    expect(await screen.findByText('CS00000001')).toBeInTheDocument();
    expect(screen.queryByTestId('finance-withheld')).toBeNull();
  });

  it('shows other errors as errors, with retry', async () => {
    await renderPanel(FinancePanel, makeProps({ locale: 'en-US' }), { routes: { [CONSIGNMENTS]: { status: 403, body: apiFixtures.noAccess } } });
    expect(await screen.findByRole('alert')).toHaveTextContent('No access to this customer');
  });

  it('shows empty states', async () => {
    await renderPanel(FinancePanel, makeProps(), { routes: { [CONSIGNMENTS]: { body: { ...apiFixtures.consignments, consignments: [] } } } });
    expect(await screen.findByText('该客户没有寄售订单')).toBeInTheDocument();
  });
});
