import type { CallRecordDto, CustomerHistoryResponse, CustomerSummary, DispositionListResponse, ServiceTrackResponse, UserProfile } from '@octopus/contracts';
import { agentToken, call, callRecordBody, count, grantToken, serviceToken, setupTestApi } from './testing/harness';

jest.setTimeout(60_000);

const api = setupTestApi();

const grant = (level: 'verified' | 'unverified', userId = 'U0000001', agentId = '1001') => ({ grant: grantToken({ userId, level, agentId }) });

async function audits(action: string, userId: string): Promise<Array<{ outcome: string; via: string | null }>> {
  return api.db.query<{ outcome: string; via: string | null }>('SELECT outcome, via FROM audit_log WHERE action = $1 AND user_id = $2 ORDER BY seq', [action, userId]);
}

describe('GET /users/:userId/summary (the customer panel in one request)', () => {
  it('verified: the full profile, counts and the latest of orders, open tickets, consignments and loans', async () => {
    const r = await call<CustomerSummary>(api, 'GET', '/users/U0000001/summary', grant('verified'));
    expect(r.status).toBe(200);
    const profile = await call<UserProfile>(api, 'GET', '/users/U0000001', grant('verified'));
    expect(r.body).toMatchObject({ userId: 'U0000001', name: profile.body.name, idNumber: profile.body.idNumber, level: profile.body.level, address: profile.body.address.full, financeWithheld: false });
    expect(r.body.phones).toEqual(profile.body.phones);
    expect(r.body.orders.count).toBe(await count(api, 'orders WHERE user_id = $1', ['U0000001']));
    const newest = await api.db.query<{ id: string }>('SELECT id FROM orders WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1', ['U0000001']);
    expect(r.body.orders.latest?.orderId).toBe(newest[0]?.id);
    expect(r.body.openTickets.count).toBe(await count(api, "tickets WHERE user_id = $1 AND status NOT IN ('resolved','closed')", ['U0000001']));
    expect(r.body.consignments?.count).toBe(await count(api, 'consignments WHERE user_id = $1', ['U0000001']));
    expect(r.body.loans?.count).toBe(await count(api, 'loans WHERE user_id = $1', ['U0000001']));
    expect((await audits('users.summary', 'U0000001')).at(-1)).toEqual({ outcome: 'allowed', via: 'grant' });
  });

  it('identified only: masked exactly as the profile is masked, and finance withheld', async () => {
    const r = await call<CustomerSummary>(api, 'GET', '/users/U0000001/summary', grant('unverified'));
    const profile = await call<UserProfile>(api, 'GET', '/users/U0000001', grant('unverified'));
    expect(r.status).toBe(200);
    expect(profile.body.access.masked).toBe(true);
    expect(r.body.name).toBe(profile.body.name);
    expect(r.body.name).toMatch(/\*/);
    expect(r.body.idNumber).toBe(profile.body.idNumber);
    expect(r.body.phones).toEqual(profile.body.phones);
    expect(r.body.phones.every((p) => p.phone.includes('****'))).toBe(true);
    expect(r.body.address).toBe(profile.body.address.full);
    expect(r.body.address.endsWith('****')).toBe(true);
    expect(r.body).toMatchObject({ consignments: null, loans: null, financeWithheld: true, access: { masked: true, level: 'unverified' } });
    expect(r.body.orders.count).toBeGreaterThan(0);
    expect((await audits('users.summary', 'U0000001')).at(-1)).toEqual({ outcome: 'masked', via: 'grant' });
  });

  it('refuses (and audits) without a grant or ticket, or with a grant for another customer', async () => {
    expect(await call(api, 'GET', '/users/U0000002/summary')).toMatchObject({ status: 403, body: { error: 'no_access' } });
    expect((await audits('users.summary', 'U0000002')).at(-1)).toEqual({ outcome: 'refused', via: null });
    expect((await call(api, 'GET', '/users/U0000002/summary', grant('verified', 'U0000001'))).status).toBe(403);
    expect((await call(api, 'GET', '/users/U0000001/summary', { token: null })).status).toBe(401);
  });

  it('validates the user id in the route schema', async () => {
    expect(await call(api, 'GET', '/users/bad%20id/summary', grant('verified'))).toMatchObject({ status: 400, body: { field: 'params.userId' } });
  });
});

describe('dispositions (wrap-up codes)', () => {
  beforeAll(async () => {
    for (const [id, group, agentId] of [['dp-1', 'presale', '1002'], ['dp-2', 'finance', '1002'], ['dp-3', 'presale', '1003']] as const) {
      const r = await call(api, 'PUT', `/internal/call-records/${id}`, { token: serviceToken(), body: callRecordBody(id, { agentId, skillGroup: group, userId: 'U0000003', number: '13900000003' }) });
      expect(r.status).toBe(201);
    }
  });

  it('lists the demo codes per skill group, in order, with both labels and whether one is required', async () => {
    const presale = await call<DispositionListResponse>(api, 'GET', '/dispositions?skillGroup=presale', { token: agentToken('1002') });
    expect(presale.status).toBe(200);
    expect(presale.body.required).toBe(false);
    expect(presale.body.dispositions[0]).toEqual({ code: 'product-info', label: { 'zh-CN': '商品咨询', 'en-US': 'Product information' } });
    const finance = await call<DispositionListResponse>(api, 'GET', '/dispositions?skillGroup=finance', { token: agentToken('1002') });
    expect(finance.body.required).toBe(true);
    expect((await call<DispositionListResponse>(api, 'GET', '/dispositions?skillGroup=nobody', { token: agentToken('1002') })).body).toEqual({ skillGroup: 'nobody', required: false, dispositions: [] });
    expect(await call(api, 'GET', '/dispositions', { token: agentToken('1002') })).toMatchObject({ status: 400, body: { field: 'query.skillGroup' } });
    expect((await call(api, 'GET', '/dispositions?skillGroup=presale', { token: null })).status).toBe(401);
  });

  it('stores a code of the record’s group on the agent’s own record; the list, history and service track show it', async () => {
    const as1002 = { token: agentToken('1002') };
    const set = await call<{ record: CallRecordDto }>(api, 'PUT', '/call-records/dp-1/disposition', { ...as1002, body: { code: 'size-advice' } });
    expect(set.status).toBe(200);
    expect(set.body.record.disposition).toEqual({ code: 'size-advice', label: { 'zh-CN': '尺码建议', 'en-US': 'Size advice' } });
    const list = await call<{ records: CallRecordDto[] }>(api, 'GET', '/call-records', as1002);
    expect(list.body.records.find((r) => r.callId === 'dp-1')?.disposition?.code).toBe('size-advice');
    // A note save keeps (and returns) the disposition.
    const noted = await call<{ record: CallRecordDto }>(api, 'PUT', '/call-records/dp-1/note', { ...as1002, body: { note: '尺码偏大' } });
    expect(noted.body.record.disposition?.code).toBe('size-advice');
    const track = await call<ServiceTrackResponse>(api, 'GET', '/users/U0000003/service-track', { token: agentToken('1002'), ...grant('verified', 'U0000003', '1002') });
    expect(track.body.events.find((e) => e.id === 'call:dp-1')?.disposition?.label['en-US']).toBe('Size advice');
    const history = await call<CustomerHistoryResponse>(api, 'GET', '/users/U0000003/history', { token: agentToken('1002'), ...grant('verified', 'U0000003', '1002') });
    expect(history.body.entries.find((e) => e.id === 'call:dp-1')).toMatchObject({ kind: 'call', disposition: { code: 'size-advice' }, text: '尺码偏大' });
    expect((await audits('call-records.disposition', 'U0000003')).at(-1)).toEqual({ outcome: 'allowed', via: 'own-records' });
  });

  it('refuses a code of another group, someone else’s record, and clears with null', async () => {
    const as1002 = { token: agentToken('1002') };
    expect(await call(api, 'PUT', '/call-records/dp-2/disposition', { ...as1002, body: { code: 'size-advice' } })).toMatchObject({ status: 400, body: { field: 'body.code' } });
    expect(await call(api, 'PUT', '/call-records/dp-2/disposition', { ...as1002, body: { code: 'NOT A CODE' } })).toMatchObject({ status: 400, body: { field: 'body.code' } });
    expect((await call(api, 'PUT', '/call-records/dp-2/disposition', { ...as1002, body: { code: 'loan-repayment' } })).status).toBe(200);
    expect((await call(api, 'PUT', '/call-records/dp-3/disposition', { ...as1002, body: { code: 'other' } })).status).toBe(403);
    expect((await call(api, 'PUT', '/call-records/nope/disposition', { ...as1002, body: { code: 'other' } })).status).toBe(404);
    const cleared = await call<{ record: CallRecordDto }>(api, 'PUT', '/call-records/dp-2/disposition', { ...as1002, body: { code: null } });
    expect(cleared.body.record.disposition).toBeNull();
  });
});

describe('GET /users/:userId/history (past calls and tickets, also outside a call)', () => {
  beforeAll(async () => {
    await call(api, 'PUT', '/internal/call-records/hist-1', { token: serviceToken(), body: callRecordBody('hist-1', { agentId: '1004', skillGroup: 'aftersale', userId: 'U0000005', number: '13900000005' }) });
    await call(api, 'PUT', '/call-records/hist-1/note', { token: agentToken('1004'), body: { note: '客户私事：地址变更' } });
  });

  it('with a grant: calls and tickets, newest first, with their texts', async () => {
    const r = await call<CustomerHistoryResponse>(api, 'GET', '/users/U0000005/history', { token: agentToken('1004'), ...grant('unverified', 'U0000005', '1004') });
    expect(r.status).toBe(200);
    expect(r.body.access).toEqual({ via: 'grant', masked: true });
    const ats = r.body.entries.map((e) => Date.parse(e.at));
    expect([...ats].sort((a, b) => b - a)).toEqual(ats);
    expect(r.body.entries.find((e) => e.id === 'call:hist-1')?.text).toBe('客户私事：地址变更');
    const tickets = await count(api, 'tickets WHERE user_id = $1', ['U0000005']);
    expect(r.body.entries.filter((e) => e.kind === 'ticket')).toHaveLength(Math.min(tickets, r.body.entries.length));
    expect((await audits('users.history', 'U0000005')).at(-1)).toEqual({ outcome: 'masked', via: 'grant' });
  });

  it('outside a call (no grant, e.g. after a search): contact history without free text, audited as search', async () => {
    const r = await call<CustomerHistoryResponse>(api, 'GET', '/users/U0000005/history', { token: agentToken('1006') });
    expect(r.status).toBe(200);
    expect(r.body.access).toEqual({ via: 'search', masked: true });
    const entry = r.body.entries.find((e) => e.id === 'call:hist-1');
    expect(entry).toMatchObject({ kind: 'call', agentId: '1004', skillGroup: 'aftersale', text: null, title: null });
    expect(r.body.entries.every((e) => e.text === null && e.title === null)).toBe(true);
    expect(JSON.stringify(r.body)).not.toContain('地址变更');
    expect((await audits('users.history', 'U0000005')).at(-1)).toEqual({ outcome: 'masked', via: 'search' });
  });

  it('a grant that does not fit is refused and audited, never widened to search', async () => {
    expect((await call(api, 'GET', '/users/U0000005/history', { token: agentToken('1006'), ...grant('verified', 'U0000001', '1006') })).status).toBe(403);
    expect((await audits('users.history', 'U0000005')).at(-1)).toEqual({ outcome: 'refused', via: 'grant' });
    expect((await call(api, 'GET', '/users/U9999999/history', { token: agentToken('1006') })).status).toBe(404);
    expect(await call(api, 'GET', '/users/U0000005/history?limit=1000', { token: agentToken('1006') })).toMatchObject({ status: 400, body: { field: 'query.limit' } });
  });
});
