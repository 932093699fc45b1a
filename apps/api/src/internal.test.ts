import { agentToken, call, callRecordBody, count, serviceToken, setupTestApi } from './testing/harness';

jest.setTimeout(60_000);

const api = setupTestApi();

const svc = (): { token: string } => ({ token: serviceToken() });

describe('service authentication', () => {
  it('rejects internal calls without a token, with an agent token, or with a bad token', async () => {
    expect((await call(api, 'GET', '/internal/users/by-phone/13800138000', { token: null })).status).toBe(401);
    const asAgent = await call(api, 'GET', '/internal/users/by-phone/13800138000', { token: agentToken('1001') });
    expect(asAgent.status).toBe(401);
    expect(asAgent.body).toMatchObject({ error: 'unauthorized', message: expect.stringContaining('wrong kind') });
    expect((await call(api, 'GET', '/internal/users/by-phone/13800138000', { token: 'x.y.z' })).status).toBe(401);
  });
});

describe('GET /internal/users/by-phone/:phone', () => {
  it('finds a user by any of their numbers, with the membership level (the queue priority at the cti-server)', async () => {
    expect(await call(api, 'GET', '/internal/users/by-phone/13800138000', svc())).toMatchObject({ status: 200, body: { userId: 'U0000001', name: '张伟' } });
    expect((await call(api, 'GET', '/internal/users/by-phone/13912345678', svc())).body).toEqual({ userId: 'U0000001', name: '张伟', level: 'gold' });
    expect((await call(api, 'GET', '/internal/users/by-phone/+8613800138000', svc())).body).toEqual({ userId: 'U0000001', name: '张伟', level: 'gold' });
    expect((await call(api, 'GET', '/internal/users/by-phone/18600186003', svc())).body).toEqual({ userId: 'U0000004', name: '刘洋', level: 'platinum' });
  });

  it('404s an unregistered number and 400s garbage', async () => {
    expect((await call(api, 'GET', '/internal/users/by-phone/13700000000', svc())).status).toBe(404);
    const bad = await call(api, 'GET', '/internal/users/by-phone/abc', svc());
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'params.phone' });
  });
});

describe('POST /internal/identity/verify', () => {
  const verify = (body: unknown) => call(api, 'POST', '/internal/identity/verify', { ...svc(), body });

  it('verifies the registered phone keyed from that same phone', async () => {
    expect((await verify({ callerPhone: '13800138000', input: '13800138000' })).body).toEqual({ status: 'verified', method: 'ivr-phone', userId: 'U0000001', level: 'verified' });
    expect((await verify({ callerPhone: '+8613800138000', input: '13800138000#' })).body).toMatchObject({ status: 'verified', level: 'verified' });
  });

  it('identification is not verification: a phone keyed from another number only identifies its account', async () => {
    // The example: any caller keying someone else's registered mobile was marked verified.
    expect((await verify({ callerPhone: '13700000000', input: '13800138001' })).body).toEqual({ status: 'failed', method: 'ivr-phone', userId: 'U0000002', level: 'identified' });
    expect((await verify({ callerPhone: '13800138003', input: '13800138001' })).body).toEqual({ status: 'failed', method: 'ivr-phone', userId: 'U0000002', level: 'identified' });
    // Even the account's other number, keyed from its first: known, not proven.
    expect((await verify({ callerPhone: '13800138000', input: '13912345678#' })).body).toEqual({ status: 'failed', method: 'ivr-phone', userId: 'U0000001', level: 'identified' });
    expect((await verify({ callerPhone: '13700000000', input: '13700000001' })).body).toEqual({ status: 'failed', method: 'ivr-phone', userId: null, level: 'none' });
  });

  it('then verifies with the ID suffix checked against the identified account (userId)', async () => {
    const identified = await verify({ callerPhone: '13700000000', input: '13800138001' });
    const userId = (identified.body as { userId: string }).userId;
    const suffix = (await api.db.query<{ s: string }>('SELECT right(id_number, 4) AS s FROM users WHERE id = $1', [userId]))[0]?.s ?? '';
    expect((await verify({ callerPhone: '13700000000', input: suffix, userId })).body).toEqual({ status: 'verified', method: 'ivr-id-suffix', userId, level: 'verified' });
    expect((await verify({ callerPhone: '13700000000', input: suffix === '0000' ? '1111' : '0000', userId })).body).toMatchObject({ status: 'failed', level: 'none' });
    // A phone keyed with an explicit userId of another account proves nothing.
    expect((await verify({ callerPhone: '13800138001', input: '13800138001', userId: 'U0000001' })).body).toMatchObject({ status: 'failed', userId: null });
  });

  it('checks the ID suffix (4–6 characters, * = X) against the owner of callerPhone', async () => {
    expect((await verify({ callerPhone: '13800138000', input: '1239' })).body).toEqual({ status: 'verified', method: 'ivr-id-suffix', userId: 'U0000001', level: 'verified' });
    expect((await verify({ callerPhone: '13800138000', input: '071239' })).body).toMatchObject({ status: 'verified' });
    expect((await verify({ callerPhone: '13800138000', input: '1238' })).body).toEqual({ status: 'failed', method: 'ivr-id-suffix', userId: null, level: 'none' });
    expect((await verify({ callerPhone: '13800138003', input: '019*' })).body).toEqual({ status: 'verified', method: 'ivr-id-suffix', userId: 'U0000004', level: 'verified' });
    expect((await verify({ callerPhone: '13800138003', input: '019x' })).body).toMatchObject({ status: 'verified' });
    expect((await verify({ callerPhone: '13700000000', input: '1239' })).body).toMatchObject({ status: 'failed', userId: null });
    expect((await verify({ callerPhone: '13800138000', input: '123' })).body).toMatchObject({ status: 'failed', method: 'ivr-id-suffix' });
  });

  it('checks against an explicit userId when given', async () => {
    expect((await verify({ callerPhone: '13700000000', input: '1239', userId: 'U0000001' })).body).toMatchObject({ status: 'verified', userId: 'U0000001' });
    expect((await verify({ callerPhone: '13800138000', input: '1239', userId: 'U0000002' })).body).toMatchObject({ status: 'failed' });
  });

  it('400s bad input naming the field', async () => {
    const r = await verify({ callerPhone: '13800138000', input: '12;drop' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: 'bad_request', field: 'body.input' });
    expect((await verify({ input: '1234' })).body).toMatchObject({ field: 'body.callerPhone' });
  });

  it('audits every attempt', async () => {
    const before = await count(api, "audit_log WHERE action = 'identity.verify'");
    await verify({ callerPhone: '13800138000', input: '0000' });
    expect(await count(api, "audit_log WHERE action = 'identity.verify'")).toBe(before + 1);
  });
});

describe('PUT /internal/call-records/:callId', () => {
  const put = (callId: string, body: unknown) => call(api, 'PUT', `/internal/call-records/${callId}`, { ...svc(), body });

  it('creates (201) then updates (200) the same record, idempotently', async () => {
    const first = await put('int-call-1', callRecordBody('int-call-1'));
    expect(first).toMatchObject({ status: 201, body: { callId: 'int-call-1', created: true } });
    const again = await put('int-call-1', callRecordBody('int-call-1'));
    expect(again).toMatchObject({ status: 200, body: { created: false } });
    const ended = await put('int-call-1', callRecordBody('int-call-1', {
      endedAt: new Date().toISOString(), rating: 5, endReason: 'caller-hangup',
      transfers: [{ from: '1001', to: '1002', kind: 'agent', at: new Date().toISOString() }],
    }));
    expect(ended.status).toBe(200);
    expect(await count(api, "call_records WHERE call_id = 'int-call-1'")).toBe(1);
    const rows = await api.db.query<{ rating: number; end_reason: string; transfers: unknown }>(
      "SELECT rating, end_reason, transfers FROM call_records WHERE call_id = 'int-call-1'",
    );
    expect(rows[0]).toMatchObject({ rating: 5, end_reason: 'caller-hangup', transfers: [{ from: '1001', to: '1002', kind: 'agent' }] });
  });

  it("never overwrites the agent's note", async () => {
    await put('int-call-2', callRecordBody('int-call-2'));
    const noted = await call(api, 'PUT', '/call-records/int-call-2/note', { body: { note: '客户要求回电' } });
    expect(noted.status).toBe(200);
    await put('int-call-2', callRecordBody('int-call-2', { endedAt: new Date().toISOString(), note: 'from cti' }));
    const rows = await api.db.query<{ note: string }>("SELECT note FROM call_records WHERE call_id = 'int-call-2'");
    expect(rows[0]?.note).toBe('客户要求回电');
  });

  it('accepts an unanswered call (no agent)', async () => {
    expect((await put('int-call-3', callRecordBody('int-call-3', { agentId: null, connectedAt: null, endReason: 'abandoned' }))).status).toBe(201);
  });

  it('400s a bad body and a mismatched callId, writing nothing', async () => {
    const before = await count(api, 'call_records');
    const bad = await put('int-call-4', callRecordBody('int-call-4', { direction: 'sideways' }));
    expect(bad).toMatchObject({ status: 400, body: { field: 'body.direction' } });
    const mismatch = await put('int-call-4', callRecordBody('other'));
    expect(mismatch).toMatchObject({ status: 400, body: { field: 'body.callId' } });
    const badJson = await call(api, 'PUT', '/internal/call-records/int-call-4', { ...svc(), rawBody: '{"callId":' });
    expect(badJson.status).toBe(400);
    expect(await count(api, 'call_records')).toBe(before);
  });
});

describe('POST /internal/audit (cti-server decisions into the same chain)', () => {
  const event = (i: number) => ({
    at: `2026-11-30T12:00:0${i}.000Z`,
    agentId: '1001',
    sessionId: 's-1',
    userId: i === 0 ? 'U0000002' : null,
    callId: 'c-cti-1',
    action: i === 0 ? 'bind.identified' : 'ws.refused',
    outcome: i === 0 ? ('masked' as const) : ('refused' as const),
    reason: i === 0 ? 'agent-search without proof' : 'session ended (4403)',
  });

  it('appends the events in order with via cti-server and their own time; the chain stays intact', async () => {
    const r = await call(api, 'POST', '/internal/audit', { ...svc(), body: { events: [event(0), event(1)] } });
    expect(r.status).toBe(204);
    const rows = await api.db.query<Record<string, unknown>>(
      "SELECT agent_id, session_id, user_id, call_id, action, outcome, via, reason, at FROM audit_log WHERE call_id = 'c-cti-1' ORDER BY seq",
    );
    expect(rows.map(({ at: _at, ...rest }) => rest)).toEqual([
      { agent_id: '1001', session_id: 's-1', user_id: 'U0000002', call_id: 'c-cti-1', action: 'bind.identified', outcome: 'masked', via: 'cti-server', reason: 'agent-search without proof' },
      { agent_id: '1001', session_id: 's-1', user_id: null, call_id: 'c-cti-1', action: 'ws.refused', outcome: 'refused', via: 'cti-server', reason: 'session ended (4403)' },
    ]);
    expect(new Date(rows[1]?.at as string).toISOString()).toBe('2026-11-30T12:00:01.000Z');
    expect(await api.verifyAuditChain()).toMatchObject({ brokenAt: null });
  });

  it('needs the service token, refuses bad events and more than 100', async () => {
    expect((await call(api, 'POST', '/internal/audit', { token: agentToken('1001'), body: { events: [event(0)] } })).status).toBe(401);
    expect(await call(api, 'POST', '/internal/audit', { ...svc(), body: { events: [{ ...event(0), outcome: 'maybe' }] } })).toMatchObject({ status: 400, body: { field: 'body.events.0.outcome' } });
    expect((await call(api, 'POST', '/internal/audit', { ...svc(), body: { events: Array.from({ length: 101 }, () => event(1)) } })).status).toBe(400);
    expect((await call(api, 'POST', '/internal/audit', { ...svc(), body: { events: Array.from({ length: 100 }, () => event(1)) } })).status).toBe(204);
    expect(await count(api, "audit_log WHERE call_id = 'c-cti-1' AND via = 'cti-server'")).toBe(102);
  });
});

describe('wrap-up codes through the cti-server (issue 9 point 5: a required code is enforced there)', () => {
  const put = (callId: string, body: unknown) => call(api, 'PUT', `/internal/call-records/${callId}`, { ...svc(), body });
  const code = async (callId: string) =>
    (await api.db.query<{ disposition_code: string | null }>('SELECT disposition_code FROM call_records WHERE call_id = $1', [callId]))[0]?.disposition_code;

  it('GET /internal/wrap-up-policy: the seeded groups, finance required, with their active codes (service token only)', async () => {
    const r = await call(api, 'GET', '/internal/wrap-up-policy', svc());
    expect(r.status).toBe(200);
    const groups = (r.body as { groups: Array<{ skillGroup: string; required: boolean; codes: string[] }> }).groups;
    expect(groups.find((g) => g.skillGroup === 'finance')).toMatchObject({ required: true, codes: expect.arrayContaining(['loan-repayment', 'other']) });
    expect(groups.find((g) => g.skillGroup === 'aftersale')).toMatchObject({ required: false, codes: expect.arrayContaining(['order-status']) });
    expect((await call(api, 'GET', '/internal/wrap-up-policy', { token: agentToken('1001') })).status).toBe(401);
  });

  it('a record sent with its code stores it; an invalid or older code does not replace what is there', async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    await put('int-disp-1', callRecordBody('int-disp-1', { skillGroup: 'finance', disposition: 'loan-repayment', dispositionAt: at }));
    expect(await code('int-disp-1')).toBe('loan-repayment');
    // Not a finance code: ignored, the record is still written.
    expect((await put('int-disp-1', callRecordBody('int-disp-1', { skillGroup: 'finance', disposition: 'order-status', dispositionAt: new Date().toISOString() }))).status).toBe(200);
    expect(await code('int-disp-1')).toBe('loan-repayment');
    // The agent changes it later on the record; a re-sent record (a rating arrived) keeps the agent's edit.
    await put('int-disp-2', callRecordBody('int-disp-2', { skillGroup: 'finance', disposition: 'loan-repayment', dispositionAt: at }));
    const edited = await call(api, 'PUT', '/call-records/int-disp-2/disposition', { body: { code: 'credit-limit' } });
    expect(edited.status).toBe(200);
    await put('int-disp-2', callRecordBody('int-disp-2', { skillGroup: 'finance', rating: 5, disposition: 'loan-repayment', dispositionAt: at }));
    expect(await code('int-disp-2')).toBe('credit-limit');
    // Without the fields (an older outbox message) nothing changes.
    await put('int-disp-2', callRecordBody('int-disp-2', { skillGroup: 'finance' }));
    expect(await code('int-disp-2')).toBe('credit-limit');
  });
});
