import type { UserProfile } from '@octopus/contracts';
import { agentToken, call, grantToken, TEST_SECRET, setupTestApi } from './testing/harness';

jest.setTimeout(60_000);

const api = setupTestApi();

// Every customer-data endpoint of demo user 张伟 (U0000001), and whether it is finance data.
const ENDPOINTS: { path: string; finance: boolean }[] = [
  { path: '/users/U0000001', finance: false },
  { path: '/users/U0000001/orders', finance: false },
  { path: '/orders/SO1000000002', finance: false },
  { path: '/users/U0000001/tickets', finance: false },
  { path: '/tickets/TK00000001', finance: false },
  { path: '/users/U0000001/service-track', finance: false },
  { path: '/service-track?number=13800138000', finance: false },
  { path: '/users/U0000001/consignments', finance: true },
  { path: '/users/U0000001/loans', finance: true },
  { path: '/loans/LN00000001', finance: true },
];

const hourAgo = (): number => Date.now() - 3_600_000;

const DENIED: [string, () => { token?: string | null; grant?: string }, number, RegExp][] = [
  ['no agent token', () => ({ token: null, grant: grantToken({}) }), 401, /Authorization/],
  ['a grant as the bearer token', () => ({ token: grantToken({}) }), 401, /wrong kind/],
  ['no grant and no call', () => ({}), 403, /no call grant/],
  ["another agent's grant", () => ({ grant: grantToken({ agentId: '1002' }) }), 403, /another agent/],
  ['a grant for another customer', () => ({ grant: grantToken({ userId: 'U0000002' }) }), 403, /another customer/],
  ['an expired grant', () => ({ grant: grantToken({}, { ttlSeconds: 60, now: hourAgo }) }), 403, /expired/],
  ['a forged grant', () => ({ grant: grantToken({}, { secret: `${TEST_SECRET}-not` }) }), 403, /signature/],
  ['an agent token as the grant', () => ({ grant: agentToken('1001') }), 403, /wrong kind/],
];

describe.each(ENDPOINTS)('$path', ({ path, finance }) => {
  it.each(DENIED)('denies %s', async (_label, auth, status, reason) => {
    const r = await call<{ error: string; message: string }>(api, 'GET', path, auth());
    expect(r.status).toBe(status);
    expect(r.body.message).toMatch(reason);
  });

  it(finance ? 'withholds finance data from an unverified caller (403 with reason)' : 'masks for an unverified caller', async () => {
    const r = await call<{ error?: string; message?: string; access?: { masked: boolean } }>(api, 'GET', path, {
      grant: grantToken({ level: 'unverified' }),
    });
    if (finance) {
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ error: 'verification_required', message: expect.stringMatching(/not verified/) });
    } else {
      expect(r.status).toBe(200);
      expect(r.body.access).toMatchObject({ via: 'grant', level: 'unverified', masked: true, callId: 'call-test-1' });
    }
  });

  it('shows everything to a verified caller', async () => {
    const r = await call<{ access?: { masked: boolean } }>(api, 'GET', path, { grant: grantToken({ level: 'verified' }) });
    expect(r.status).toBe(200);
    expect(r.body.access).toMatchObject({ via: 'grant', level: 'verified', masked: false });
  });
});

describe('masking', () => {
  it('masks name, phones, ID number and address for an unverified caller; full for verified', async () => {
    const masked = await call<UserProfile>(api, 'GET', '/users/U0000001', { grant: grantToken({ level: 'unverified' }) });
    expect(masked.body).toMatchObject({
      name: '张**',
      phones: [{ phone: '138****8000', primary: true }, { phone: '139****5678', primary: false }],
      idNumber: '110***************',
      address: { province: '北京市', city: '北京市', district: '朝阳区', detail: '****', full: '北京市朝阳区****' },
    });
    expect(JSON.stringify(masked.body)).not.toMatch(/13800138000|1239|张伟/);
    const full = await call<UserProfile>(api, 'GET', '/users/U0000001', { grant: grantToken({ level: 'verified' }) });
    expect(full.body).toMatchObject({ name: '张伟', idNumber: '110105199003071239', phones: [{ phone: '13800138000' }, { phone: '13912345678' }] });
    expect(full.body.address.detail).not.toBe('****');
  });

  it('masks the receiver on an order and the numbers on the service track', async () => {
    const order = await call<{ receiver: { name: string; phone: string; address: string } }>(api, 'GET', '/orders/SO1000000002', {
      grant: grantToken({ level: 'unverified' }),
    });
    expect(order.body.receiver).toEqual({ name: '张**', phone: '138****8000', address: '北京市朝阳区****' });
    const track = await call<{ events: { number: string | null }[] }>(api, 'GET', '/users/U0000001/service-track?channel=call', {
      grant: grantToken({ level: 'unverified' }),
    });
    expect(track.body.events.length).toBeGreaterThan(0);
    expect(track.body.events.every((e) => e.number === null || e.number.includes('****'))).toBe(true);
  });
});

describe('ticket path', () => {
  it('lets the assignee of an open ticket see the customer in full without a grant', async () => {
    const as1008 = { token: agentToken('1008') };
    const profile = await call<UserProfile>(api, 'GET', '/users/U0000003', as1008);
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ name: '王芳', access: { via: 'ticket', level: 'verified', masked: false, ticketId: 'TK00000003' } });
    expect((await call(api, 'GET', '/users/U0000003/loans', as1008)).status).toBe(200);
    expect((await call(api, 'GET', '/tickets/TK00000003', as1008)).status).toBe(200);
    expect((await call(api, 'GET', '/users/U0000003', { ...as1008, ticket: 'TK00000003' })).status).toBe(200);
  });

  it('gives nothing to other agents, for other customers, or through a ticket not theirs', async () => {
    expect((await call(api, 'GET', '/users/U0000003', { token: agentToken('1007') })).status).toBe(403);
    expect((await call(api, 'GET', '/users/U0000001', { token: agentToken('1008') })).status).toBe(403);
    expect((await call(api, 'GET', '/users/U0000003', { token: agentToken('1008'), ticket: 'TK00000001' })).status).toBe(403);
  });

  it('does not open a closed ticket of the customer (TK00000002 is closed)', async () => {
    // Seeded to a history agent (1101) that has no account; hand it to a real one to test the rule.
    await api.db.query("UPDATE tickets SET assignee_agent_id = '1006' WHERE id = 'TK00000002'");
    const rows = await api.db.query<{ status: string; assignee_agent_id: string }>("SELECT status, assignee_agent_id FROM tickets WHERE id = 'TK00000002'");
    expect(rows[0]?.status).toBe('closed');
    expect((await call(api, 'GET', '/users/U0000001', { token: agentToken('1006') })).status).toBe(403);
  });
});

describe('search', () => {
  it('returns only masked summaries, needs no grant', async () => {
    const r = await call<{ results: Record<string, unknown>[] }>(api, 'GET', '/users/search?phone=13800138000');
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([
      { userId: 'U0000001', maskedName: '张**', maskedPhones: ['138****8000', '139****5678'], level: 'gold', registeredAt: expect.any(String), matchedBy: 'phone' },
    ]);
    expect((await call(api, 'GET', '/users/search?phone=13800138000', { token: null })).status).toBe(401);
  });
});

describe('audit log', () => {
  it('records every read of personal data: agent, user, call, what, masked', async () => {
    const before = await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    await call(api, 'GET', '/users/U0000001', { token: agentToken('1005'), grant: grantToken({ agentId: '1005', callId: 'audit-call', level: 'unverified' }) });
    await call(api, 'GET', '/users/U0000001/orders', { token: agentToken('1005'), grant: grantToken({ agentId: '1005', callId: 'audit-call', level: 'verified' }) });
    await call(api, 'GET', '/users/search?idSuffix=1239', { token: agentToken('1005') });
    const rows = await api.db.query<{ agent_id: string; user_id: string; call_id: string | null; action: string; outcome: string; via: string | null }>(
      'SELECT agent_id, user_id, call_id, action, outcome, via, session_id FROM audit_log WHERE seq > (SELECT max(seq) FROM audit_log) - 3 ORDER BY seq',
    );
    const after = await api.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBeGreaterThanOrEqual(3);
    expect(rows[0]).toMatchObject({ agent_id: '1005', session_id: 'test-1005', user_id: 'U0000001', call_id: 'audit-call', action: 'users.profile', outcome: 'masked', via: 'grant' });
    expect(rows[1]).toMatchObject({ agent_id: '1005', user_id: 'U0000001', action: 'orders.list', outcome: 'allowed' });
    expect(rows[2]).toMatchObject({ agent_id: '1005', action: 'users.search', outcome: 'masked' });
  });

  it('records refused finance reads too', async () => {
    await call(api, 'GET', '/users/U0000001/loans', { grant: grantToken({ level: 'unverified', callId: 'refused-call' }) });
    const rows = await api.db.query<{ action: string; outcome: string }>("SELECT action, outcome FROM audit_log WHERE call_id = 'refused-call'");
    expect(rows).toEqual([{ action: 'loans.list', outcome: 'refused' }]);
  });
});
