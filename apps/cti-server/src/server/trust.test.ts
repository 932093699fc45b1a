// The issue-8 attacks on the cti-server, each as a test that fails without the fix.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { signToken, type AgentClaims } from '@octopus/auth';
import WebSocket from 'ws';
import { MemoryAccountDirectory } from '../accounts/memory';
import { MemoryDirectory, MemoryGrantEndSink } from '../engine/ports';
import { startCtiServer, type CtiServer } from './start';
import { connect, loginFull, post } from './test-client';

const SECRET = 'trust-test-secret-0123456789abcdef';
const USERS = [
  { userId: 'U0000001', name: 'Zhang San', phone: '13800138001', idNumber: '110101199001011234' },
  { userId: 'U0000002', name: 'Li Si', phone: '13800138002', idNumber: '11010119850505567X' },
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('cti-server trust edges', () => {
  let server: CtiServer;
  let accounts: MemoryAccountDirectory;
  let grants: MemoryGrantEndSink;
  const logs: string[] = [];
  beforeAll(async () => {
    accounts = new MemoryAccountDirectory({ tokenSecret: SECRET });
    grants = new MemoryGrantEndSink();
    server = await startCtiServer({
      port: 0,
      host: '127.0.0.1',
      mode: 'test',
      tokenSecret: SECRET,
      accounts,
      directory: new MemoryDirectory(USERS),
      grantsEnded: grants,
      ringTimeoutMs: 5000,
      wrapUpMs: 200,
      listFlushMs: 20,
      sessionCheckMs: 100,
      floodWindows: 2,
      log: (m) => logs.push(m),
    });
  });
  afterAll(() => server.close());

  /** An agent logged in and connected, with an answered inbound call. */
  async function onCall(agentId: string, from: string, group: string, extra: Record<string, string> = {}) {
    const { token } = await loginFull(server, agentId);
    const c = await connect(server, token);
    await c.next((f) => f.type === 'snapshot');
    const res = await post(`${server.url}/sim/calls`, { from, skillGroup: group, ...extra });
    const { callId } = (await res.json()) as { callId: string };
    await c.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'ringing');
    return { c, callId, token };
  }

  let seq = 0;
  const command = async (c: Awaited<ReturnType<typeof connect>>, cmd: object) => {
    const id = `t${++seq}`;
    c.ws.send(JSON.stringify({ type: 'command', id, command: cmd }));
    return c.next((f) => (f.type === 'ack' || f.type === 'reject') && f.id === id);
  };

  it('bind bypass: a searched account (or a made-up one) never becomes verified over the socket', async () => {
    const { c, callId } = await onCall('1005', '13800138003', 'finance');
    await command(c, { name: 'answer', callId });
    const bound = await command(c, { name: 'bindCustomer', callId, userId: 'U0000002', method: 'agent-confirm' });
    expect(bound.type).toBe('ack');
    const view = await c.next((f) => f.type === 'call' && f.call.id === callId && f.call.customer.userId === 'U0000002');
    expect(view.type === 'call' && view.call.customer.verification.status).toBe('unverified');
    const grant = JSON.parse(Buffer.from((view.type === 'call' && view.call.grant!.split('.')[1]) || '', 'base64url').toString()) as { level: string };
    expect(grant.level).toBe('unverified');
    expect(await command(c, { name: 'bindCustomer', callId, userId: 'NOT-A-USER', method: 'agent-confirm' })).toMatchObject({ type: 'reject', reason: 'not-found' });
    await command(c, { name: 'hangup', callId });
    c.ws.close();
  });

  it('refuses invalid text in socket frames, naming the field', async () => {
    const { token } = await loginFull(server, '1001');
    const c = await connect(server, token);
    await c.next((f) => f.type === 'snapshot');
    c.ws.send(JSON.stringify({ type: 'command', id: 'nul', command: { name: 'bindCustomer', callId: 'C1', userId: 'U\u0000', method: 'agent-search' } }));
    expect(await c.next((f) => f.type === 'reject' && f.id === 'nul')).toMatchObject({ reason: 'invalid-command', message: expect.stringContaining('command.userId') });
    c.ws.send('{"type":"ping","id":"\\ud800"}');
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'invalid-text', message: expect.stringContaining('id') });
    c.ws.close();
  });

  it('a rejected verified ring’s grant ends at once (sent to the api as grant ended)', async () => {
    const { c, callId } = await onCall('1003', '13800138001', 'aftersale', { verify: '13800138001' });
    const ring = c.frames.find((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'ringing');
    expect(ring?.type === 'call' && ring.call.customer.verification.status).toBe('verified');
    await command(c, { name: 'reject', callId });
    const ended = grants.notices.find((n) => n.callId === callId && n.agentId === '1003');
    expect(ended).toBeDefined();
    expect(ended!.notAfter).toBe(ended!.legEndedAt);
    await post(`${server.url}/sim/calls/${callId}/hangup`);
    c.ws.close();
  });

  it('forged tokens: another secret, an unknown agent, or a session nobody opened are refused (an expired one: session ended)', async () => {
    const claims = { kind: 'agent' as const, sub: '1001', sid: 'made-up', name: 'x', role: 'admin' as const, skillGroups: [] };
    const otherSecret = signToken<AgentClaims>(claims, { secret: 'the-old-public-default-secret', ttlSeconds: 60 });
    const a = await connect(server, otherSecret);
    expect(await a.whenClosed()).toBe(4401);
    const ghost = signToken<AgentClaims>({ ...claims, sub: '9999' }, { secret: SECRET, ttlSeconds: 60 });
    const b = await connect(server, ghost);
    expect(await b.whenClosed()).toBe(4401);
    const expired = signToken<AgentClaims>(claims, { secret: SECRET, ttlSeconds: 60, now: () => Date.now() - 120_000 });
    const e = await connect(server, expired);
    expect(await e.whenClosed()).toBe(4403);
    const noSession = signToken<AgentClaims>(claims, { secret: SECRET, ttlSeconds: 60 });
    const d = await connect(server, noSession);
    expect(await d.whenClosed()).toBe(4403);
    expect(d.frames.find((f) => f.type === 'error')).toMatchObject({ code: 'session-ended' });
    expect((await post(`${server.url}/auth/refresh`, {}, { authorization: `Bearer ${noSession}` })).status).toBe(401);
    expect((await post(`${server.url}/auth/refresh`, {}, { authorization: `Bearer ${otherSecret}` })).status).toBe(401);
  });

  it('login: disabled accounts get 403, repeated failures 429 with Retry-After, and the answers are relayed as is', async () => {
    accounts.setDisabled('1006', true);
    const disabled = await post(`${server.url}/auth/login`, { agentId: '1006', password: 'octopus' });
    expect(disabled.status).toBe(403);
    expect(await disabled.json()).toMatchObject({ error: 'account_disabled' });
    accounts.setDisabled('1006', false);
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 7; i++) {
      last = await post(`${server.url}/auth/login`, { agentId: '1007', password: `wrong-${i}` });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[6]).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.json()).toMatchObject({ error: 'login_throttled' });
    // Even the right password waits out the delay.
    expect((await post(`${server.url}/auth/login`, { agentId: '1007', password: 'octopus' })).status).toBe(429);
  });

  it('logout closes the session’s sockets with 4403 at once; refresh then answers 401', async () => {
    const { token } = await loginFull(server, '1004');
    const c = await connect(server, token);
    await c.next((f) => f.type === 'snapshot');
    const refreshed = await post(`${server.url}/auth/refresh`, {}, { authorization: `Bearer ${token}` });
    expect(refreshed.status).toBe(200);
    const out = await post(`${server.url}/auth/logout`, {}, { authorization: `Bearer ${token}` });
    expect(out.status).toBe(200);
    expect(await c.whenClosed()).toBe(4403);
    expect((await post(`${server.url}/auth/refresh`, {}, { authorization: `Bearer ${token}` })).status).toBe(401);
    const again = await connect(server, token);
    expect(await again.whenClosed()).toBe(4403);
  });

  it('a revoked session’s open socket is closed within the check interval', async () => {
    const { token, sessionId } = await loginFull(server, '1008');
    const c = await connect(server, token);
    await c.next((f) => f.type === 'snapshot');
    accounts.revoke(sessionId);
    expect(await c.whenClosed()).toBe(4403);
  });

  it('caps one agent at 5 open sessions: of 500 connection attempts, 495 are refused with 4410', async () => {
    const { token } = await loginFull(server, '1002');
    const codes: number[] = [];
    const open: Array<Awaited<ReturnType<typeof connect>>> = [];
    for (let batch = 0; batch < 10; batch++) {
      const conns = await Promise.all(Array.from({ length: 50 }, () => connect(server, token)));
      await sleep(30);
      for (const c of conns) {
        if (c.closedCode() === null && c.frames.some((f) => f.type === 'snapshot')) open.push(c);
        else codes.push(await c.whenClosed());
      }
    }
    expect(open).toHaveLength(5);
    expect(codes).toHaveLength(495);
    expect(new Set(codes)).toEqual(new Set([4410]));
    for (const c of open) c.ws.close();
  }, 30_000);

  it('checks the sessions of a reconnect storm in a few api requests, not one each', async () => {
    const inner = new MemoryAccountDirectory({ tokenSecret: SECRET });
    let checks = 0;
    const counting = Object.assign(Object.create(inner) as MemoryAccountDirectory, {
      inactiveSessions: (ids: string[]) => {
        checks++;
        return inner.inactiveSessions(ids);
      },
    });
    const s = await startCtiServer({ port: 0, host: '127.0.0.1', mode: 'test', tokenSecret: SECRET, accounts: counting });
    try {
      const tokens = await Promise.all(['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008'].map(async (id) => (await loginFull(s, id)).token));
      checks = 0;
      const conns = await Promise.all(tokens.flatMap((t) => [t, t, t, t].map((token) => connect(s, token))));
      await Promise.all(conns.map((c) => c.next((f) => f.type === 'snapshot')));
      expect(conns).toHaveLength(32);
      // One request per connection would be 32 (typically 1–8 here; the bound leaves room for a loaded machine).
      expect(checks).toBeLessThan(24);
      for (const c of conns) c.ws.close();
    } finally {
      await s.close();
    }
  });

  it('checks Origin on the WebSocket upgrade: another site gets 403, the shell and non-browser clients get in', async () => {
    const { token } = await loginFull(server, '1001');
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.wsUrl}?token=${token}`, { origin: 'http://evil.example' });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
    const shell = new WebSocket(`${server.wsUrl}?token=${token}`, { origin: 'http://localhost:3000' });
    await new Promise((resolve, reject) => (shell.once('open', resolve), shell.once('error', reject)));
    shell.close();
    const cli = await connect(server, token);
    await cli.next((f) => f.type === 'snapshot');
    cli.ws.close();
  });

  it('takes POST bodies only as application/json: a cross-origin text/plain /sim/calls creates no call', async () => {
    const before = server.engine.stats().liveCalls;
    const res = await fetch(`${server.url}/sim/calls`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://evil.example' },
      body: JSON.stringify({ from: '13800138000' }),
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const form = await fetch(`${server.url}/sim/calls`, { method: 'POST', body: new URLSearchParams({ from: '13800138000' }) });
    expect(form.status).toBe(415);
    const bare = await fetch(`${server.url}/auth/logout`, { method: 'POST' });
    expect(bare.status).toBe(415);
    expect(server.engine.stats().liveCalls).toBe(before);
  });

  it('sends security headers on every answer', async () => {
    const answers = [
      await fetch(`${server.url}/health`),
      await fetch(`${server.url}/nope`),
      await post(`${server.url}/auth/login`, { agentId: '1001', password: 'x' }),
      await fetch(`${server.url}/sim/calls`, { method: 'POST', body: 'x' }),
    ];
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('answers invalid text with 400 naming the field', async () => {
    const nul = await post(`${server.url}/sim/calls`, { from: '13800138000', skillGroup: 'pre\u0000sale' });
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ error: 'invalid_text', field: 'skillGroup' });
    const lone = await fetch(`${server.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"agentId":"1001","password":"\\ud800"}' });
    expect(lone.status).toBe(400);
    expect(await lone.json()).toMatchObject({ error: 'invalid_text', field: 'password' });
    const bytes = await fetch(`${server.url}/sim/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]) });
    expect(bytes.status).toBe(400);
    expect(await bytes.json()).toMatchObject({ error: 'invalid_text' });
  });

  /**
   * Floods from a worker thread (another client, as on another machine): 9,000 `sync` frames on a raw
   * socket, 90 every 10 ms (~9,000 frames/s on an idle machine). A fixed count, not a fixed second, so a
   * loaded machine floods as hard. Resolves with the number of frames sent and what the server answered.
   */
  function floodFromWorker(url: string): Promise<{ sent: number; rateLimited: number; closeCode: number | null }> {
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const WebSocket = require(workerData.ws);
      const ws = new WebSocket(workerData.url);
      let sent = 0, rateLimited = 0, closeCode = null;
      ws.on('message', (d) => { if (String(d).includes('"rate-limited"')) rateLimited++; });
      ws.on('close', (c) => { closeCode = c; });
      ws.on('error', () => {});
      ws.on('open', () => {
        const frame = JSON.stringify({ type: 'sync' });
        const tick = () => {
          if (sent >= 9000 || ws.readyState !== WebSocket.OPEN) {
            setTimeout(() => { parentPort.postMessage({ sent, rateLimited, closeCode }); ws.terminate(); }, 50);
            return;
          }
          for (let i = 0; i < 90; i++) ws.send(frame);
          sent += 90;
          setTimeout(tick, 10);
        };
        tick();
      });`;
    const worker = new Worker(code, { eval: true, workerData: { url, ws: require.resolve('ws') } });
    return new Promise((resolve, reject) => {
      worker.once('message', (m) => {
        resolve(m);
        void worker.terminate();
      });
      worker.once('error', reject);
    });
  }

  it('one client flooding 9,000 frames is rate-limited unread and never closed mid-window; another agent’s pings are still answered', async () => {
    // Flooding is never closed here, so the whole second of flood is measured.
    const s = await startCtiServer({ port: 0, host: '127.0.0.1', mode: 'test', tokenSecret: SECRET, floodWindows: 1_000_000 });
    try {
      const probe = await connect(s, (await loginFull(s, '1005')).token);
      await probe.next((f) => f.type === 'snapshot');
      const flood = floodFromWorker(`${s.wsUrl}?token=${(await loginFull(s, '1003')).token}`);
      await sleep(50);
      const latencies: number[] = [];
      for (let i = 0; i < 40; i++) {
        const id = `p${i}`;
        const t0 = performance.now();
        probe.ws.send(JSON.stringify({ type: 'ping', id }));
        await probe.next((f) => f.type === 'pong' && f.id === id);
        latencies.push(performance.now() - t0);
        await sleep(15);
      }
      const r = await flood;
      latencies.sort((a, b) => a - b);
      const p50 = latencies[20]!;
      const p95 = latencies[38]!;
      console.log(`flood: ${r.sent} frames, ${s.hub.rateLimited} rate-limited; the other agent's ping p50 ${p50.toFixed(1)} ms, p75 ${latencies[30]!.toFixed(1)}, p90 ${latencies[36]!.toFixed(1)}, p95 ${p95.toFixed(1)} ms, max ${latencies[39]!.toFixed(1)} ms, mean ${(latencies.reduce((a, b) => a + b, 0) / 40).toFixed(1)}`);
      expect(r.sent).toBe(9000);
      expect(r.closeCode).toBeNull();
      expect(r.rateLimited).toBeGreaterThan(0);
      // Excess frames are rejected unread: the flooder's connection is paused until its window resets.
      expect(s.hub.rateLimited).toBeGreaterThan(0);
      expect(s.hub.framesReceived).toBeLessThan(r.sent / 2);
      // The structural checks above are the proof; the ping latency (1–20 ms on an idle machine, 163–300 ms
      // when the flood was read) is printed, not asserted: speed targets belong to `pnpm bench`.
      probe.ws.close();
    } finally {
      await s.close();
    }
  }, 30_000);

  it('closes a connection that keeps flooding with 4430', async () => {
    const flooder = await connect(server, (await loginFull(server, '1003')).token);
    await flooder.next((f) => f.type === 'snapshot');
    const frame = JSON.stringify({ type: 'sync' });
    // 5,000 frames/s until the server gives up on this connection (after 2 windows over the limit here).
    const started = Date.now();
    while (flooder.ws.readyState === WebSocket.OPEN && Date.now() - started < 20_000) {
      for (let i = 0; i < 50; i++) flooder.ws.send(frame, () => undefined);
      await sleep(10);
    }
    expect(await flooder.whenClosed()).toBe(4430);
    expect(flooder.frames.find((f) => f.type === 'error' && f.code === 'flooding')).toBeDefined();
    expect(server.hub.floodClosed).toBeGreaterThan(0);
  }, 30_000);

  it('closes a socket whose token expires without renewSession; a renewed one stays open', async () => {
    const shortLived = new MemoryAccountDirectory({ tokenSecret: SECRET, tokenTtlSeconds: 3 });
    const s = await startCtiServer({ port: 0, host: '127.0.0.1', mode: 'test', tokenSecret: SECRET, accounts: shortLived, sessionCheckMs: 100 });
    try {
      const a = await loginFull(s, '1001');
      const b = await loginFull(s, '1002');
      const ca = await connect(s, a.token);
      const cb = await connect(s, b.token);
      await ca.next((f) => f.type === 'snapshot');
      await cb.next((f) => f.type === 'snapshot');
      await sleep(1500);
      const renewed = (await (await post(`${s.url}/auth/refresh`, {}, { authorization: `Bearer ${b.token}` })).json()) as { token: string; sessionId: string };
      expect(renewed.sessionId).toBe(b.sessionId);
      // Another session's token does not renew this one.
      cb.ws.send(JSON.stringify({ type: 'command', id: 'bad', command: { name: 'renewSession', token: a.token } }));
      expect(await cb.next((f) => f.type === 'reject' && f.id === 'bad')).toMatchObject({ reason: 'invalid-command' });
      cb.ws.send(JSON.stringify({ type: 'command', id: 'r', command: { name: 'renewSession', token: renewed.token } }));
      await cb.next((f) => f.type === 'ack' && f.id === 'r');
      expect(await ca.whenClosed()).toBe(4403);
      await sleep(100);
      expect(cb.closedCode()).toBeNull();
      cb.ws.close();
    } finally {
      await s.close();
    }
  }, 15_000);

  it('never logs phone numbers, names or customer ids', () => {
    const text = logs.join('\n');
    for (const u of USERS) {
      expect(text).not.toContain(u.phone);
      expect(text).not.toContain(u.name);
      expect(text).not.toContain(u.userId);
    }
    expect(text).not.toContain('13800138003');
  });
});
