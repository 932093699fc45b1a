// POST /internal/ivr/self-service: the IVR's answers (order status with the latest logistics, consignment
// status, next loan instalment), only for a caller whose keyed identity the api verifies itself.
import { call, serviceToken, setupTestApi } from './testing/harness';

jest.setTimeout(60_000);

const api = setupTestApi();
const ask = (body: unknown) => call(api, 'POST', '/internal/ivr/self-service', { token: serviceToken(), body });

describe('POST /internal/ivr/self-service', () => {
  it("answers a verified caller's order status with the latest logistics event, and nobody else's order", async () => {
    const [order] = await api.db.query<{ id: string; status: string }>(
      `SELECT o.id, o.status FROM orders o WHERE o.user_id = 'U0000001' AND EXISTS (SELECT 1 FROM logistics_events e WHERE e.order_id = o.id) ORDER BY o.id LIMIT 1`,
    );
    const [latest] = await api.db.query<{ description: string }>('SELECT description FROM logistics_events WHERE order_id = $1 ORDER BY seq DESC LIMIT 1', [order!.id]);
    const answer = await ask({ callerPhone: '13800138000', input: '13800138000', service: 'order-status', orderNumber: order!.id.slice(2) });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ service: 'order-status', found: true, orderId: order!.id, status: order!.status, latestLogistics: { description: latest!.description } });
    const [other] = await api.db.query<{ id: string }>(`SELECT id FROM orders WHERE user_id <> 'U0000001' ORDER BY id LIMIT 1`);
    expect((await ask({ callerPhone: '13800138000', input: '13800138000', service: 'order-status', orderNumber: other!.id })).body).toEqual({
      service: 'order-status', found: false, orderId: null, status: null, latestLogistics: null,
    });
  });

  it('refuses (403, audited) a caller who is only identified or keys a wrong ID suffix', async () => {
    // Someone else's registered phone keyed from another number identifies, never verifies.
    const identified = await ask({ callerPhone: '13700000000', input: '13800138000', service: 'loan-next-due' });
    expect(identified.status).toBe(403);
    expect(identified.body).toMatchObject({ error: 'not_verified' });
    expect((await ask({ callerPhone: '13700000000', input: '13800138000', idSuffix: '0000', service: 'consignment-status' })).status).toBe(403);
    expect((await ask({ callerPhone: '13800138000', input: '99999', service: 'consignment-status' })).status).toBe(403);
    const refused = await api.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ivr.self-service' AND outcome = 'refused'`);
    expect(refused[0]!.n).toBe(3);
  });

  it('answers after the second prompt (the identified account’s ID suffix), and the next loan instalment and consignment', async () => {
    const [u] = await api.db.query<{ s: string }>(`SELECT right(id_number, 4) AS s FROM users WHERE id = 'U0000001'`);
    const loans = await ask({ callerPhone: '13700000000', input: '13800138000', idSuffix: u!.s, service: 'loan-next-due' });
    expect(loans.status).toBe(200);
    expect(loans.body).toMatchObject({ service: 'loan-next-due' });
    // The earliest instalment not paid in full across the customer's loans, as the loans screen counts it.
    const [due] = await api.db.query<{ d: string | null }>(
      `SELECT to_char(min(i.due_date), 'YYYY-MM-DD') AS d FROM installments i JOIN loans l ON l.id = i.loan_id WHERE l.user_id = 'U0000001' AND i.paid_fen < i.principal_fen + i.interest_fen`,
    );
    expect(loans.body).toMatchObject(due!.d ? { found: true, dueDate: due!.d } : { found: false, dueDate: null });
    if (due!.d) expect((loans.body as { amountFen: number }).amountFen).toBeGreaterThan(0);
    const consignment = await ask({ callerPhone: '13800138000', input: u!.s, service: 'consignment-status' });
    const newest = await api.db.query<{ id: string; status: string }>(`SELECT id, status FROM consignments WHERE user_id = 'U0000001' ORDER BY created_at DESC, id DESC LIMIT 1`);
    expect(consignment.body).toMatchObject(newest[0] ? { found: true, consignmentId: newest[0].id, status: newest[0].status } : { found: false });
  });

  it('needs the service token', async () => {
    expect((await call(api, 'POST', '/internal/ivr/self-service', { token: null, body: { callerPhone: '13800138000', input: '13800138000', service: 'loan-next-due' } })).status).toBe(401);
  });
});
