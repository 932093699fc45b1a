import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signToken, verifyTokenOfKind, type AgentClaims } from '@octopus/auth';
import type { CallRecordUpsert } from '@octopus/contracts';
import { Prng } from '@octopus/prng';
import { callRecordUpsertSchema } from '@octopus/contracts';
import { Outbox, type OutboxMessage } from '../api/outbox';
import { type MemoryRecordSink } from '../engine/ports';
import { MemoryAccountDirectory } from '../accounts/memory';
import { startCtiServer, type CtiServer } from './start';
import { connect, loginFull, post } from './test-client';

const SECRET = 'server-test-secret';

async function login(server: CtiServer, agentId: string): Promise<string> {
  return (await loginFull(server, agentId)).token;
}

describe('cti-server over HTTP and WebSocket', () => {
  let server: CtiServer;
  beforeAll(async () => {
    server = await startCtiServer({ port: 0, host: '127.0.0.1', mode: 'test', tokenSecret: SECRET, ringTimeoutMs: 2000, wrapUpMs: 100, listFlushMs: 20, simulator: { outboundAnswerMs: 20, ratingDelayMs: 10 },
      // The fuzz test sends 400 frames at once; rate limits have their own tests.
      framesPerSecond: 1000,
    });
  });
  afterAll(() => server.close());

  it('serves health, logs agents in with an agent token, refuses wrong passwords, and answers CORS for the shell origins', async () => {
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'test' });
    const res = await post(`${server.url}/auth/login`, { agentId: 1002, password: 'octopus' });
    const body = (await res.json()) as { token: string; agent: unknown; sessionId: string; expiresAt: number };
    expect(body.agent).toEqual({ id: '1002', name: '李娜', role: 'agent', skillGroups: ['presale', 'aftersale'] });
    expect(verifyTokenOfKind(body.token, 'agent', { secret: SECRET })).toMatchObject({ sub: '1002', kind: 'agent', sid: body.sessionId, role: 'agent' });
    expect(body.expiresAt).toBeGreaterThan(Date.now());
    const bad = await post(`${server.url}/auth/login`, { agentId: '1002', password: 'nope' });
    expect(bad.status).toBe(401);
    const unknown = await post(`${server.url}/auth/login`, { agentId: '9999', password: 'nope' });
    expect(unknown.status).toBe(401);
    // Same body for an unknown agent and a wrong password.
    expect(await unknown.json()).toEqual(await bad.json());
    const pre = await fetch(`${server.url}/sim/calls`, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    const other = await fetch(`${server.url}/health`, { headers: { origin: 'http://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a bad token in-band with close code 4401', async () => {
    const c = await connect(server, 'not-a-token');
    await c.next((f) => f.type === 'error');
    await new Promise((r) => setTimeout(r, 50));
    expect(c.closedCode()).toBe(4401);
    const alien = signToken<AgentClaims>({ kind: 'agent', sub: '9999', sid: 'forged', name: 'x', role: 'admin', skillGroups: [] }, { secret: SECRET, ttlSeconds: 60 });
    const d = await connect(server, alien);
    await d.next((f) => f.type === 'error');
    expect(await d.whenClosed()).toBe(4401);
  });

  it('sends a snapshot first, numbers frames per session, rings with the call, and acks commands after their events', async () => {
    const token = await login(server, '1005');
    const c = await connect(server, token);
    const snap = await c.next((f) => f.type === 'snapshot');
    expect(snap.seq).toBe(1);
    if (snap.type !== 'snapshot') throw new Error();
    expect(snap.agent).toMatchObject({ id: '1005', state: 'idle' });
    expect(snap.groups!.map((g) => g.name)).toEqual(['presale', 'aftersale', 'finance']);
    // The roster comes from the account directory: agents 1001–1008, supervisor 2001 and admin 2002.
    expect(snap.agents!.map((a) => a.id).sort()).toEqual(['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '2001', '2002']);

    const res = await post(`${server.url}/sim/calls`, { from: '13800138000', skillGroup: 'finance', keys: '3' });
    const { callId } = (await res.json()) as { callId: string };
    await c.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'ringing');
    c.ws.send(JSON.stringify({ type: 'command', id: 'r1', command: { name: 'answer', callId } }));
    await c.next((f) => f.type === 'ack' && f.id === 'r1');
    const talkingIdx = c.frames.findIndex((f) => f.type === 'call' && f.call.state === 'talking');
    const ackIdx = c.frames.findIndex((f) => f.type === 'ack' && f.id === 'r1');
    expect(talkingIdx).toBeGreaterThan(-1);
    expect(talkingIdx).toBeLessThan(ackIdx);
    c.ws.send(JSON.stringify({ type: 'command', id: 'r2', command: { name: 'hold', callId: 'nope' } }));
    const rej = await c.next((f) => f.type === 'reject' && f.id === 'r2');
    expect(rej).toMatchObject({ reason: 'not-found' });
    const status = await (await fetch(`${server.url}/sim/calls/${callId}`)).json();
    expect(status).toMatchObject({ phase: 'connected', agentId: '1005' });
    await post(`${server.url}/sim/calls/${callId}/hangup`);
    await c.next((f) => f.type === 'call' && f.call.state === 'wrap-up');
    // Sequence numbers are gapless.
    c.frames.forEach((f, i) => expect(f.seq).toBe(i + 1));
    c.ws.close();
  });

  it('answers every malformed or unknown frame with an error or reject, and nothing changes (fuzz)', async () => {
    const token = await login(server, '1003');
    const c = await connect(server, token);
    await c.next((f) => f.type === 'snapshot');
    await new Promise((r) => setTimeout(r, 250)); // let the previous test's wrap-up expire
    const before = server.engine.digest();
    const badBefore = server.hub.badFrames;
    const prng = new Prng(42);
    const rnd = () => prng.next();
    const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const junk = (): unknown => pick([null, 0, -1, 1e308, '', 'x'.repeat(200), true, [], {}, { a: 1 }, [1, 2], '\u0000', NaN]);
    const names = ['answer', 'hangup', 'transfer', 'consult', 'setState', 'callOut', 'bindCustomer', 'dtmf', 'nope', '__proto__'];
    const frames: Array<string | Buffer> = [];
    for (let i = 0; i < 400; i++) {
      const kind = Math.floor(rnd() * 6);
      if (kind === 0) frames.push('{"type":' + 'x'.repeat(Math.floor(rnd() * 20))); // broken JSON
      else if (kind === 1) frames.push(JSON.stringify({ type: pick(['pong', 'snapshot', 'hack', 42, null]), id: junk() }));
      else if (kind === 2) frames.push(JSON.stringify({ type: 'command', id: `f${i}`, command: { name: pick(names), callId: junk(), state: junk(), target: junk(), digits: junk(), number: junk() } }));
      else if (kind === 3) frames.push(JSON.stringify({ type: 'command', id: junk(), command: junk() }));
      else if (kind === 4) frames.push(Buffer.from([0xff, 0xfe, i & 0xff]));
      else frames.push(JSON.stringify(junk()));
    }
    for (const f of frames) c.ws.send(f, { binary: Buffer.isBuffer(f) });
    c.ws.send(JSON.stringify({ type: 'ping', id: 'end' }));
    await c.next((f) => f.type === 'pong' && f.id === 'end', 5000);
    const replies = c.frames.filter((f) => f.type === 'error' || f.type === 'reject').length;
    // Commands that parse but name unknown calls are rejected by the engine, not counted as bad frames.
    expect(replies).toBe(frames.length);
    expect(server.hub.badFrames - badBefore).toBeGreaterThan(frames.length * 0.8);
    expect(server.engine.digest()).toBe(before);
    console.log(`fuzz: ${frames.length} malformed frames sent, ${replies} error/reject replies, state digest unchanged`);
    c.ws.close();
  });

  it('a second connection follows unless it takes the phone; the one that lost it is told', async () => {
    const first = await login(server, '1007');
    const a = await connect(server, first);
    const snapA = await a.next((f) => f.type === 'snapshot');
    expect(snapA.type === 'snapshot' && snapA.session.phone).toBe(true);
    // Another machine logs in as the same agent: it follows; the first keeps the phone.
    const second = await login(server, '1007');
    const b = await connect(server, second);
    const snapB = await b.next((f) => f.type === 'snapshot');
    expect(snapB.type === 'snapshot' && snapB.session.phone).toBe(false);
    b.ws.send(JSON.stringify({ type: 'command', id: 's1', command: { name: 'setState', state: 'offline' } }));
    expect(await b.next((f) => f.type === 'reject' && f.id === 's1')).toMatchObject({ reason: 'not-phone-session' });
    // The agent confirms the takeover on the second machine: the first is told, not silently demoted.
    b.ws.send(JSON.stringify({ type: 'command', id: 's2', command: { name: 'takePhone' } }));
    await b.next((f) => f.type === 'ack' && f.id === 's2');
    expect(await a.next((f) => f.type === 'notice')).toMatchObject({ notice: { code: 'phone-taken', callId: null } });
    await a.next((f) => f.type === 'session' && !f.session.phone);
    // A connection that asks for it (takeover=1: a reload of the tab that held the phone) takes it back at once.
    const c = await connect(server, first, '&takeover=1');
    const snapC = await c.next((f) => f.type === 'snapshot');
    expect(snapC.type === 'snapshot' && snapC.session.phone).toBe(true);
    expect(await b.next((f) => f.type === 'notice')).toMatchObject({ notice: { code: 'phone-taken' } });
    c.ws.close();
    // The phone's connection closed: the newest remaining one takes over.
    await b.next((f) => f.type === 'session' && f.session.phone);
    a.ws.close();
    b.ws.close();
  });

  it('calls out with the simulator answering, and records the rating the caller presses', async () => {
    const token = await login(server, '1001');
    const c = await connect(server, token);
    await c.next((f) => f.type === 'snapshot');
    c.ws.send(JSON.stringify({ type: 'command', id: 'o1', command: { name: 'callOut', number: '13912345678' } }));
    const ack = await c.next((f) => f.type === 'ack' && f.id === 'o1');
    const callId = ack.type === 'ack' ? ack.result!.callId! : '';
    const call = await c.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'talking');
    expect(call.type === 'call' && call.call).toMatchObject({ direction: 'outbound', callerId: '4008001001', province: '江苏' });
    c.ws.send(JSON.stringify({ type: 'command', id: 'o2', command: { name: 'transferToSurvey', callId } }));
    await c.next((f) => f.type === 'call' && f.call.id === callId && f.call.rating !== null);
    const rec = (server.records as MemoryRecordSink).records.get(callId)!;
    expect(rec.endReason).toBe('survey-complete');
    expect(callRecordUpsertSchema.parse(rec)).toEqual(rec);
    c.ws.close();
  });

  it('listens on loopback only unless a host is given', async () => {
    const local = await startCtiServer({ port: 0, mode: 'test', tokenSecret: SECRET, accounts: new MemoryAccountDirectory({ tokenSecret: SECRET }) });
    try {
      expect(local.host).toBe('127.0.0.1');
    } finally {
      await local.close();
    }
    const all = await startCtiServer({ port: 0, host: '0.0.0.0', mode: 'test', tokenSecret: SECRET, accounts: new MemoryAccountDirectory({ tokenSecret: SECRET }) });
    try {
      expect(all.host).toBe('0.0.0.0');
    } finally {
      await all.close();
    }
  });

  it('has no simulator in production mode', async () => {
    await expect(startCtiServer({ port: 0, host: '127.0.0.1', mode: 'production', tokenSecret: SECRET })).rejects.toThrow(/OCTOPUS_API_URL/);
    const prod = await startCtiServer({ port: 0, host: '127.0.0.1', mode: 'production', tokenSecret: SECRET, accounts: new MemoryAccountDirectory({ tokenSecret: SECRET }) });
    const res = await post(`${prod.url}/sim/calls`, { from: '13800138000' });
    expect(res.status).toBe(404);
    expect(prod.simulator).toBeNull();
    await prod.close();
  });
});

describe('call record outbox', () => {
  const record = (callId: string, rating: number | null = null): CallRecordUpsert => ({
    callId,
    agentId: '1001',
    direction: 'inbound',
    number: '13800138000',
    province: '北京',
    city: '北京',
    skillGroup: 'presale',
    keyTrack: '1',
    verificationStatus: 'skipped',
    verificationMethod: null,
    userId: null,
    connectedAt: new Date(0).toISOString(),
    endedAt: new Date(1000).toISOString(),
    transfers: [],
    rating,
    endReason: 'agent-hangup',
  });

  it('retries with backoff until the api accepts, and resends after a restart from the journal', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cti-outbox-'));
    try {
      let up = false;
      const received: CallRecordUpsert[] = [];
      const send = async (m: OutboxMessage) => {
        if (!up) throw new Error('api down');
        if (m.kind === 'call-record') received.push(m.record);
      };
      const first = new Outbox({ send, dataDir: dir, baseDelayMs: 5, maxDelayMs: 20 });
      first.put(record('c1'));
      first.put(record('c2'));
      first.put(record('c1', 5)); // supersedes the unsent first version
      await new Promise((r) => setTimeout(r, 60));
      expect(first.failures).toBeGreaterThan(1);
      expect(first.size).toBe(2);
      first.close(); // "crash" with two records unsent

      const lines = readFileSync(path.join(dir, 'cti-outbox.jsonl'), 'utf8').trim().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(3);

      up = true;
      const second = new Outbox({ send, dataDir: dir, baseDelayMs: 5 });
      expect(second.size).toBe(2);
      expect(await second.drain()).toBe(true);
      expect(received.map((r) => [r.callId, r.rating]).sort()).toEqual([
        ['c1', 5],
        ['c2', null],
      ]);
      second.close();
      const third = new Outbox({ send, dataDir: dir });
      expect(third.size).toBe(0); // nothing is sent twice after a clean drain
      third.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('carries grant ends durably: journalled, merged to the earliest notAfter, resent after a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cti-outbox-'));
    try {
      let up = false;
      const received: OutboxMessage[] = [];
      const send = async (m: OutboxMessage) => {
        if (!up) throw new Error('api down');
        received.push(m);
      };
      const first = new Outbox({ send, dataDir: dir, baseDelayMs: 5, maxDelayMs: 20 });
      first.grantEnded({ callId: 'c1', agentId: '1001', legEndedAt: 1000, notAfter: 121_000 });
      first.put(record('c1'));
      await new Promise((r) => setTimeout(r, 30));
      // Wrap-up ended early: an earlier notAfter for the same leg.
      first.grantEnded({ callId: 'c1', agentId: '1001', legEndedAt: 1000, notAfter: 5000 });
      first.grantEnded({ callId: 'c1', agentId: '1002', legEndedAt: 2000, notAfter: 2000 });
      first.close();

      up = true;
      const second = new Outbox({ send, dataDir: dir, baseDelayMs: 5 });
      expect(second.size).toBe(3);
      expect(await second.drain()).toBe(true);
      const ends = received.filter((m) => m.kind === 'grant-ended').map((m) => (m.kind === 'grant-ended' ? m.notice : null));
      expect(ends).toEqual(
        expect.arrayContaining([
          { callId: 'c1', agentId: '1001', legEndedAt: 1000, notAfter: 5000 },
          { callId: 'c1', agentId: '1002', legEndedAt: 2000, notAfter: 2000 },
        ]),
      );
      expect(ends).toHaveLength(2);
      expect(received.filter((m) => m.kind === 'call-record')).toHaveLength(1);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
