import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { apiFixtures, createFetchMock } from '@octopus/api-client/testing';
import { makeProps, memoryWorkspace, renderPanel } from '@octopus/remote-kit/testing';
import { OrdersPanel } from './Panel';

// antd in jsdom is slow on a loaded 2-core machine.
jest.setTimeout(20_000);

const LIST = 'GET /users/U0000001/orders';

describe('orders panel', () => {
  it('shows the no-customer state without fetching', async () => {
    const { fetchMock } = await renderPanel(OrdersPanel, makeProps({ locale: 'en-US', customer: { userId: null, phone: '13700000000', verification: { status: 'unverified', method: null } } }));
    expect(screen.getByTestId('no-customer')).toHaveTextContent('No customer bound yet');
    expect(fetchMock.requests).toHaveLength(0);
  });

  it('lists orders newest first with totals in yuan', async () => {
    const { fetchMock } = await renderPanel(OrdersPanel, makeProps(), { routes: { [LIST]: { body: apiFixtures.orderList } } });
    expect(await screen.findByText('SO1000000005')).toBeInTheDocument();
    expect(screen.getByText('共 5 单')).toBeInTheDocument();
    expect(screen.getByText(/¥2,278\.00/)).toBeInTheDocument();
    expect(fetchMock.calls(LIST)[0]!.url.searchParams.get('limit')).toBe('10');
  });

  it('filters by status', async () => {
    const shipped = { ...apiFixtures.orderList, orders: apiFixtures.orderList.orders.filter((o) => o.status === 'shipped'), total: 1 };
    const fetchMock = createFetchMock({ [LIST]: (request) => ({ body: request.url.searchParams.get('status') === 'shipped' ? shipped : apiFixtures.orderList }) });
    await renderPanel(OrdersPanel, makeProps({ locale: 'en-US' }), { fetchMock });
    await screen.findByText('SO1000000005');
    fireEvent.click(screen.getByLabelText('Shipped'));
    await waitFor(() => expect(screen.queryByText('SO1000000005')).toBeNull());
    expect(screen.getByText('SO1000000002')).toBeInTheDocument();
    expect(screen.getByText('1 orders')).toBeInTheDocument();
    expect(fetchMock.calls(LIST).at(-1)!.url.searchParams.get('status')).toBe('shipped');
  });

  it('shows an empty state', async () => {
    await renderPanel(OrdersPanel, makeProps({ locale: 'en-US' }), { routes: { [LIST]: { body: { ...apiFixtures.orderList, orders: [], total: 0 } } } });
    expect(await screen.findByText('No orders match')).toBeInTheDocument();
  });

  it('shows errors in words, with retry', async () => {
    const fetchMock = createFetchMock({ [LIST]: { status: 401, body: { error: 'unauthorized', message: 'token expired' } } });
    await renderPanel(OrdersPanel, makeProps({ locale: 'en-US' }), { fetchMock });
    expect(await screen.findByRole('alert')).toHaveTextContent('Your session has expired; sign in again.');
  });

  it('opens an order with items, logistics and after-sale state; dials numbers', async () => {
    const props = makeProps();
    await renderPanel(OrdersPanel, props, {
      routes: { [LIST]: { body: apiFixtures.orderList }, 'GET /orders/SO1000000002': { body: apiFixtures.orderDetail }, 'GET /users/U0000001/tickets': { body: apiFixtures.ticketList } },
    });
    fireEvent.click(await screen.findByText('SO1000000002'));
    expect(await screen.findByText(/Yeezy Boost 350 V2 "Zebra"/)).toBeInTheDocument();
    expect(screen.getAllByTestId('logistics-event')).toHaveLength(4);
    expect(screen.getAllByTestId('logistics-event')[0]).toHaveTextContent('派送中');
    expect(screen.getByText('顺丰速运 运单号 SF4062479835229')).toBeInTheDocument();
    // After-sale: the order's ticket shows up.
    expect(await screen.findByText(/TK00000001 物流长时间未更新/)).toBeInTheDocument();
    expect(screen.getByTestId('after-sale')).toHaveTextContent('无售后');
    // The courier's number inside the tracking text and the receiver's phone are one click away.
    fireEvent.click(screen.getByLabelText('拨打 13378743574'));
    expect(props.host.dial).toHaveBeenCalledWith('13378743574');
    fireEvent.click(screen.getByLabelText('拨打 13800138000'));
    expect(props.host.dial).toHaveBeenCalledWith('13800138000');
    fireEvent.click(screen.getByText('为此订单建工单'));
    // Contract 1.1.0: the prefill carries the order and its category too.
    expect(props.host.openTicket).toHaveBeenCalledWith({ userId: 'U0000001', callId: 'call-1', title: 'SO1000000002 已发货', orderId: 'SO1000000002', category: 'order' });
  });

  it('shows a refunded order’s after-sale state', async () => {
    const props = makeProps({ locale: 'en-US' });
    props.workspace.write('orders.view', { status: null, page: 1, orderId: 'SO1000000004' });
    await renderPanel(OrdersPanel, props, { routes: { 'GET /orders/SO1000000004': { body: apiFixtures.orderDetailRefunded }, 'GET /users/U0000001/tickets': { body: apiFixtures.ticketList } } });
    expect(await screen.findByTestId('after-sale')).toHaveTextContent('Refunded');
    expect(await screen.findByText(/TK00000002/)).toBeInTheDocument();
  });

  it('shows masked receivers masked, not dialable', async () => {
    const props = makeProps({ customer: { userId: 'U0000001', phone: '13800138000', verification: { status: 'unverified', method: null } } });
    props.workspace.write('orders.view', { status: null, page: 1, orderId: 'SO1000000002' });
    await renderPanel(OrdersPanel, props, { routes: { 'GET /orders/SO1000000002': { body: apiFixtures.orderDetailMasked } } });
    expect(await screen.findByText('北京市朝阳区****')).toBeInTheDocument();
    expect(screen.getByText('138****8000')).toHaveAttribute('data-masked', 'true');
    expect(screen.getByText('已脱敏')).toBeInTheDocument();
    expect(screen.getByTestId('masked-hint')).toBeInTheDocument();
  });

  it('restores the filter and open order per call, and never shows one call’s orders on another', async () => {
    const workspaceA = memoryWorkspace();
    const fetchMock = createFetchMock({
      [LIST]: { body: apiFixtures.orderList },
      'GET /users/U0000004/orders': { body: { ...apiFixtures.orderList, orders: [], total: 0 } },
      'GET /orders/SO1000000002': { body: apiFixtures.orderDetail },
      'GET /users/U0000001/tickets': { body: apiFixtures.ticketList },
    });
    const propsA = makeProps({ workspace: workspaceA });
    const propsB = makeProps({
      workspace: memoryWorkspace(),
      callId: 'call-2',
      customer: { userId: 'U0000004', phone: '13800138003', verification: { status: 'verified', method: 'ivr-phone' } },
    });
    const view = await renderPanel(OrdersPanel, propsA, { fetchMock });
    fireEvent.click(await screen.findByText('SO1000000002'));
    await screen.findByTestId('order-status');
    await act(async () => view.rerenderWith(propsB));
    expect(await screen.findByText('没有符合条件的订单')).toBeInTheDocument();
    expect(screen.queryByText('SO1000000002')).toBeNull();
    await act(async () => view.rerenderWith(propsA));
    expect(screen.getByTestId('order-status')).toHaveTextContent('已发货');
    // Served from the shell's cache: no second request for the detail.
    expect(fetchMock.calls('GET /orders/SO1000000002')).toHaveLength(1);
  });
});
