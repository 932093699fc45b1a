import { fireEvent, screen, waitFor } from '@testing-library/react';
import { apiFixtures, createFetchMock } from '@octopus/api-client/testing';
import type { ServiceEvent } from '@octopus/contracts';
import { makeProps, renderPanel } from '@octopus/remote-kit/testing';
import { ServiceTrackPanel } from './Panel';

// antd in jsdom is slow on a loaded 2-core machine.
jest.setTimeout(20_000);

const TRACK = 'GET /users/U0000001/service-track';

describe('service-track panel', () => {
  it('shows the no-customer state without fetching', async () => {
    const { fetchMock } = await renderPanel(ServiceTrackPanel, makeProps({ customer: null, callId: null }));
    expect(screen.getByTestId('no-customer')).toHaveTextContent('尚未绑定客户');
    expect(fetchMock.requests).toHaveLength(0);
  });

  it('shows calls, IM and tickets on one timeline, newest first, with notes and recordings', async () => {
    const props = makeProps({ locale: 'en-US' });
    await renderPanel(ServiceTrackPanel, props, { routes: { [TRACK]: { body: apiFixtures.serviceTrack } } });
    await screen.findByTestId('service-track');
    const items = [...document.querySelectorAll('[data-event-id]')];
    expect(items.map((item) => item.getAttribute('data-event-id'))).toEqual(apiFixtures.serviceTrack.events.map((event) => event.id));
    expect(items[0]).toHaveTextContent('Ticket');
    expect(screen.getByText('客户咨询寄售货款，已解答')).toBeInTheDocument();
    expect(screen.getByText('recording recording:seed-call-000001')).toBeInTheDocument();
    expect(screen.getAllByText('(no note)').length).toBeGreaterThan(0);
    fireEvent.click(screen.getAllByLabelText('Call 13800138000')[0]!);
    expect(props.host.dial).toHaveBeenCalledWith('13800138000');
  });

  it('shows the disposition (wrap-up code) of a call in the page language', async () => {
    const [first, ...rest] = apiFixtures.serviceTrack.events.filter((event) => event.channel === 'call');
    const events = [{ ...first!, disposition: { code: 'order-status', label: { 'zh-CN': '订单物流查询', 'en-US': 'Order or delivery status' } } }, ...rest];
    await renderPanel(ServiceTrackPanel, makeProps({ locale: 'en-US' }), { routes: { [TRACK]: { body: { ...apiFixtures.serviceTrack, events } } } });
    const tag = await screen.findByTestId('event-disposition');
    expect(tag).toHaveTextContent('Disposition: Order or delivery status');
    expect(tag).toHaveAttribute('data-code', 'order-status');
    expect(screen.getAllByTestId('event-disposition')).toHaveLength(1);
  });

  it('filters by channel', async () => {
    const calls = { ...apiFixtures.serviceTrack, events: apiFixtures.serviceTrack.events.filter((event) => event.channel === 'call') };
    const fetchMock = createFetchMock({ [TRACK]: (request) => ({ body: request.url.searchParams.get('channel') === 'call' ? calls : apiFixtures.serviceTrack }) });
    await renderPanel(ServiceTrackPanel, makeProps({ locale: 'en-US' }), { fetchMock });
    await screen.findByText('查询订单物流');
    fireEvent.click(screen.getByLabelText('Call'));
    await waitFor(() => expect(document.querySelectorAll('[data-channel="call"]')).toHaveLength(calls.events.length));
    expect(screen.queryByText('查询订单物流')).toBeNull();
    expect(fetchMock.calls(TRACK).at(-1)!.url.searchParams.get('channel')).toBe('call');
  });

  it('pages back with `before`', async () => {
    const page = (start: number, count: number): ServiceEvent[] =>
      Array.from({ length: count }, (_, i) => ({
        ...apiFixtures.serviceTrack.events[2]!,
        id: `im:IM${String(start + i).padStart(8, '0')}`,
        title: `IM ${start + i}`,
        at: new Date(Date.UTC(2026, 10, 20) - (start + i) * 3_600_000).toISOString(),
      }));
    const first = page(0, 20);
    const fetchMock = createFetchMock({
      [TRACK]: (request) => ({ body: { ...apiFixtures.serviceTrack, events: request.url.searchParams.get('before') ? page(20, 3) : first } }),
    });
    await renderPanel(ServiceTrackPanel, makeProps({ locale: 'en-US' }), { fetchMock });
    await screen.findByText('IM 0');
    fireEvent.click(screen.getByText('Load older contacts'));
    expect(await screen.findByText('IM 22')).toBeInTheDocument();
    expect(fetchMock.calls(TRACK)[1]!.url.searchParams.get('before')).toBe(first.at(-1)!.at);
    expect(screen.queryByText('Load older contacts')).toBeNull();
  });

  it('shows masked numbers masked', async () => {
    await renderPanel(ServiceTrackPanel, makeProps({ customer: { userId: 'U0000001', phone: '13800138000', verification: { status: 'unverified', method: null } } }), {
      routes: { [TRACK]: { body: apiFixtures.serviceTrackMasked } },
    });
    expect((await screen.findAllByText('138****8000'))[0]).toHaveAttribute('data-masked', 'true');
    expect(screen.queryByLabelText('拨打 13800138000')).toBeNull();
  });

  it('renders an empty timeline and errors clearly', async () => {
    await renderPanel(ServiceTrackPanel, makeProps(), { routes: { [TRACK]: { body: { ...apiFixtures.serviceTrack, events: [] } } } });
    expect(await screen.findByText('暂无服务记录')).toBeInTheDocument();
  });

  it('renders a network failure as such', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await renderPanel(ServiceTrackPanel, makeProps({ locale: 'en-US' }), { fetchMock: { ...createFetchMock(), fetch: failing } });
    expect(await screen.findByRole('alert', {}, { timeout: 5000 })).toHaveTextContent('Cannot reach the customer data service');
  });
});
