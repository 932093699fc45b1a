// The cti-server against an api (a stand-in speaking the internal endpoints the memo describes):
// login relay, roster, session checks, bind lookups, IVR second prompt, grant ends through the outbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signToken, verifyTokenOfKind, type AgentClaims } from '@octopus/auth';
import { internalAuditEventsSchema, type InternalAgent, type InternalAuditEvent, type InternalGrantEnded, type LoginResponse } from '@octopus/contracts';
import { startCtiServer, type CtiServer } from '../server/start';
import { connect, post } from '../server/test-client';

const SECRET = 'client-test-secret-0123456789abcdef';

interface FakeApi {
  url: string;
  roster: InternalAgent[];
  revoked: Set<string>;
  grantsEnded: InternalGrantEnded[];
  verifyCalls: Array<Record<string, unknown>>;
  failNextGrantEnded: boolean;
  /** `POST /internal/audit` batches as received (each checked against the contract). */
  auditBatches: InternalAuditEvent[][];
  failNextAudit: boolean;
  close(): Promise<void>;
}

async function fakeApi(): Promise<FakeApi> {
  let sessions = 0;
  const api: Omit<FakeApi, 'url' | 'close'> = {
    roster: [
      { id: '1001', name: '王芳', role: 'agent', skillGroups: ['presale'], disabled: false },
      { id: '1003', name: '张伟', role: 'agent', skillGroups: ['aftersale'], disabled: false },
    ],
    revoked: new Set(),
    grantsEnded: [],
    verifyCalls: [],
    failNextGrantEnded: true,
    auditBatches: [],
    failNextAudit: true,
  };
  const issue = (agent: InternalAgent, sid: string): LoginResponse => {
    const token = signToken<AgentClaims>({ kind: 'agent', sub: agent.id, sid, name: agent.name, role: agent.role, skillGroups: agent.skillGroups }, { secret: SECRET, ttlSeconds: 900 });
    return { token, expiresAt: Date.now() + 900_000, sessionId: sid, agent: { id: agent.id, name: agent.name, role: agent.role, skillGroups: agent.skillGroups } };
  };
  const sidAgent = new Map<string, string>();
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    try {
      verifyTokenOfKind((req.headers.authorization ?? '').replace(/^Bearer /, ''), 'service', { secret: SECRET });
    } catch {
      return send(401, { error: 'unauthorized' });
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
    const route = `${req.method} ${req.url}`;
    if (route === 'POST /internal/auth/login') {
      if (body.agentId === '1003') return send(429, { error: 'login_throttled', message: 'wait' }, { 'retry-after': '8' });
      const agent = api.roster.find((a) => a.id === body.agentId);
      if (!agent || body.password !== 'octopus') return send(401, { error: 'invalid_credentials', message: 'wrong agent id or password' });
      if (agent.disabled) return send(403, { error: 'account_disabled', message: 'disabled' });
      const sid = `s${++sessions}`;
      sidAgent.set(sid, agent.id);
      return send(200, issue(agent, sid));
    }
    if (route === 'POST /internal/auth/refresh') {
      const sid = body.sessionId as string;
      const agent = api.roster.find((a) => a.id === sidAgent.get(sid));
      return agent && !api.revoked.has(sid) ? send(200, issue(agent, sid)) : send(401, { error: 'session_ended' });
    }
    if (route === 'POST /internal/auth/logout') {
      api.revoked.add(body.sessionId as string);
      res.writeHead(204);
      return res.end();
    }
    if (route === 'POST /internal/sessions/check') {
      return send(200, { inactive: (body.sessionIds as string[]).filter((s) => api.revoked.has(s) || !sidAgent.has(s)) });
    }
    if (route === 'GET /internal/agents') return send(200, { agents: api.roster });
    if (route === 'GET /internal/users/U0000001') return send(200, { userId: 'U0000001', name: 'Zhang San' });
    if (req.method === 'GET' && req.url?.startsWith('/internal/users/by-phone/')) {
      return req.url.endsWith('13800138001') ? send(200, { userId: 'U0000001', name: 'Zhang San' }) : send(404, { error: 'not_found' });
    }
    if (req.method === 'GET' && req.url?.startsWith('/internal/users/')) return send(404, { error: 'not_found' });
    if (route === 'POST /internal/identity/verify') {
      api.verifyCalls.push(body);
      if (body.input === '13800138001' && body.callerPhone !== '13800138001') return send(200, { status: 'failed', method: 'ivr-phone', userId: 'U0000001', level: 'identified' });
      if (body.userId === 'U0000001' && body.input === '1234') return send(200, { status: 'verified', method: 'ivr-id-suffix', userId: 'U0000001', level: 'verified' });
      return send(200, { status: 'failed', method: 'ivr-id-suffix', userId: null, level: 'none' });
    }
    if (route === 'POST /internal/grants/ended') {
      if (api.failNextGrantEnded) {
        api.failNextGrantEnded = false;
        return send(503, { error: 'unavailable' });
      }
      api.grantsEnded.push(body as unknown as InternalGrantEnded);
      res.writeHead(204);
      return res.end();
    }
    if (route === 'POST /internal/audit') {
      const parsed = internalAuditEventsSchema.safeParse(body);
      if (!parsed.success) return send(400, { error: 'bad_request' });
      if (api.failNextAudit) {
        api.failNextAudit = false;
        return send(503, { error: 'unavailable' });
      }
      api.auditBatches.push(parsed.data.events);
      res.writeHead(204);
      return res.end();
    }
    if (req.method === 'PUT' && req.url?.startsWith('/internal/call-records/')) return send(200, { callId: body.callId, created: true });
    send(404, { error: 'not_found' });
  };
  const server: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const full = api as FakeApi;
  full.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  full.close = () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return full;
}

describe('cti-server with the api', () => {
  let api: FakeApi;
  let cti: CtiServer;
  let dataDir: string;
  beforeAll(async () => {
    api = await fakeApi();
    dataDir = mkdtempSync(path.join(tmpdir(), 'cti-api-'));
    cti = await startCtiServer({ port: 0, host: '127.0.0.1', mode: 'production', tokenSecret: SECRET, apiUrl: api.url, dataDir, sessionCheckMs: 100, wrapUpMs: 100 });
  });
  afterAll(async () => {
    await cti.close();
    await api.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('relays the api’s login answers: 200, 401, 403, and 429 with Retry-After', async () => {
    const ok = await post(`${cti.url}/auth/login`, { agentId: '1001', password: 'octopus' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ sessionId: expect.any(String), agent: { id: '1001', role: 'agent' } });
    const wrong = await post(`${cti.url}/auth/login`, { agentId: '1001', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'invalid_credentials', message: 'wrong agent id or password' });
    const throttled = await post(`${cti.url}/auth/login`, { agentId: '1003', password: 'octopus' });
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('8');
    api.roster.push({ id: '1009', name: 'Disabled', role: 'agent', skillGroups: [], disabled: true });
    expect((await post(`${cti.url}/auth/login`, { agentId: '1009', password: 'octopus' })).status).toBe(403);
  });

  it('routes with the api’s roster: an agent added after start can connect once logged in; disabled ones cannot', async () => {
    expect(cti.engine.hasAgent('1004')).toBe(false);
    api.roster.push({ id: '1004', name: '刘洋', role: 'agent', skillGroups: ['aftersale', 'finance'], disabled: false });
    const login = (await (await post(`${cti.url}/auth/login`, { agentId: '1004', password: 'octopus' })).json()) as LoginResponse;
    const c = await connect(cti, login.token);
    const snap = await c.next((f) => f.type === 'snapshot');
    expect(snap.type === 'snapshot' && snap.agent).toMatchObject({ id: '1004', skillGroups: ['aftersale', 'finance'] });
    // Disabled in the api: the roster refresh takes it off routing, closes its socket and refuses new ones.
    api.roster.find((a) => a.id === '1004')!.disabled = true;
    await cti.refreshRoster();
    expect(cti.engine.isActiveAgent('1004')).toBe(false);
    expect(await c.whenClosed()).toBe(4403);
    const again = await connect(cti, login.token);
    expect(await again.whenClosed()).toBe(4401);
  });

  it('relays logout (the api answers 204) and closes the session’s sockets', async () => {
    const login = (await (await post(`${cti.url}/auth/login`, { agentId: '1001', password: 'octopus' })).json()) as LoginResponse;
    const c = await connect(cti, login.token);
    await c.next((f) => f.type === 'snapshot');
    const out = await post(`${cti.url}/auth/logout`, {}, { authorization: `Bearer ${login.token}` });
    expect(out.status).toBe(200);
    expect(await c.whenClosed()).toBe(4403);
    expect(api.revoked.has(login.sessionId)).toBe(true);
    expect((await post(`${cti.url}/auth/refresh`, {}, { authorization: `Bearer ${login.token}` })).status).toBe(401);
  });

  it('closes the socket when the api says the session is no longer active', async () => {
    const login = (await (await post(`${cti.url}/auth/login`, { agentId: '1001', password: 'octopus' })).json()) as LoginResponse;
    const c = await connect(cti, login.token);
    await c.next((f) => f.type === 'snapshot');
    api.revoked.add(login.sessionId);
    expect(await c.whenClosed()).toBe(4403);
  });

  it('asks the IVR’s second prompt with the identified account, refuses unknown binds, and delivers grant ends despite an api error', async () => {
    const login = (await (await post(`${cti.url}/auth/login`, { agentId: '1001', password: 'octopus' })).json()) as LoginResponse;
    const agentId = login.agent.id;
    const c = await connect(cti, login.token);
    await c.next((f) => f.type === 'snapshot');
    const group = 'presale';
    // Production mode has no simulator: place the call through the engine's call ingress.
    const callId = cti.engine.inboundCall({ from: '13700000000', skillGroup: group, verify: '13800138001', idSuffix: '1234' });
    const ring = await c.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'ringing');
    expect(ring.type === 'call' && ring.call.customer).toMatchObject({ userId: 'U0000001', verification: { status: 'verified', method: 'ivr-id-suffix' } });
    expect(api.verifyCalls.slice(-2)).toEqual([
      { callerPhone: '13700000000', input: '13800138001' },
      { callerPhone: '13700000000', input: '1234', userId: 'U0000001' },
    ]);
    c.ws.send(JSON.stringify({ type: 'command', id: 'a', command: { name: 'answer', callId } }));
    await c.next((f) => f.type === 'ack' && f.id === 'a');
    c.ws.send(JSON.stringify({ type: 'command', id: 'b', command: { name: 'bindCustomer', callId, userId: 'NOT-A-USER', method: 'agent-search' } }));
    expect(await c.next((f) => f.type === 'reject' && f.id === 'b')).toMatchObject({ reason: 'not-found' });
    c.ws.send(JSON.stringify({ type: 'command', id: 'h', command: { name: 'hangup', callId } }));
    await c.next((f) => f.type === 'ack' && f.id === 'h');
    const until = Date.now() + 15_000;
    while (!api.grantsEnded.some((g) => g.callId === callId) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const ends = api.grantsEnded.filter((g) => g.callId === callId);
    // The first attempt met a 503 and was retried (an unsent end and the wrap-up's earlier one merge).
    expect(ends.length).toBeGreaterThanOrEqual(1);
    expect(ends[0]).toMatchObject({ agentId });
    expect(ends[0]!.notAfter - ends[0]!.legEndedAt).toBeLessThanOrEqual(100);
    expect(api.failNextGrantEnded).toBe(false);
    c.ws.close();
  });

  it('sends its decisions to the api’s audit chain through the outbox: binds, WebSocket 4401/4403, refresh and logout refusals', async () => {
    const audited = () => api.auditBatches.flat();
    const waitFor = async (test: (events: InternalAuditEvent[]) => boolean) => {
      const until = Date.now() + 15_000;
      while (!test(audited()) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      return audited();
    };
    // A forged token (agent unknown to anyone): 4401, audited with no agent.
    const forged = signToken<AgentClaims>({ kind: 'agent', sub: '1001', sid: 'x', name: 'x', role: 'admin', skillGroups: [] }, { secret: 'another-secret-0123456789abcdef0123', ttlSeconds: 60 });
    expect(await (await connect(cti, forged)).whenClosed()).toBe(4401);
    // A revoked session: 4403 on connect, and refresh and logout refused.
    const login = (await (await post(`${cti.url}/auth/login`, { agentId: '1001', password: 'octopus' })).json()) as LoginResponse;
    api.revoked.add(login.sessionId);
    expect(await (await connect(cti, login.token)).whenClosed()).toBe(4403);
    expect((await post(`${cti.url}/auth/refresh`, {}, { authorization: `Bearer ${login.token}` })).status).toBe(401);
    expect((await post(`${cti.url}/auth/refresh`, {}, { authorization: 'Bearer not-a-token' })).status).toBe(401);
    // A bind on a live call: identified only, and an unknown user refused.
    const live = (await (await post(`${cti.url}/auth/login`, { agentId: '1001', password: 'octopus' })).json()) as LoginResponse;
    const c = await connect(cti, live.token);
    await c.next((f) => f.type === 'snapshot');
    const callId = cti.engine.inboundCall({ from: '13700000000', skillGroup: 'presale' });
    await c.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'ringing');
    c.ws.send(JSON.stringify({ type: 'command', id: 'a', command: { name: 'answer', callId } }));
    await c.next((f) => f.type === 'ack' && f.id === 'a');
    c.ws.send(JSON.stringify({ type: 'command', id: 'b', command: { name: 'bindCustomer', callId, userId: 'U0000001', method: 'agent-search' } }));
    await c.next((f) => f.type === 'ack' && f.id === 'b');
    c.ws.send(JSON.stringify({ type: 'command', id: 'n', command: { name: 'bindCustomer', callId, userId: 'NOT-A-USER', method: 'agent-search' } }));
    await c.next((f) => f.type === 'reject' && f.id === 'n');
    const events = await waitFor((e) => e.some((x) => x.userId === 'NOT-A-USER' && x.callId === callId));
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'ws-connect', outcome: 'refused', agentId: null, sessionId: null, reason: expect.stringMatching(/^4401/) }),
        expect.objectContaining({ action: 'ws-connect', outcome: 'refused', agentId: '1001', sessionId: login.sessionId, reason: expect.stringMatching(/^4403/) }),
        expect.objectContaining({ action: 'session-refresh', outcome: 'refused', agentId: '1001', sessionId: login.sessionId, reason: '401 session_ended' }),
        expect.objectContaining({ action: 'session-refresh', outcome: 'refused', agentId: null, reason: expect.stringMatching(/^401 unauthorized/) }),
        expect.objectContaining({ action: 'bind-customer', outcome: 'masked', agentId: '1001', sessionId: live.sessionId, userId: 'U0000001', callId }),
        expect.objectContaining({ action: 'bind-customer', outcome: 'refused', agentId: '1001', sessionId: live.sessionId, userId: 'NOT-A-USER', callId }),
      ]),
    );
    // The first batch met a 503 and was sent again; every batch holds at most 100 events.
    expect(api.failNextAudit).toBe(false);
    expect(api.auditBatches.every((b) => b.length >= 1 && b.length <= 100)).toBe(true);
    // Logged out: the socket is closed 4403, audited with its session.
    await post(`${cti.url}/auth/logout`, {}, { authorization: `Bearer ${live.token}` });
    expect(await c.whenClosed()).toBe(4403);
    expect(await waitFor((e) => e.some((x) => x.action === 'ws-session-closed' && x.sessionId === live.sessionId))).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'ws-session-closed', outcome: 'refused', agentId: '1001', sessionId: live.sessionId })]),
    );
  });

  it('while the api does not answer: open sockets stay, recently checked sessions reconnect, unknown ones get 1013', async () => {
    const login = (await (await post(`${cti.url}/auth/login`, { agentId: '1001', password: 'octopus' })).json()) as LoginResponse;
    const c = await connect(cti, login.token);
    await c.next((f) => f.type === 'snapshot');
    await new Promise((r) => setTimeout(r, 150)); // one periodic check while the api is up
    await api.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(c.closedCode()).toBeNull();
    const again = await connect(cti, login.token);
    await again.next((f) => f.type === 'snapshot');
    const stranger = signToken<AgentClaims>({ kind: 'agent', sub: '1001', sid: 'never-seen', name: 'x', role: 'agent', skillGroups: [] }, { secret: SECRET, ttlSeconds: 60 });
    const d = await connect(cti, stranger);
    expect(await d.whenClosed()).toBe(1013);
    expect((await post(`${cti.url}/auth/login`, { agentId: '1001', password: 'octopus' })).status).toBe(503);
    c.ws.close();
    again.ws.close();
  });
});
