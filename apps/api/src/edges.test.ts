import { agentToken, call, callRecordBody, count, grantToken, serviceToken, setupTestApi } from './testing/harness';

jest.setTimeout(60_000);

const api = setupTestApi({ captureLogs: true });
beforeAll(async () => {
  await call(api, 'PUT', '/internal/call-records/edge-call-1', { token: serviceToken(), body: callRecordBody('edge-call-1') });
});

const onCall = { grant: grantToken({ callId: 'edge-call-1' }) };

describe('JSON bodies only', () => {
  it('refuses text/plain bodies (415)', async () => {
    const r = await call(api, 'PUT', '/call-records/edge-call-1/note', { rawBody: '{"note":"x"}', headers: { 'content-type': 'text/plain' } });
    expect(r.status).toBe(415);
  });
});

describe('security headers on every api response', () => {
  it.each([
    ['a 200', '/health', 200],
    ['a 401', '/users/U0000001', 401],
    ['a 404', '/no-such-route', 404],
  ])('%s', async (_label, path, status) => {
    const r = await fetch(`${api.url}${path}`);
    expect(r.status).toBe(status);
    expect(r.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('invalid text is refused with 400 naming the field', () => {
  const note = (body: { body?: unknown; rawBody?: string }) => call(api, 'PUT', '/call-records/edge-call-1/note', body);

  it('a NUL byte in a note or a ticket field (used to be a 500 that logged the note)', async () => {
    expect(await note({ body: { note: 'before\u0000after' } })).toMatchObject({ status: 400, body: { error: 'invalid_text', field: 'body.note' } });
    const ticket = await call(api, 'POST', '/tickets', { ...onCall, body: { userId: 'U0000001', callId: 'edge-call-1', title: 'ok', description: 'x\u0000y', category: 'other' } });
    expect(ticket).toMatchObject({ status: 400, body: { error: 'invalid_text', field: 'body.description' } });
    expect(await count(api, "tickets WHERE call_id = 'edge-call-1'")).toBe(0);
  });

  it('a lone surrogate escape in JSON ("\\ud800") instead of storing U+FFFD', async () => {
    const r = await note({ rawBody: '{"note":"abc\\ud800def"}' });
    expect(r).toMatchObject({ status: 400, body: { error: 'invalid_text', field: 'body.note' } });
    const stored = await api.db.query<{ note: string }>("SELECT note FROM call_records WHERE call_id = 'edge-call-1'");
    expect(stored[0]?.note).not.toContain('\uFFFD');
  });

  it('bytes that are not UTF-8 in a JSON body', async () => {
    const bytes = Buffer.concat([Buffer.from('{"note":"ab'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const r = await fetch(`${api.url}/call-records/edge-call-1/note`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${agentToken('1001')}`, 'content-type': 'application/json' },
      body: bytes,
    });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ error: 'invalid_text', field: 'body' });
  });

  it('in the query string and in path parameters', async () => {
    expect(await call(api, 'GET', '/users/search?phone=138%00')).toMatchObject({ status: 400, body: { error: 'invalid_text', field: 'query.phone' } });
    expect(await call(api, 'GET', '/users/search?phone=%FF%FE')).toMatchObject({ status: 400, body: { error: 'invalid_text', field: 'query.phone' } });
    expect(await call(api, 'GET', '/users/U%00001', onCall)).toMatchObject({ status: 400, body: { error: 'invalid_text', field: 'params.userId' } });
    const undecodable = await call(api, 'GET', '/users/U%FF', onCall);
    expect(undecodable).toMatchObject({ status: 400, body: { error: 'invalid_text', field: 'params' } });
    expect(undecodable.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
  });

  it('bidi override and isolate controls in notes and ticket text', async () => {
    expect(await note({ body: { note: 'safe \u202Eexe.txt' } })).toMatchObject({ status: 400, body: { error: 'invalid_text', field: 'body.note' } });
    const base = { userId: 'U0000001', callId: 'edge-call-1', title: 'ok', description: 'ok', category: 'other' };
    expect(await call(api, 'POST', '/tickets', { ...onCall, body: { ...base, title: 'a\u2066b' } })).toMatchObject({ status: 400, body: { field: 'body.title' } });
    // Ordinary Chinese/English text with tabs and newlines is fine.
    expect((await note({ body: { note: '客户来电\t询问物流\n2 items, 已处理' } })).status).toBe(200);
  });

  it('bidi marks (RLM, ALM, LRM) and U+2028/U+2029 too, in every free-text field (recordingRef, ticket comments …)', async () => {
    for (const mark of ['\u200F', '\u061C', '\u200E', '\u2028', '\u2029']) {
      expect(await note({ body: { note: `safe ${mark}exe.txt` } })).toMatchObject({ status: 400, body: { error: 'invalid_text', field: 'body.note' } });
    }
    const base = { userId: 'U0000001', callId: 'edge-call-1', title: 'ok', description: 'ok', category: 'other' };
    expect(await call(api, 'POST', '/tickets', { ...onCall, body: { ...base, description: 'x\u200Fy' } })).toMatchObject({ status: 400, body: { field: 'body.description' } });
    expect(await call(api, 'POST', '/tickets', { ...onCall, body: { ...base, recordingRef: 'rec/\u202Evaw.exe' } })).toMatchObject({ status: 400, body: { error: 'invalid_text', field: 'body.recordingRef' } });
    expect(await call(api, 'POST', '/tickets/TK00000001/comments', { ...onCall, body: { body: 'ok \u2066hidden\u2069' } })).toMatchObject({ status: 400, body: { field: 'body.body' } });
    expect(await call(api, 'GET', '/users/search?phone=1380013800%E2%80%8F')).toMatchObject({ status: 400, body: { field: 'query.phone' } });
  });
});

describe('a 500 logs no note text, personal data or customer ids', () => {
  it('logs method, route pattern and error class only', async () => {
    await api.db.query('ALTER TABLE call_records RENAME COLUMN note TO note_moved');
    try {
      const r = await call(api, 'PUT', '/call-records/edge-call-1/note', { body: { note: 'SECRET-NOTE 张伟 13800138000 U0000001' } });
      expect(r.status).toBe(500);
      expect(r.body).toEqual({ error: 'internal', message: 'internal error' });
    } finally {
      await api.db.query('ALTER TABLE call_records RENAME COLUMN note_moved TO note');
    }
    await api.db.query('ALTER TABLE user_phones RENAME TO user_phones_moved');
    try {
      expect((await call(api, 'GET', '/users/U0000001', onCall)).status).toBe(500);
    } finally {
      await api.db.query('ALTER TABLE user_phones_moved RENAME TO user_phones');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const logs = api.logs();
    expect(logs).toContain('PUT /call-records/:callId/note failed');
    expect(logs).toContain('GET /users/:userId failed');
    expect(logs).not.toMatch(/SECRET-NOTE|张伟|13800138000|U0000001|edge-call-1/);
  });
});
