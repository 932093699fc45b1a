import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CustomerSummary } from '@octopus/contracts';
import { createHarness, renderWith, settle, type Harness } from '../test-utils';
import { CallerPanel } from '../caller/CallerPanel';
import { CustomerPanel } from './CustomerPanel';

jest.setTimeout(30_000);

const access = (masked: boolean): CustomerSummary['access'] => ({ via: 'grant', level: masked ? 'unverified' : 'verified', masked, callId: 'c', ticketId: null });

const FULL: CustomerSummary = {
  userId: 'U0000001',
  name: '张伟',
  gender: 'male',
  level: 'gold',
  registeredAt: '2024-01-01T00:00:00.000Z',
  phones: [
    { phone: '13800138000', primary: true },
    { phone: '13912345678', primary: false },
  ],
  idNumber: '110101199003071239',
  address: '北京市朝阳区建国路 88 号',
  orders: { count: 12, latest: { orderId: 'SO1000000002', status: 'shipped', createdAt: '2026-11-20T08:00:00.000Z', totalFen: 129900, headline: 'Nike Dunk · 42' } },
  openTickets: { count: 2, latest: { ticketId: 'TK00000001', title: '物流长时间未更新', status: 'open', updatedAt: '2026-11-20T09:00:00.000Z' } },
  consignments: { count: 3, latest: { consignmentId: 'CS0001', productName: 'Air Jordan 1', status: 'sold', createdAt: '2026-11-01T00:00:00.000Z' } },
  loans: { count: 1, latest: { loanId: 'LN0001', product: '分期购', principalFen: 500000, disbursedAt: '2026-10-01T00:00:00.000Z' } },
  financeWithheld: false,
  access: access(false),
};

const MASKED: CustomerSummary = {
  ...FULL,
  name: '张*',
  phones: [
    { phone: '138****8000', primary: true },
    { phone: '139****5678', primary: false },
  ],
  idNumber: '110***************',
  address: '北京市朝阳区****',
  consignments: null,
  loans: null,
  financeWithheld: true,
  access: access(true),
};

async function ringing(harness: Harness, verified: boolean): Promise<string> {
  await settle();
  let callId = '';
  await act(async () => {
    callId = harness.driver.ring({
      phone: '13800138000',
      userId: 'U0000001',
      name: '张伟',
      verification: verified ? { status: 'verified', method: 'ivr-phone' } : { status: 'skipped', method: null },
    });
  });
  return callId;
}

function harnessWithSummaries(): Harness {
  const harness = createHarness();
  harness.api.summaries = { 'U0000001:full': FULL, 'U0000001:masked': MASKED };
  return harness;
}

describe('<CustomerPanel>', () => {
  it('shows the masked profile and counts the api sends for an identified caller, finance withheld, already while ringing', async () => {
    const harness = harnessWithSummaries();
    const callId = await ringing(harness, false);
    await renderWith(harness, <CustomerPanel callId={callId} />);
    const panel = await screen.findByTestId('customer-panel');
    await waitFor(() => expect(panel).toHaveAttribute('data-masked', 'true'));
    expect(within(panel).getByTestId('customer-name')).toHaveTextContent('张*');
    expect(within(panel).getByTestId('customer-level')).toHaveTextContent('Gold');
    expect(within(panel).getByTestId('customer-phones')).toHaveTextContent('138****8000 (primary)、139****5678');
    expect(within(panel).getByTestId('customer-id-number')).toHaveTextContent('110***************');
    expect(within(panel).getByTestId('customer-address')).toHaveTextContent('北京市朝阳区****');
    expect(panel).not.toHaveTextContent('张伟');
    expect(panel).not.toHaveTextContent('13912345678');
    expect(within(panel).getByTestId('summary-orders')).toHaveTextContent('Orders 12');
    expect(within(panel).getByTestId('summary-orders')).toHaveTextContent('SO1000000002');
    expect(within(panel).getByTestId('summary-tickets')).toHaveTextContent('Open tickets 2');
    expect(within(panel).getByTestId('summary-consignments')).toHaveAttribute('data-withheld', 'true');
    expect(within(panel).getByTestId('summary-loans')).toHaveAttribute('data-withheld', 'true');
    // One request for the whole panel, under the call's grant.
    expect(harness.api.summaryCalls).toHaveLength(1);
    expect(harness.api.summaryCalls[0]!.grant).toContain(callId);
  });

  it('reveals the full profile and finance once the caller is verified (a new grant)', async () => {
    const harness = harnessWithSummaries();
    const callId = await ringing(harness, false);
    await renderWith(harness, <CustomerPanel callId={callId} />);
    await waitFor(() => expect(screen.getByTestId('customer-panel')).toHaveAttribute('data-masked', 'true'));
    await act(async () => void harness.client.actions.answer(callId));
    await act(async () => void (await harness.client.actions.bindCustomer(callId, 'U0000001', 'agent-confirm', 'proof')));
    await waitFor(() => expect(screen.getByTestId('customer-panel')).toHaveAttribute('data-masked', 'false'));
    expect(screen.getByTestId('customer-name')).toHaveTextContent('张伟');
    expect(screen.getByTestId('customer-id-number')).toHaveTextContent('110101199003071239');
    expect(screen.getByTestId('summary-consignments')).toHaveTextContent('Consignments 3');
    expect(screen.getByTestId('summary-loans')).toHaveTextContent('Loans 1');
  });

  it('each count links to its tab in the call’s workspace', async () => {
    const harness = harnessWithSummaries();
    const callId = await ringing(harness, true);
    await renderWith(harness, <CustomerPanel callId={callId} />);
    await screen.findByText('Consignments 3');
    await userEvent.click(screen.getByRole('button', { name: /^Orders 12/ }));
    expect(harness.workspace.get(callId).activeTab).toBe('orders');
    await userEvent.click(screen.getByRole('button', { name: /^Open tickets 2/ }));
    expect(harness.workspace.get(callId).activeTab).toBe('tickets');
    await userEvent.click(screen.getByRole('button', { name: /^Loans 1/ }));
    expect(harness.workspace.get(callId).activeTab).toBe('finance');
  });

  it('shows the history of calls and tickets when opened (fetched only then, under the call’s grant)', async () => {
    const harness = harnessWithSummaries();
    harness.api.histories.U0000001 = {
      userId: 'U0000001',
      access: { via: 'grant', masked: true },
      entries: [
        { id: 'call:c-9', kind: 'call', at: '2026-11-20T08:00:00.000Z', agentId: '1004', direction: 'inbound', skillGroup: 'aftersale', disposition: { code: 'order-status', label: { 'zh-CN': '订单物流查询', 'en-US': 'Order or delivery status' } }, status: null, title: null, text: '催物流' },
        { id: 'ticket:TK1', kind: 'ticket', at: '2026-11-19T08:00:00.000Z', agentId: '1006', direction: null, skillGroup: null, disposition: null, status: 'open', title: '物流长时间未更新', text: null },
      ],
    };
    const callId = await ringing(harness, true);
    await renderWith(harness, <CustomerPanel callId={callId} />);
    await screen.findByTestId('customer-name');
    expect(harness.api.historyCalls).toHaveLength(0);
    await userEvent.click(screen.getByText('History (calls and tickets)'));
    expect(await screen.findByText('催物流')).toBeInTheDocument();
    expect(screen.getByTestId('history-disposition')).toHaveTextContent('Order or delivery status');
    expect(document.querySelector('[data-history-id="ticket:TK1"]')).toHaveTextContent('open');
    expect(harness.api.historyCalls[0]!.grant).toContain(callId);
  });
});

describe('<CallerPanel> customer name', () => {
  it('follows the api’s masking: never the full name while the api masks the customer', async () => {
    const harness = harnessWithSummaries();
    // The telephony view carries the full name (a verified IVR), but the api masks this customer for the grant.
    harness.api.summaries['U0000001:full'] = MASKED;
    const callId = await ringing(harness, true);
    await renderWith(harness, <CallerPanel callId={callId} />);
    await waitFor(() => expect(screen.getByTestId('caller-customer')).toHaveTextContent('张*'));
    expect(screen.getByTestId('caller-customer')).not.toHaveTextContent('张伟');
  });
});
