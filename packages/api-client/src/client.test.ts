import {
  consignmentListResponseSchema,
  loanListResponseSchema,
  orderDetailSchema,
  orderListResponseSchema,
  serviceTrackResponseSchema,
  ticketDetailSchema,
  ticketListResponseSchema,
} from '@octopus/contracts';
import { ApiError, createApiClient, customerScope, formatFen, isMaskedValue, isWithheld } from './index';
import { apiFixtures, createFetchMock } from './testing';

const access = { baseUrl: 'http://api.test/', token: 'agent-token', grant: 'grant-token-abcdefghij' };

describe('fixtures', () => {
  it('are real payloads that pass the contracts schemas', () => {
    for (const f of [apiFixtures.ticketList]) expect(ticketListResponseSchema.safeParse(f).success).toBe(true);
    for (const f of [apiFixtures.ticketDetail, apiFixtures.ticketDetailClosed, apiFixtures.ticketDetailMasked]) expect(ticketDetailSchema.safeParse(f).success).toBe(true);
    for (const f of [apiFixtures.orderList, apiFixtures.orderListMasked]) expect(orderListResponseSchema.safeParse(f).success).toBe(true);
    for (const f of [apiFixtures.orderDetail, apiFixtures.orderDetailMasked, apiFixtures.orderDetailRefunded]) expect(orderDetailSchema.safeParse(f).success).toBe(true);
    expect(consignmentListResponseSchema.safeParse(apiFixtures.consignments).success).toBe(true);
    for (const f of [apiFixtures.loans, apiFixtures.loansOverdue]) expect(loanListResponseSchema.safeParse(f).success).toBe(true);
    for (const f of [apiFixtures.serviceTrack, apiFixtures.serviceTrackMasked]) expect(serviceTrackResponseSchema.safeParse(f).success).toBe(true);
  });
});

describe('ApiClient', () => {
  it('sends the agent token and the call grant, and validates the answer', async () => {
    const mock = createFetchMock({ 'GET /users/U0000001/tickets': { body: apiFixtures.ticketList } });
    const client = createApiClient(access, { fetch: mock.fetch });
    const result = await client.listTickets('U0000001', { status: 'open' });
    expect(result.tickets).toHaveLength(2);
    const [request] = mock.requests;
    expect(request!.url.href).toBe('http://api.test/users/U0000001/tickets?status=open');
    expect(request!.headers.authorization).toBe('Bearer agent-token');
    expect(request!.headers['x-octopus-grant']).toBe('grant-token-abcdefghij');
  });

  it('omits the grant header without a grant and sends the ticket header when asked', async () => {
    const mock = createFetchMock({ 'GET /tickets/TK00000003': { body: apiFixtures.ticketDetail } });
    await createApiClient({ ...access, grant: null }, { fetch: mock.fetch, ticketId: 'TK00000003' }).getTicket('TK00000003');
    expect(mock.requests[0]!.headers['x-octopus-grant']).toBeUndefined();
    expect(mock.requests[0]!.headers['x-octopus-ticket']).toBe('TK00000003');
  });

  it('encodes path segments', async () => {
    const mock = createFetchMock();
    await createApiClient(access, { fetch: mock.fetch }).getOrder('a/b?c').catch(() => undefined);
    expect(mock.requests[0]!.url.pathname).toBe('/orders/a%2Fb%3Fc');
  });

  it('refuses without a token, before any request', async () => {
    const mock = createFetchMock();
    await expect(createApiClient({ ...access, token: null }, { fetch: mock.fetch }).getUser('U0000001')).rejects.toMatchObject({ kind: 'no_token' });
    expect(mock.requests).toHaveLength(0);
  });

  it.each([
    [403, apiFixtures.withheld, 'withheld'],
    [403, apiFixtures.noAccess, 'no_access'],
    [401, { error: 'unauthorized', message: 'expired' }, 'unauthorized'],
    [404, { error: 'not_found', message: 'ticket not found' }, 'not_found'],
    [409, { error: 'conflict', message: 'closed' }, 'conflict'],
    [429, { error: 'too_many', message: 'slow down' }, 'rate_limited'],
    [500, { error: 'internal', message: 'boom' }, 'server'],
  ] as const)('maps HTTP %i %j to %s', async (status, body, kind) => {
    const mock = createFetchMock({ 'GET /users/U0000001/loans': { status, body } });
    const error = await createApiClient(access, { fetch: mock.fetch }).listLoans('U0000001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind, status, code: body.error, message: body.message });
    expect(isWithheld(error)).toBe(kind === 'withheld');
  });

  it('rejects an answer that does not match the contract', async () => {
    const mock = createFetchMock({ 'GET /users/U0000001/orders': { body: { orders: [{ orderId: 1 }] } } });
    await expect(createApiClient(access, { fetch: mock.fetch }).listOrders('U0000001')).rejects.toMatchObject({ kind: 'invalid_response' });
  });

  it('reports a network failure as such, but lets an abort through', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(createApiClient(access, { fetch: failing }).listConsignments('U0000001')).rejects.toMatchObject({ kind: 'network' });
    const controller = new AbortController();
    controller.abort();
    const mock = createFetchMock();
    const error = await createApiClient(access, { fetch: mock.fetch }).listConsignments('U0000001', { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
  });

  it('validates request bodies before sending and names the field', async () => {
    const mock = createFetchMock();
    const client = createApiClient(access, { fetch: mock.fetch });
    await expect(client.addTicketComment('TK00000001', { body: '   ' })).rejects.toMatchObject({ kind: 'bad_request', field: 'body.body' });
    await expect(client.createTicket({ userId: 'U0000001', callId: 'c-1', title: 'x'.repeat(101), category: 'order' })).rejects.toMatchObject({ field: 'body.title' });
    expect(mock.requests).toHaveLength(0);
  });

  it('posts a ticket with defaults filled in and returns the created detail', async () => {
    const mock = createFetchMock({ 'POST /tickets': { status: 201, body: apiFixtures.ticketDetail } });
    const created = await createApiClient(access, { fetch: mock.fetch }).createTicket({ userId: 'U0000001', callId: 'c-1', title: 'Late parcel', category: 'logistics' });
    expect(created.ticketId).toBe('TK00000001');
    expect(mock.requests[0]!.body).toEqual({
      userId: 'U0000001',
      callId: 'c-1',
      title: 'Late parcel',
      description: '',
      category: 'logistics',
      priority: 'normal',
      orderId: null,
      recordingRef: null,
      assigneeAgentId: null,
    });
    expect(mock.requests[0]!.headers['content-type']).toBe('application/json');
  });

  it('patches status and posts comments', async () => {
    const mock = createFetchMock({
      'PATCH /tickets/TK00000001/status': { body: apiFixtures.ticketDetail },
      'POST /tickets/TK00000001/comments': { status: 201, body: apiFixtures.ticketDetail },
    });
    const client = createApiClient(access, { fetch: mock.fetch });
    await client.updateTicketStatus('TK00000001', { status: 'in_progress' });
    await client.addTicketComment('TK00000001', { body: 'called back' });
    expect(mock.requests.map((r) => [r.method, r.body])).toEqual([
      ['PATCH', { status: 'in_progress', note: null }],
      ['POST', { body: 'called back' }],
    ]);
  });
});

describe('helpers', () => {
  it('formats fen without float drift', () => {
    expect(formatFen(816224, 'en-US')).toBe('¥8,162.24');
    expect(formatFen(5, 'zh-CN')).toBe('¥0.05');
    expect(formatFen(-100, 'zh-CN')).toBe('-¥1.00');
  });

  it('recognises masked values', () => {
    expect(isMaskedValue('138****8000')).toBe(true);
    expect(isMaskedValue('张**')).toBe(true);
    expect(isMaskedValue('13800138000')).toBe(false);
  });

  it('scopes keys by user, call and grant fingerprint', () => {
    expect(customerScope('U1', 'c1', { grant: 'aaaa.bbbb.0123456789' })).toEqual({ userId: 'U1', callId: 'c1', grant: '0123456789' });
    expect(customerScope('U1', null, { grant: null }).grant).toBeNull();
  });
});

describe('retryTransient', () => {
  it('retries network and server failures once, never refusals', async () => {
    const { retryTransient } = await import('./errors');
    expect(retryTransient(0, new ApiError({ kind: 'network', message: 'x' }))).toBe(true);
    expect(retryTransient(0, new ApiError({ kind: 'server', message: 'x', status: 502 }))).toBe(true);
    expect(retryTransient(1, new ApiError({ kind: 'server', message: 'x', status: 502 }))).toBe(false);
    expect(retryTransient(0, new ApiError({ kind: 'withheld', message: 'x', status: 403 }))).toBe(false);
    expect(retryTransient(0, new ApiError({ kind: 'no_access', message: 'x', status: 403 }))).toBe(false);
  });
});

describe('ApiClient: the agent’s own work', () => {
  const agentOnly = { baseUrl: 'http://api.test', token: 'agent-token', grant: null };

  it('searches customers by one criterion and returns masked summaries', async () => {
    const results = [{ userId: 'U0000001', maskedName: '张*', maskedPhones: ['138****8000'], level: 'gold', registeredAt: '2024-01-01T00:00:00.000Z', matchedBy: 'order' }];
    const mock = createFetchMock({ 'GET /users/search': { body: { results } } });
    const found = await createApiClient(agentOnly, { fetch: mock.fetch }).searchUsers('orderId', ' SO1000000001 ');
    expect(found).toEqual(results);
    expect(mock.requests[0]!.url.search).toBe('?orderId=SO1000000001');
    expect(mock.requests[0]!.headers['x-octopus-grant']).toBeUndefined();
  });

  it('deletes a record (204, no body) and refuses an over-long note before sending it', async () => {
    const mock = createFetchMock({ 'DELETE /call-records/C1': { status: 204 } });
    const client = createApiClient(agentOnly, { fetch: mock.fetch });
    await expect(client.deleteCallRecord('C1')).resolves.toBeUndefined();
    await expect(client.saveCallNote('C1', 'x'.repeat(2001))).rejects.toMatchObject({ kind: 'bad_request', field: 'body.note' });
    expect(mock.requests).toHaveLength(1);
  });
});

describe('effectiveness report', () => {
  const report = {
    from: '2020-03-02', to: '2020-03-02', granularity: 'day', timeZone: 'Asia/Shanghai', skillGroup: null, serviceLevelSeconds: 20,
    rows: [], periodTotals: [], groupTotals: [], missedRings: [], dispositions: [],
    total: {
      inbound: 0, offered: 0, answered: 0, abandoned: 0, abandonedAvgWaitSeconds: null, abandonedMaxWaitSeconds: null, abandonedWithinThreshold: 0,
      abandonedAfter: { upTo10s: 0, upTo30s: 0, upTo60s: 0, upTo120s: 0, over120s: 0 },
      answeredWithinThreshold: 0, serviceLevel: null, avgAnswerSeconds: null,
      handleTime: { ivrVerified: { calls: 0, avgSeconds: null }, agentVerified: { calls: 0, avgSeconds: null }, unverified: { calls: 0, avgSeconds: null }, all: { calls: 0, avgSeconds: null } },
      ivrVerified: 0, ivrVerifiedShare: null, selfService: 0, selfServiceShare: null, transfers: 0, overflows: 0,
    },
  };

  it('asks for the report with its query (defaults filled) and validates the answer', async () => {
    const mock = createFetchMock({ 'GET /reports/effectiveness': { body: report } });
    const client = createApiClient(access, { fetch: mock.fetch });
    expect((await client.effectivenessReport({ from: '2020-03-02', to: '2020-03-02', group: 'presale' })).serviceLevelSeconds).toBe(20);
    expect(mock.requests[0]!.url.search).toBe('?from=2020-03-02&to=2020-03-02&granularity=day&group=presale&tz=Asia%2FShanghai');
    await expect(client.effectivenessReport({ granularity: 'month' as 'day' })).rejects.toMatchObject({ kind: 'bad_request', field: 'query.granularity' });
    expect(mock.requests).toHaveLength(1);
  });

  it('returns a CSV table as text, and a 403 as no_access', async () => {
    const mock = createFetchMock({ 'GET /reports/effectiveness/csv': { text: '\uFEFFperiod,agent_id\r\n' } });
    const client = createApiClient(access, { fetch: mock.fetch });
    expect(await client.effectivenessReportCsv({ table: 'missed-rings' })).toBe('\uFEFFperiod,agent_id\r\n');
    expect(mock.requests[0]!.url.searchParams.get('table')).toBe('missed-rings');
    mock.on('GET /reports/effectiveness/csv', { status: 403, body: { error: 'forbidden', message: 'for supervisors' } });
    await expect(client.effectivenessReportCsv()).rejects.toMatchObject({ kind: 'no_access' });
  });
});
