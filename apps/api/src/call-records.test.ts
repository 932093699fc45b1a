import type { CallRecordDto } from '@octopus/contracts';
import { agentToken, call, callRecordBody, count, serviceToken, setupTestApi } from './testing/harness';

jest.setTimeout(60_000);

const api = setupTestApi();
beforeAll(async () => {
  // Twelve calls for agent 1003, a minute apart, plus one of agent 1004.
  const base = Date.now() - 60 * 60_000;
  for (let i = 1; i <= 12; i++) {
    const connectedAt = new Date(base + i * 60_000).toISOString();
    const r = await call(api, 'PUT', `/internal/call-records/cr-${i}`, {
      token: serviceToken(),
      body: callRecordBody(`cr-${i}`, { agentId: '1003', connectedAt, endedAt: new Date(base + i * 60_000 + 95_000).toISOString() }),
    });
    expect(r.status).toBe(201);
  }
  await call(api, 'PUT', '/internal/call-records/cr-other', { token: serviceToken(), body: callRecordBody('cr-other', { agentId: '1004' }) });
});

const as1003 = { token: agentToken('1003') };
type List = { records: CallRecordDto[] };

describe('GET /call-records', () => {
  it("lists the requesting agent's 10 most recent calls, newest first", async () => {
    const r = await call<List>(api, 'GET', '/call-records', as1003);
    expect(r.status).toBe(200);
    expect(r.body.records.map((x) => x.callId)).toEqual(['cr-12', 'cr-11', 'cr-10', 'cr-9', 'cr-8', 'cr-7', 'cr-6', 'cr-5', 'cr-4', 'cr-3']);
    expect(r.body.records.every((x) => x.agentId === '1003')).toBe(true);
    expect(r.body.records[0]).toMatchObject({ durationSeconds: 95, note: '', number: '13800138000', userId: 'U0000001' });
  });

  it('takes a limit (bounded)', async () => {
    expect((await call<List>(api, 'GET', '/call-records?limit=3', as1003)).body.records).toHaveLength(3);
    expect(await call(api, 'GET', '/call-records?limit=500', as1003)).toMatchObject({ status: 400, body: { field: 'query.limit' } });
  });

  it('requires an agent token', async () => {
    expect((await call(api, 'GET', '/call-records', { token: null })).status).toBe(401);
    expect((await call(api, 'GET', '/call-records', { token: serviceToken() })).status).toBe(401);
    expect((await call(api, 'GET', '/call-records', { token: agentToken('1003', -10) })).body).toMatchObject({ message: 'agent token has expired' });
  });
});

describe('notes', () => {
  it('adds, edits and clears a note', async () => {
    const added = await call<{ record: CallRecordDto }>(api, 'PUT', '/call-records/cr-12/note', { ...as1003, body: { note: '客户要求明天回电' } });
    expect(added.status).toBe(200);
    expect(added.body.record).toMatchObject({ callId: 'cr-12', note: '客户要求明天回电', noteUpdatedAt: expect.any(String) });
    await call(api, 'PUT', '/call-records/cr-12/note', { ...as1003, body: { note: '已回电' } });
    const list = await call<List>(api, 'GET', '/call-records?limit=1', as1003);
    expect(list.body.records[0]?.note).toBe('已回电');
    expect((await call<{ record: CallRecordDto }>(api, 'PUT', '/call-records/cr-12/note', { ...as1003, body: { note: '' } })).body.record.note).toBe('');
  });

  it('stores hostile text as-is and returns it as data', async () => {
    const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)>'; DROP TABLE call_records; --`;
    const r = await call<{ record: CallRecordDto }>(api, 'PUT', '/call-records/cr-11/note', { ...as1003, body: { note: hostile } });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.body.record.note).toBe(hostile);
    expect(await count(api, 'call_records')).toBeGreaterThan(10);
  });

  it('400s a note over 2000 characters and a missing note, changing nothing', async () => {
    await call(api, 'PUT', '/call-records/cr-10/note', { ...as1003, body: { note: 'keep me' } });
    const tooLong = await call(api, 'PUT', '/call-records/cr-10/note', { ...as1003, body: { note: 'x'.repeat(2001) } });
    expect(tooLong).toMatchObject({ status: 400, body: { error: 'bad_request', field: 'body.note', message: expect.stringContaining('2000') } });
    expect((await call(api, 'PUT', '/call-records/cr-10/note', { ...as1003, body: {} })).body).toMatchObject({ field: 'body.note' });
    expect((await call(api, 'PUT', '/call-records/cr-10/note', { ...as1003, body: { note: 42 } })).status).toBe(400);
    const rows = await api.db.query<{ note: string }>("SELECT note FROM call_records WHERE call_id = 'cr-10'");
    expect(rows[0]?.note).toBe('keep me');
  });

  it("refuses another agent's record (403) and an unknown one (404)", async () => {
    expect(await call(api, 'PUT', '/call-records/cr-other/note', { ...as1003, body: { note: 'mine?' } })).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect((await call(api, 'PUT', '/call-records/nope/note', { ...as1003, body: { note: 'x' } })).status).toBe(404);
    const rows = await api.db.query<{ note: string }>("SELECT note FROM call_records WHERE call_id = 'cr-other'");
    expect(rows[0]?.note).toBe('');
  });

  it('rejects an oversized body (413)', async () => {
    const r = await call(api, 'PUT', '/call-records/cr-9/note', { ...as1003, body: { note: 'x'.repeat(100_000) } });
    expect(r.status).toBe(413);
  });
});

describe('DELETE /call-records/:callId', () => {
  it("removes the call from the agent's list; a later upsert does not bring it back; the note stays", async () => {
    await call(api, 'PUT', '/call-records/cr-8/note', { ...as1003, body: { note: 'before delete' } });
    expect((await call(api, 'DELETE', '/call-records/cr-8', as1003)).status).toBe(204);
    let list = await call<List>(api, 'GET', '/call-records', as1003);
    expect(list.body.records.map((r) => r.callId)).not.toContain('cr-8');
    await call(api, 'PUT', '/internal/call-records/cr-8', { token: serviceToken(), body: callRecordBody('cr-8', { agentId: '1003', rating: 4 }) });
    list = await call<List>(api, 'GET', '/call-records?limit=50', as1003);
    expect(list.body.records.map((r) => r.callId)).not.toContain('cr-8');
    expect((await call(api, 'DELETE', '/call-records/cr-8', as1003)).status).toBe(404);
  });

  it('tolerates a JSON content-type with no body', async () => {
    expect((await call(api, 'DELETE', '/call-records/cr-7', { ...as1003, headers: { 'content-type': 'application/json' } })).status).toBe(204);
    expect((await call(api, 'PUT', '/call-records/cr-6/note', { ...as1003, headers: { 'content-type': 'application/json' } })).body).toMatchObject({ field: 'body' });
    expect((await call(api, 'PUT', '/call-records/cr-6/note', { ...as1003, rawBody: '{"__proto__":{"x":1},"note":"p"}' })).status).toBe(400);
  });

  it("refuses another agent's record", async () => {
    expect((await call(api, 'DELETE', '/call-records/cr-other', as1003)).status).toBe(403);
    expect((await call<List>(api, 'GET', '/call-records', { token: agentToken('1004') })).body.records.map((r) => r.callId)).toContain('cr-other');
  });
});
