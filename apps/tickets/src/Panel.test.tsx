import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { apiFixtures, createFetchMock } from '@octopus/api-client/testing';
import type { TicketDetail } from '@octopus/contracts';
import { makeProps, memoryWorkspace, renderPanel, GRANT } from '@octopus/remote-kit/testing';
import { DRAFT_KEY } from './ticket-draft';
import { TicketsPanel } from './Panel';

const LIST = 'GET /users/U0000001/tickets';

// antd in jsdom is slow on a loaded 2-core machine.
jest.setTimeout(20_000);

describe('tickets panel', () => {
  it('asks for a bound customer and fetches nothing without one', async () => {
    const props = makeProps({ customer: { userId: null, phone: '13700000000', verification: { status: 'unverified', method: null } } });
    const { fetchMock } = await renderPanel(TicketsPanel, props);
    expect(screen.getByTestId('no-customer')).toHaveTextContent('尚未绑定客户');
    expect(document.querySelector('[data-remote="tickets"]')).not.toBeNull();
    expect(fetchMock.requests).toHaveLength(0);
  });

  it('lists the customer’s tickets with the agent token and the call grant', async () => {
    const { fetchMock } = await renderPanel(TicketsPanel, makeProps(), { routes: { [LIST]: { body: apiFixtures.ticketList } } });
    expect(await screen.findByText('物流长时间未更新')).toBeInTheDocument();
    expect(screen.getByText('退款进度查询')).toBeInTheDocument();
    expect(screen.getByText('待处理')).toBeInTheDocument();
    const [request] = fetchMock.calls(LIST);
    expect(request!.headers.authorization).toBe('Bearer agent.token.sig');
    expect(request!.headers['x-octopus-grant']).toBe(GRANT);
  });

  it('speaks English with ?lng=en-US', async () => {
    await renderPanel(TicketsPanel, makeProps({ locale: 'en-US' }), { routes: { [LIST]: { body: apiFixtures.ticketList } } });
    expect(await screen.findByText('Customer tickets')).toBeInTheDocument();
    expect(screen.getByText('Open')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'New ticket' })).toBeInTheDocument();
  });

  it('says so when the customer has no tickets', async () => {
    await renderPanel(TicketsPanel, makeProps(), { routes: { [LIST]: { body: { ...apiFixtures.ticketList, tickets: [] } } } });
    expect(await screen.findByText('该客户暂无工单')).toBeInTheDocument();
  });

  it('shows an api failure with a retry that refetches', async () => {
    const { fetchMock } = await renderPanel(TicketsPanel, makeProps({ locale: 'en-US' }), { routes: { [LIST]: { status: 500, body: { error: 'internal', message: 'boom' } } } });
    // A server error is retried once (retryTransient) before it shows.
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert).toHaveTextContent('The customer data service failed; retry.');
    expect(fetchMock.calls(LIST)).toHaveLength(2);
    fetchMock.on(LIST, { body: apiFixtures.ticketList });
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('物流长时间未更新')).toBeInTheDocument();
  });

  it('explains a refused customer instead of dumping the error', async () => {
    const { fetchMock } = await renderPanel(TicketsPanel, makeProps({ locale: 'en-US' }), { routes: { [LIST]: { status: 403, body: apiFixtures.noAccess } } });
    expect(await screen.findByRole('alert')).toHaveTextContent('No access to this customer');
    expect(screen.queryByText(/X-Octopus-Grant/)).toBeNull();
    // A refusal is not retried: it would not change.
    expect(fetchMock.calls(LIST)).toHaveLength(1);
  });

  it('opens a ticket with history and comments, and dials numbers in it through the host', async () => {
    const props = makeProps();
    const detail: TicketDetail = { ...apiFixtures.ticketDetailClosed, description: '请回电 13912345678 确认。<img src=x onerror=alert(1)>' };
    await renderPanel(TicketsPanel, props, { routes: { [LIST]: { body: apiFixtures.ticketList }, 'GET /tickets/TK00000002': { body: detail } } });
    fireEvent.click(await screen.findByRole('button', { name: 'TK00000002' }));
    expect(await screen.findByText('已电话回访客户，客户表示理解。')).toBeInTheDocument();
    expect(screen.getByText('财务已确认款项，预计1-3个工作日到账。')).toBeInTheDocument();
    // Hostile text stays text.
    expect(screen.getByTestId('ticket-description')).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(document.querySelector('img[src="x"]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '拨打 13912345678' }));
    expect(props.host.dial).toHaveBeenCalledWith('13912345678');
    fireEvent.click(screen.getByRole('button', { name: '拨打 13800138000' }));
    expect(props.host.dial).toHaveBeenCalledWith('13800138000');
    // Closed tickets cannot change status.
    expect(screen.getByText('工单已关闭，不能再变更状态。')).toBeInTheDocument();
  });

  it('shows masked customer data as masked and does not offer to dial it', async () => {
    const props = makeProps({ customer: { userId: 'U0000001', phone: '13800138000', verification: { status: 'unverified', method: null } } });
    await renderPanel(TicketsPanel, props, {
      routes: { [LIST]: { body: { ...apiFixtures.ticketList, access: apiFixtures.ticketDetailMasked.access } }, 'GET /tickets/TK00000001': { body: apiFixtures.ticketDetailMasked } },
    });
    expect(screen.getByTestId('masked-hint')).toBeInTheDocument();
    fireEvent.click(await screen.findByRole('button', { name: 'TK00000001' }));
    expect(await screen.findByText('张**')).toBeInTheDocument();
    expect(screen.getByText('138****8000')).toHaveAttribute('data-masked', 'true');
    expect(screen.queryByRole('button', { name: /138\*\*\*\*8000/ })).toBeNull();
    expect(screen.getByText('已脱敏')).toBeInTheDocument();
  });

  it('adds a comment and changes the status', async () => {
    const withComment: TicketDetail = {
      ...apiFixtures.ticketDetail,
      comments: [{ id: 9, at: '2026-11-21T10:00:00.000Z', authorAgentId: '1001', body: '已联系快递核实' }],
    };
    const inProgress: TicketDetail = { ...withComment, status: 'in_progress' };
    const { fetchMock } = await renderPanel(TicketsPanel, makeProps(), {
      routes: {
        [LIST]: { body: apiFixtures.ticketList },
        'GET /tickets/TK00000001': { body: apiFixtures.ticketDetail },
        'POST /tickets/TK00000001/comments': { status: 201, body: withComment },
        'PATCH /tickets/TK00000001/status': { body: inProgress },
      },
    });
    fireEvent.click(await screen.findByText('TK00000001'));
    const box = await screen.findByLabelText('添加评论');
    fireEvent.change(box, { target: { value: '已联系快递核实' } });
    fireEvent.click(screen.getByText('添加评论', { selector: 'button span' }));
    expect(await screen.findByTestId('comment-body')).toHaveTextContent('已联系快递核实');
    expect(fetchMock.calls('POST /tickets/TK00000001/comments')[0]!.body).toEqual({ body: '已联系快递核实' });
    await waitFor(() => expect(box).toHaveValue(''));

    fireEvent.click(screen.getByLabelText('处理中'));
    fireEvent.change(screen.getByLabelText('备注（可选）'), { target: { value: '跟进中' } });
    fireEvent.click(screen.getByText('更新状态', { selector: 'button span' }));
    await waitFor(() => expect(screen.getByTestId('ticket-status')).toHaveTextContent('处理中'));
    expect(fetchMock.calls('PATCH /tickets/TK00000001/status')[0]!.body).toEqual({ status: 'in_progress', note: '跟进中' });
  });

  it('creates a ticket from the call with the call and recording linked', async () => {
    const props = makeProps({ locale: 'en-US' });
    const created: TicketDetail = { ...apiFixtures.ticketDetail, ticketId: 'TK00000099', title: 'Parcel stuck', callId: 'call-1', recordingRef: 'recording:call-1', priority: 'high' };
    const { fetchMock } = await renderPanel(TicketsPanel, props, {
      routes: { [LIST]: { body: apiFixtures.ticketList }, 'POST /tickets': { status: 201, body: created } },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'New ticket' }));
    expect(await screen.findByTestId('ticket-links')).toHaveTextContent('Linked call: call-1 · Recording: recording:call-1');
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Parcel stuck' } });
    fireEvent.click(screen.getByText('High'));
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'No tracking update for 3 days' } });
    fireEvent.change(screen.getByLabelText('Related order (optional)'), { target: { value: 'SO1000000002' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create ticket' }));
    expect(await screen.findByText('Parcel stuck', { selector: 'h5' })).toBeInTheDocument();
    expect(fetchMock.calls('POST /tickets')[0]!.body).toEqual({
      userId: 'U0000001',
      callId: 'call-1',
      title: 'Parcel stuck',
      description: 'No tracking update for 3 days',
      category: 'order',
      priority: 'high',
      orderId: 'SO1000000002',
      recordingRef: 'recording:call-1',
      assigneeAgentId: null,
    });
    expect(props.host.showMessage).toHaveBeenCalledWith('success', 'Ticket TK00000099 created');
    // The draft is spent.
    expect(props.workspace.read(DRAFT_KEY)).toEqual(expect.objectContaining({ title: '' }));
  });

  it('shows why a ticket could not be created', async () => {
    await renderPanel(TicketsPanel, makeProps({ locale: 'en-US' }), {
      routes: { [LIST]: { body: apiFixtures.ticketList }, 'POST /tickets': { status: 403, body: { error: 'no_access', message: 'grant is for another call' } } },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'New ticket' }));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create ticket' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No access to this customer');
  });

  it('offers no ticket creation without a call (second-line work)', async () => {
    await renderPanel(TicketsPanel, makeProps({ callId: null, api: { baseUrl: 'http://api.test', token: 't', grant: null } }), {
      routes: { [LIST]: { body: apiFixtures.ticketList } },
    });
    await screen.findByText('物流长时间未更新');
    expect(screen.queryByRole('button', { name: '新建工单' })).toBeNull();
  });

  it('keeps drafts per call across a call switch and a remount', async () => {
    const workspaceA = memoryWorkspace();
    const workspaceB = memoryWorkspace();
    const fetchMock = createFetchMock({ [LIST]: { body: apiFixtures.ticketList }, 'GET /users/U0000004/tickets': { body: { ...apiFixtures.ticketList, tickets: [] } } });
    const propsA = makeProps({ workspace: workspaceA, locale: 'en-US' });
    const propsB = makeProps({
      workspace: workspaceB,
      locale: 'en-US',
      callId: 'call-2',
      customer: { userId: 'U0000004', phone: '13800138003', verification: { status: 'verified', method: 'ivr-phone' } },
      api: { baseUrl: 'http://api.test', token: 'agent.token.sig', grant: 'grant.other.signature0002' },
    });
    const view = await renderPanel(TicketsPanel, propsA, { fetchMock });
    fireEvent.click(await screen.findByRole('button', { name: 'New ticket' }));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'Half-typed title' } });

    // Switch to call B: its own (empty) workspace, its own customer's data.
    await act(async () => view.rerenderWith(propsB));
    expect(await screen.findByText('This customer has no tickets')).toBeInTheDocument();
    expect(screen.queryByText('物流长时间未更新')).toBeNull();
    expect(fetchMock.calls('GET /users/U0000004/tickets')[0]!.headers['x-octopus-grant']).toBe('grant.other.signature0002');

    // Back to call A: the form and what was typed are restored.
    await act(async () => view.rerenderWith(propsA));
    expect(screen.getByLabelText('Title')).toHaveValue('Half-typed title');

    // A full remount (e.g. the tab was closed) restores it from the workspace too.
    view.unmount();
    await renderPanel(TicketsPanel, propsA, { fetchMock });
    expect(screen.getByLabelText('Title')).toHaveValue('Half-typed title');
  });

  it('keeps a half-typed comment per ticket in the workspace', async () => {
    const props = makeProps();
    props.workspace.write('tickets.view', { kind: 'detail', ticketId: 'TK00000001' });
    props.workspace.write('tickets.comment.TK00000001', '客户稍后回电');
    await renderPanel(TicketsPanel, props, { routes: { 'GET /tickets/TK00000001': { body: apiFixtures.ticketDetail } } });
    expect(await screen.findByRole('textbox', { name: '添加评论' })).toHaveValue('客户稍后回电');
  });

  it('opens the form prefilled from host.openTicket (contract 1.1.0), once per request', async () => {
    const props = makeProps({ locale: 'en-US', ticketRequest: { id: 7, userId: 'U0000001', callId: 'call-1', title: 'SO1000000002 Shipped', orderId: 'SO1000000002', category: 'order' } });
    const { rerenderWith } = await renderPanel(TicketsPanel, props, { routes: { [LIST]: { body: apiFixtures.ticketList } } });
    expect(await screen.findByLabelText('Title')).toHaveValue('SO1000000002 Shipped');
    expect(screen.getByLabelText('Related order (optional)')).toHaveValue('SO1000000002');
    // Cancelled, the same request does not reopen it; a new one does.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await act(async () => rerenderWith({ ...props }));
    expect(screen.queryByLabelText('Title')).toBeNull();
    await act(async () => rerenderWith({ ...props, ticketRequest: { ...props.ticketRequest!, id: 8, title: 'Another' } }));
    expect(await screen.findByLabelText('Title')).toHaveValue('Another');
  });
});
