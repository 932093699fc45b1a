import type {
  ConsignmentListResponse,
  LoanDetailResponse,
  LoanListResponse,
  OrderDetail,
  OrderListResponse,
  ServiceTrackResponse,
  UserSearchResponse,
} from '@octopus/contracts';
import { verifyTokenOfKind } from '@octopus/auth';
import { agentToken, call, callRecordBody, count, grantToken, serviceToken, TEST_SECRET, setupTestApi } from './testing/harness';

jest.setTimeout(60_000);

const api = setupTestApi();

const verified = (userId = 'U0000001') => ({ grant: grantToken({ userId, level: 'verified' }) });

describe('GET /health and basics', () => {
  it('reports the database without auth', async () => {
    const r = await call(api, 'GET', '/health', { token: null });
    expect(r).toMatchObject({ status: 200, body: { status: 'ok', database: api.backend, users: 80 } });
  });

  it('404s unknown routes with a JSON error', async () => {
    expect(await call(api, 'GET', '/nope')).toMatchObject({ status: 404, body: { error: 'not_found' } });
  });

  it('answers CORS preflight for the shell and remotes only', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.url}/users/U0000001`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,x-octopus-grant' },
      });
    const ok = await preflight('http://localhost:3003');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:3003');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-octopus-grant');
    const evil = await preflight('http://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GET /users/search', () => {
  it('finds by phone (any number), order number and ID suffix', async () => {
    const byOther = await call<UserSearchResponse>(api, 'GET', '/users/search?phone=13912345678');
    expect(byOther.body.results.map((r) => r.userId)).toEqual(['U0000001']);
    const byOrder = await call<UserSearchResponse>(api, 'GET', '/users/search?orderId=SO1000000002');
    expect(byOrder.body.results).toMatchObject([{ userId: 'U0000001', matchedBy: 'order' }]);
    const bySuffix = await call<UserSearchResponse>(api, 'GET', '/users/search?idSuffix=15019x');
    expect(bySuffix.body.results).toMatchObject([{ userId: 'U0000004', maskedName: '刘**', matchedBy: 'id-suffix' }]);
    expect((await call<UserSearchResponse>(api, 'GET', '/users/search?phone=13700000000')).body.results).toEqual([]);
  });

  it('400s no criterion, two criteria, or a malformed one', async () => {
    expect(await call(api, 'GET', '/users/search')).toMatchObject({ status: 400, body: { message: expect.stringContaining('exactly one') } });
    expect((await call(api, 'GET', '/users/search?phone=13800138000&orderId=SO1')).status).toBe(400);
    expect(await call(api, 'GET', '/users/search?phone=123')).toMatchObject({ status: 400, body: { field: 'query.phone' } });
    expect(await call(api, 'GET', '/users/search?idSuffix=12')).toMatchObject({ status: 400, body: { field: 'query.idSuffix' } });
  });
});

describe('GET /users/:userId', () => {
  it('returns the profile with stats', async () => {
    const r = await call(api, 'GET', '/users/U0000001', verified());
    expect(r.body).toMatchObject({ userId: 'U0000001', gender: 'male', level: 'gold', stats: { orders: 5, openTickets: 1 } });
  });

  it('404s an unknown user (after the access check) and 400s a bad id', async () => {
    expect((await call(api, 'GET', '/users/U9999999', verified('U9999999'))).status).toBe(404);
    expect((await call(api, 'GET', '/users/U9999999')).status).toBe(403);
    expect(await call(api, 'GET', `/users/${'x'.repeat(80)}`)).toMatchObject({ status: 400, body: { field: 'params.userId' } });
  });
});

describe('orders', () => {
  it('lists newest first, filters by status, paginates', async () => {
    const all = await call<OrderListResponse>(api, 'GET', '/users/U0000001/orders', verified());
    expect(all.body.total).toBe(5);
    const times = all.body.orders.map((o) => o.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(all.body.orders[0]).toMatchObject({ status: 'pending_payment', headline: expect.stringContaining('Nike Dunk Low') });
    const shipped = await call<OrderListResponse>(api, 'GET', '/users/U0000001/orders?status=shipped', verified());
    expect(shipped.body).toMatchObject({ total: 1, orders: [{ orderId: 'SO1000000002', logisticsCompany: expect.any(String), trackingNo: expect.any(String) }] });
    const page = await call<OrderListResponse>(api, 'GET', '/users/U0000001/orders?limit=2&offset=4', verified());
    expect(page.body.orders).toHaveLength(1);
    expect(await call(api, 'GET', '/users/U0000001/orders?status=lost', verified())).toMatchObject({ status: 400, body: { field: 'query.status' } });
    expect(await call(api, 'GET', '/users/U0000001/orders?limit=abc', verified())).toMatchObject({ status: 400, body: { field: 'query.limit' } });
  });

  it('shows the detail: items, receiver, logistics newest first', async () => {
    const r = await call<OrderDetail>(api, 'GET', '/orders/SO1000000004', verified());
    expect(r.body).toMatchObject({ status: 'refunded', receiver: { name: '张伟', phone: '13800138000' } });
    expect(r.body.items).toHaveLength(2);
    expect(r.body.totalFen).toBe(r.body.items.reduce((s, i) => s + i.priceFen * i.quantity, 0));
    expect(r.body.logistics[0]?.status).toBe('已签收');
    const shipped = await call<OrderDetail>(api, 'GET', '/orders/SO1000000002', verified());
    expect(shipped.body.logistics.length).toBeGreaterThan(0);
    expect(shipped.body.logistics.map((e) => e.status)).not.toContain('已签收');
    expect((await call(api, 'GET', '/orders/SO0000000000', verified())).status).toBe(404);
  });
});

describe('consignment and loans', () => {
  it('lists consignment orders with payouts', async () => {
    const r = await call<ConsignmentListResponse>(api, 'GET', '/users/U0000001/consignments', verified());
    expect(r.body.consignments.map((c) => c.status).sort()).toEqual(['listed', 'paid_out']);
    const paid = r.body.consignments.find((c) => c.status === 'paid_out');
    expect(paid).toMatchObject({ brand: 'Nike', payoutAccount: expect.stringMatching(/尾号\d{4}$/) });
    expect(paid?.payoutFen).toBe((paid?.soldPriceFen ?? 0) - (paid?.feeFen ?? 0));
  });

  it('张伟 can withdraw and has a next due instalment', async () => {
    const r = await call<LoanListResponse>(api, 'GET', '/users/U0000001/loans', verified());
    expect(r.body.credit).toMatchObject({ limitFen: 2_000_000, canWithdraw: true, withdrawBlockedReason: null });
    expect(r.body.credit.availableFen).toBe(r.body.credit.limitFen - r.body.credit.usedFen);
    const active = r.body.loans.find((l) => l.loanId === 'LN00000001');
    expect(active).toMatchObject({ status: 'active', termMonths: 12, overdue: { count: 0 } });
    expect(active?.nextDue?.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(active?.installments).toHaveLength(12);
    expect(r.body.loans.find((l) => l.loanId === 'LN00000002')?.status).toBe('settled');
  });

  it('李娜 is overdue: no withdrawal, overdue instalments counted', async () => {
    const r = await call<LoanListResponse>(api, 'GET', '/users/U0000002/loans', verified('U0000002'));
    expect(r.body.credit).toMatchObject({ canWithdraw: false, withdrawBlockedReason: 'overdue' });
    const loan = r.body.loans[0];
    expect(loan).toMatchObject({ loanId: 'LN00000003', status: 'overdue', overdue: { count: 2 } });
    expect(loan?.overdue.maxDays).toBeGreaterThan(0);
    expect(loan?.installments.filter((i) => i.status === 'overdue')).toHaveLength(2);
  });

  it('陈静 has no credit line', async () => {
    const r = await call<LoanListResponse>(api, 'GET', '/users/U0000005/loans', verified('U0000005'));
    expect(r.body).toMatchObject({ loans: [], credit: { canWithdraw: false, withdrawBlockedReason: 'no_credit_line', limitFen: 0 } });
  });

  it('shows one loan', async () => {
    const r = await call<LoanDetailResponse>(api, 'GET', '/loans/LN00000001', verified());
    expect(r.body.loan).toMatchObject({ loanId: 'LN00000001', userId: 'U0000001' });
    expect((await call(api, 'GET', '/loans/LN99999999', verified())).status).toBe(404);
  });
});

describe('service track', () => {
  it('merges calls, IM and tickets, newest first, filterable by channel, pageable', async () => {
    const r = await call<ServiceTrackResponse>(api, 'GET', '/users/U0000001/service-track', verified());
    const channels = new Set(r.body.events.map((e) => e.channel));
    expect([...channels].sort()).toEqual(['call', 'im', 'ticket']);
    const times = r.body.events.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    const im = await call<ServiceTrackResponse>(api, 'GET', '/users/U0000001/service-track?channel=im', verified());
    expect(im.body.events.length).toBe(2);
    expect(im.body.events.every((e) => e.channel === 'im' && e.id.startsWith('im:'))).toBe(true);
    const first = r.body.events[0];
    const older = await call<ServiceTrackResponse>(api, 'GET', `/users/U0000001/service-track?limit=2&before=${encodeURIComponent(first?.at ?? '')}`, verified());
    expect(older.body.events.length).toBeLessThanOrEqual(2);
    expect(older.body.events.every((e) => e.at < (first?.at ?? ''))).toBe(true);
    expect(await call(api, 'GET', '/users/U0000001/service-track?channel=fax', verified())).toMatchObject({ status: 400, body: { field: 'query.channel' } });
  });

  it('an unregistered number: only the agent on a call with it, masked', async () => {
    await call(api, 'PUT', '/internal/call-records/unknown-caller-1', {
      token: serviceToken(),
      body: callRecordBody('unknown-caller-1', { number: '13700000000', userId: null, verificationStatus: 'unverified', verificationMethod: null }),
    });
    const mine = await call<ServiceTrackResponse>(api, 'GET', '/service-track?number=13700000000');
    expect(mine.status).toBe(200);
    expect(mine.body.access).toMatchObject({ via: 'call-record', masked: true, callId: 'unknown-caller-1' });
    expect(mine.body.events).toMatchObject([{ id: 'call:unknown-caller-1', number: '137****0000' }]);
    expect((await call(api, 'GET', '/service-track?number=13700000000', { token: agentToken('1002') })).status).toBe(403);
    expect(await call(api, 'GET', '/service-track?number=abc')).toMatchObject({ status: 400, body: { field: 'query.number' } });
  });
});

describe('POST /identity/verify (agent)', () => {
  const onCallWith = (userId: string, agentId = '1001', callId = 'c-v1', callerNumber: string | null = null) => ({
    token: agentToken(agentId),
    grant: grantToken({ callId, agentId, userId, level: 'unverified', callerNumber }),
  });

  it('checks a registered phone or an ID suffix against the chosen customer', async () => {
    // The caller's own number on an inbound call (the grant's callerNumber, here with the country code).
    const phone = await call(api, 'POST', '/identity/verify', { ...onCallWith('U0000001', '1001', 'c-v1', '+8613912345678'), body: { userId: 'U0000001', input: '13912345678', callId: 'c-v1' } });
    expect(phone.body).toMatchObject({ status: 'verified', method: 'agent-confirm', check: 'phone', userId: 'U0000001', attemptsLeft: 5 });
    const suffix = await call(api, 'POST', '/identity/verify', { ...onCallWith('U0000004'), body: { userId: 'U0000004', input: '15019x' } });
    expect(suffix.body).toMatchObject({ status: 'verified', check: 'id-suffix' });
    const wrong = await call(api, 'POST', '/identity/verify', { ...onCallWith('U0000001'), body: { userId: 'U0000001', input: '9999' } });
    expect(wrong.body).toMatchObject({ status: 'failed', attemptsLeft: 4, proof: null });
  });

  it('hands out a verification proof for exactly this call, agent and customer (5 minutes)', async () => {
    const r = await call<{ proof: string }>(api, 'POST', '/identity/verify', { ...onCallWith('U0000001', '1001', 'c-proof'), body: { userId: 'U0000001', input: '1239', callId: 'c-proof' } });
    expect(r.status).toBe(200);
    const claims = verifyTokenOfKind(r.body.proof, 'verification', { secret: TEST_SECRET });
    expect(claims).toMatchObject({ kind: 'verification', callId: 'c-proof', agentId: '1001', userId: 'U0000001', method: 'agent-confirm' });
    expect(claims.exp - claims.iat).toBe(300);
  });

  it('needs the grant of your call with this customer', async () => {
    const noGrant = await call(api, 'POST', '/identity/verify', { body: { userId: 'U0000001', input: '1239' } });
    expect(noGrant).toMatchObject({ status: 403, body: { error: 'no_access' } });
    const otherCustomer = await call(api, 'POST', '/identity/verify', { ...onCallWith('U0000002'), body: { userId: 'U0000001', input: '1239' } });
    expect(otherCustomer).toMatchObject({ status: 403, body: { message: expect.stringMatching(/another customer/) } });
    const otherAgent = await call(api, 'POST', '/identity/verify', { token: agentToken('1001'), grant: grantToken({ agentId: '1002', userId: 'U0000001' }), body: { userId: 'U0000001', input: '1239' } });
    expect(otherAgent).toMatchObject({ status: 403, body: { message: expect.stringMatching(/another agent/) } });
    const otherCall = await call(api, 'POST', '/identity/verify', { ...onCallWith('U0000001', '1001', 'c-a'), body: { userId: 'U0000001', input: '1239', callId: 'c-b' } });
    expect(otherCall).toMatchObject({ status: 403, body: { message: expect.stringMatching(/another call/) } });
    expect(await count(api, "audit_log WHERE action = 'identity.verify' AND outcome = 'refused' AND agent_id = '1001'")).toBeGreaterThanOrEqual(4);
  });

  it('locks out after 5 failures for that agent and customer', async () => {
    const as1006 = onCallWith('U0000002', '1006');
    for (let i = 0; i < 5; i++) await call(api, 'POST', '/identity/verify', { ...as1006, body: { userId: 'U0000002', input: '0000' } });
    const locked = await call(api, 'POST', '/identity/verify', { ...as1006, body: { userId: 'U0000002', input: '13800138001' } });
    expect(locked).toMatchObject({ status: 429, body: { error: 'too_many_attempts' } });
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    // Another agent is not locked.
    expect((await call(api, 'POST', '/identity/verify', { ...onCallWith('U0000002', '1001', 'c-v1', '13800138001'), body: { userId: 'U0000002', input: '13800138001' } })).body).toMatchObject({ status: 'verified' });
  });

  it('a phone check verifies only the number the inbound call comes from (searching and binding another account proves nothing)', async () => {
    // Break report finding 1: a call from 13800138003 (U0000004's number); the agent searches 13800138001,
    // binds U0000002 (an identified grant for U0000002 carrying the real calling number) and keys the searched phone.
    const search = await call<UserSearchResponse>(api, 'GET', '/users/search?phone=13800138001', { token: agentToken('1007') });
    expect(search.body.results.map((r) => r.userId)).toEqual(['U0000002']);
    const bound = { token: agentToken('1007'), grant: grantToken({ callId: 'c-f1', agentId: '1007', userId: 'U0000002', level: 'unverified', callerNumber: '13800138003' }) };
    const keyed = await call(api, 'POST', '/identity/verify', { ...bound, body: { userId: 'U0000002', input: '13800138001', callId: 'c-f1' } });
    expect(keyed).toMatchObject({ status: 200, body: { status: 'failed', check: 'phone', proof: null, attemptsLeft: 4 } });
    expect(await count(api, "audit_log WHERE action = 'identity.verify' AND agent_id = '1007' AND reason = 'phone:failed'")).toBe(1);
    // Outbound call (the agent chose the number): no phone proves possession.
    const outbound = { token: agentToken('1007'), grant: grantToken({ callId: 'c-f2', agentId: '1007', userId: 'U0000002', level: 'unverified', callerNumber: null }) };
    expect((await call(api, 'POST', '/identity/verify', { ...outbound, body: { userId: 'U0000002', input: '13800138001' } })).body).toMatchObject({ status: 'failed', check: 'phone', proof: null, attemptsLeft: 3 });
    // The calling number itself, but not the bound account's: fails too.
    expect((await call(api, 'POST', '/identity/verify', { ...bound, body: { userId: 'U0000002', input: '13800138003' } })).body).toMatchObject({ status: 'failed', proof: null });
    // The ID suffix (which a masked agent cannot see) still verifies on the same grants.
    const suffix = await call<{ proof: string | null }>(api, 'POST', '/identity/verify', { ...outbound, body: { userId: 'U0000002', input: '246X' } });
    expect(suffix.body).toMatchObject({ status: 'verified', check: 'id-suffix' });
    expect(suffix.body.proof).toEqual(expect.any(String));
  });

  it('400s bad input and 404s an unknown customer', async () => {
    expect(await call(api, 'POST', '/identity/verify', { ...onCallWith('U0000001'), body: { userId: 'U0000001', input: '12' } })).toMatchObject({ status: 400, body: { field: 'body.input' } });
    expect(await call(api, 'POST', '/identity/verify', { ...onCallWith('U0000001'), body: { input: '1239' } })).toMatchObject({ status: 400, body: { field: 'body.userId' } });
    expect((await call(api, 'POST', '/identity/verify', { ...onCallWith('U9999999'), body: { userId: 'U9999999', input: '1239' } })).status).toBe(404);
  });
});
