// The multi-node suite: three cti-server processes on one Redis (TEST_REDIS_URL / REDIS_URL, or a
// throwaway Debian redis-server when installed; skipped otherwise).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { ivrResponseSchema, ivrSessionViewSchema, rulesResponseSchema } from '@octopus/contracts';
import { connect, post } from '../server/test-client';
import { freePort } from '../free-port';
import { hasRedisServer, startThrowawayRedis } from './test-redis';

const repoRoot = path.resolve(__dirname, '../../../..');
const SECRET = randomBytes(32).toString('hex');

const givenUrl = process.env.TEST_REDIS_URL || process.env.REDIS_URL || '';
const available = givenUrl !== '' || hasRedisServer();

async function waitUntil(pred: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await pred().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

(available ? describe : describe.skip)('three cti-server nodes on Redis', () => {
  const children: ChildProcess[] = [];
  let redisUrl = givenUrl;
  let redisProcess: ChildProcess | null = null;
  const prefix = `octopus-test:${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cti-cluster-'));
  const cleanups: Array<() => void> = [];

  beforeAll(async () => {
    if (!redisUrl) {
      const started = await startThrowawayRedis();
      redisProcess = started.process;
      redisUrl = started.url;
    }
  });
  afterAll(async () => {
    for (const f of cleanups) f();
    for (const c of children) await killed(c);
    if (redisProcess) await killed(redisProcess);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function startNode(id: string, port: number, keyPrefix = prefix): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/cti-server/src/main.ts')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        REDIS_URL: redisUrl,
        OCTOPUS_MODE: 'test',
        OCTOPUS_TOKEN_SECRET: SECRET,
        OCTOPUS_API_URL: '',
        OCTOPUS_DATA_DIR: path.join(dataDir, `${keyPrefix}-${id}`.replace(/[^\w-]/g, '_')),
        CTI_PORT: String(port),
        OCTOPUS_BIND_HOST: '127.0.0.1',
        CTI_NODE_ID: id,
        CTI_LEASE_MS: '1500',
        CTI_RECONNECT_GRACE_MS: '30000',
        CTI_REDIS_PREFIX: keyPrefix,
      },
      stdio: ['ignore', process.env.CLUSTER_TEST_LOGS ? 'inherit' : 'ignore', 'inherit'],
    });
    children.push(child);
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 30_000, `node ${id}`);
    return child;
  }

  it('any node accepts any agent; kill -9 of the leader mid-call: agents reconnect through another node and keep calls, states and queue positions', async () => {
    const ports = [await freePort(), await freePort(), await freePort()];
    const nodes = new Map<string, { child: ChildProcess; port: number }>();
    for (const [i, id] of ['n1', 'n2', 'n3'].entries()) nodes.set(id, { child: await startNode(id, ports[i]!), port: ports[i]! });
    const redis = new Redis(redisUrl);
    cleanups.push(() => redis.disconnect());
    const leaderId = async () => ((await redis.get(`${prefix}:leader`)) ?? '').split('|')[0]!;
    const first = await leaderId();
    expect(['n1', 'n2', 'n3']).toContain(first);
    const followers = [...nodes.keys()].filter((id) => id !== first);
    const via = (id: string) => ({ url: `http://127.0.0.1:${nodes.get(id)!.port}`, wsUrl: `ws://127.0.0.1:${nodes.get(id)!.port}/ws` });

    const login = async (node: string, agent: string) => ((await (await post(`${via(node).url}/auth/login`, { agentId: agent, password: 'octopus' })).json()) as { token: string }).token;
    // 1001 through one follower, 1002 through the other: one engine, one phone each.
    const a = await connect(via(followers[0]!), await login(followers[0]!, '1001'), '&topics=');
    await a.next((f) => f.type === 'snapshot');
    const b = await connect(via(followers[1]!), await login(followers[1]!, '1002'), '&topics=');
    await b.next((f) => f.type === 'snapshot');
    let n = 0;
    const command = async (c: typeof a, body: object) => {
      const id = `k${++n}`;
      c.ws.send(JSON.stringify({ type: 'command', id, command: body }));
      const reply = await c.next((f) => (f.type === 'ack' || f.type === 'reject') && f.id === id, 3000);
      expect(reply.type).toBe('ack');
    };
    await command(b, { name: 'setState', state: 'break' });
    const sim = async (node: string, body: object) => ((await (await post(`${via(node).url}/sim/calls`, body)).json()) as { callId: string }).callId;
    const talking = await sim(followers[1]!, { from: '13800138000', skillGroup: 'presale' });
    await a.next((f) => f.type === 'call' && f.call.id === talking && f.call.state === 'ringing');
    await command(a, { name: 'answer', callId: talking });
    await command(a, { name: 'setState', state: 'meeting' });
    const queued = await sim(followers[0]!, { from: '13800138001', skillGroup: 'presale' });
    const status = async (node: string, id: string) => (await (await fetch(`${via(node).url}/sim/calls/${id}`)).json()) as Record<string, unknown>;
    await waitUntil(async () => (await status(followers[0]!, queued)).phase === 'queued', 3000, 'queued');
    expect(await status(followers[1]!, queued)).toMatchObject({ phase: 'queued', queuePosition: 1 });
    await new Promise((r) => setTimeout(r, 100)); // the last steps reach Redis

    await killed(nodes.get(first)!.child);
    a.ws.terminate();
    b.ws.terminate();
    // Another node takes over within the lease (1.5 s) and restores the floor from Redis.
    const killedAt = Date.now();
    await waitUntil(async () => {
      const id = await leaderId();
      if (id === '' || id === first) return false;
      // Every surviving node proxies to it.
      for (const f of followers) if (!(await fetch(`${via(f).url}/health`)).ok) return false;
      return true;
    }, 10_000, 'a new leader');
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(await status(followers[0]!, talking)).toMatchObject({ phase: 'connected', agentId: '1001' });
    expect(await status(followers[1]!, queued)).toMatchObject({ phase: 'queued', queuePosition: 1 });
    // (Sessions lived in the dead leader's memory in this api-less test: log in again; with the api the same token reconnects.)
    const a2 = await connect(via(followers[1]!), await login(followers[1]!, '1001'), '&topics=');
    const snap = await a2.next((f) => f.type === 'snapshot');
    if (snap.type !== 'snapshot') throw new Error();
    expect(snap.agent).toMatchObject({ state: 'talking', nextState: 'meeting' });
    expect(snap.calls).toEqual([expect.objectContaining({ id: talking, state: 'talking' })]);
    const b2 = await connect(via(followers[0]!), await login(followers[0]!, '1002'), '&topics=');
    const snapB = await b2.next((f) => f.type === 'snapshot');
    if (snapB.type !== 'snapshot') throw new Error();
    expect(snapB.agent).toMatchObject({ state: 'break' });
    // A call is routed once, by the one leader: it queues behind the first caller, never to 1002 on Break.
    const next = await sim(followers[0]!, { from: '13800138002', skillGroup: 'presale' });
    await waitUntil(async () => (await status(followers[1]!, next)).phase === 'queued', 3000, 'next queued');
    expect(await status(followers[1]!, next)).toMatchObject({ queuePosition: 2 });
    a2.ws.terminate();
    b2.ws.terminate();
  }, 90_000);

  it('followers hold agents themselves and relay them: agents spread over 3 nodes, one phone across nodes, each call routed once; kill -9 of a follower, then of the leader, mid-call: agents keep calls, states and queue positions with the same tokens', async () => {
    const keyPrefix = `${prefix}-relay`;
    const ports = [await freePort(), await freePort(), await freePort()];
    const nodes = new Map<string, { child: ChildProcess; port: number }>();
    for (const [i, id] of ['r1', 'r2', 'r3'].entries()) nodes.set(id, { child: await startNode(id, ports[i]!, keyPrefix), port: ports[i]! });
    const redis = new Redis(redisUrl);
    cleanups.push(() => redis.disconnect());
    const leaderId = async () => ((await redis.get(`${keyPrefix}:leader`)) ?? '').split('|')[0]!;
    const leader = await leaderId();
    const [f1, f2] = [...nodes.keys()].filter((id) => id !== leader) as [string, string];
    const via = (id: string) => ({ url: `http://127.0.0.1:${nodes.get(id)!.port}`, wsUrl: `ws://127.0.0.1:${nodes.get(id)!.port}/ws` });
    const nodeInfo = async (id: string) => (await (await fetch(`${via(id).url}/cluster/node`)).json()) as { relayed: number; leading: boolean; leader: string };
    const login = async (node: string, agent: string) => ((await (await post(`${via(node).url}/auth/login`, { agentId: agent, password: 'octopus' })).json()) as { token: string }).token;
    type Client = Awaited<ReturnType<typeof connect>>;
    const all: Client[] = [];
    const open = async (node: string, token: string, query = '') => {
      const c = await connect(via(node), token, `&topics=${query}`);
      all.push(c);
      await c.next((f) => f.type === 'snapshot');
      return c;
    };
    // Agents spread over the three nodes: two relayed through each follower's own sockets, one direct on the leader.
    const tokens = new Map<string, string>();
    const home: Record<string, string> = { '1001': f1, '1008': f1, '1002': f2, '1006': leader };
    const clients = new Map<string, Client>();
    for (const [agent, node] of Object.entries(home)) {
      tokens.set(agent, await login(node, agent));
      clients.set(agent, await open(node, tokens.get(agent)!));
    }
    expect((await nodeInfo(f1)).relayed).toBe(2);
    expect((await nodeInfo(f2)).relayed).toBe(1);
    expect((await nodeInfo(leader)).relayed).toBe(0);

    // One phone across nodes, as on one node: 1008's second connection, on the other follower, only follows…
    const follower = await open(f2, tokens.get('1008')!);
    const followerSnap = await follower.next((f) => f.type === 'snapshot');
    expect(followerSnap.type === 'snapshot' && followerSnap.session.phone).toBe(false);
    follower.ws.close();
    await clients.get('1008')!.next((f) => f.type === 'session' && f.session.phone && f.session.sessions === 1);
    // …until it asks for the phone (takeover=1, relayed with the connect URL): then it holds it and the first is told.
    const second = await open(f2, tokens.get('1008')!, '&takeover=1');
    const secondSnap = await second.next((f) => f.type === 'snapshot');
    expect(secondSnap.type === 'snapshot' && secondSnap.session.phone).toBe(true);
    await clients.get('1008')!.next((f) => f.type === 'session' && !f.session.phone);
    second.ws.close();
    await clients.get('1008')!.next((f) => f.type === 'session' && f.session.phone && f.session.sessions === 1);

    let n = 0;
    const command = async (c: Client, body: object) => {
      const id = `r${++n}`;
      c.ws.send(JSON.stringify({ type: 'command', id, command: body }));
      const reply = await c.next((f) => (f.type === 'ack' || f.type === 'reject') && f.id === id);
      expect(reply).toMatchObject({ type: 'ack' });
    };
    const sim = async (node: string, body: object) => ((await (await post(`${via(node).url}/sim/calls`, body)).json()) as { callId: string }).callId;
    const status = async (node: string, id: string) => (await (await fetch(`${via(node).url}/sim/calls/${id}`)).json()) as Record<string, unknown>;
    // Four presale calls, placed through all three nodes, ring the four idle presale agents: each exactly once.
    const calls: string[] = [];
    for (const node of [f1, f2, leader, f1]) calls.push(await sim(node, { from: `1380013${String(8100 + calls.length)}`, skillGroup: 'presale' }));
    const ringsOf = (callId: string) => [...clients].filter(([, c]) => c.frames.some((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'ringing' && f.call.role === 'owner')).map(([a]) => a);
    await waitUntil(async () => calls.every((id) => ringsOf(id).length === 1), 10_000, 'every call rings one agent');
    const owner = new Map(calls.map((id) => [ringsOf(id)[0]!, id]));
    expect(owner.size).toBe(4);
    for (const [agent, callId] of owner) await command(clients.get(agent)!, { name: 'answer', callId });
    await command(clients.get('1001')!, { name: 'setState', state: 'meeting' });
    const queued = await sim(f2, { from: '13800138199', skillGroup: 'presale' });
    await waitUntil(async () => (await status(f2, queued)).phase === 'queued', 10_000, 'queued');
    expect(await status(f1, queued)).toMatchObject({ phase: 'queued', queuePosition: 1 });
    await new Promise((r) => setTimeout(r, 200)); // the last steps reach Redis

    const expectKept = async (node: string, agent: string, token: string) => {
      const c = await open(node, token);
      const snap = await c.next((f) => f.type === 'snapshot');
      if (snap.type !== 'snapshot') throw new Error();
      expect(snap.agent).toMatchObject({ state: 'talking', ...(agent === '1001' && { nextState: 'meeting' }) });
      expect(snap.calls).toEqual([expect.objectContaining({ id: owner.get(agent) ? owner.get(agent) : undefined, state: 'talking' })]);
      clients.set(agent, c);
    };
    // kill -9 of a follower mid-call: its agents reconnect through the other follower with the same tokens.
    await killed(nodes.get(f1)!.child);
    await clients.get('1001')!.whenClosed();
    await clients.get('1008')!.whenClosed();
    expect(await leaderId()).toBe(leader);
    await expectKept(f2, '1001', tokens.get('1001')!);
    await expectKept(f2, '1008', tokens.get('1008')!);
    expect(await status(f2, queued)).toMatchObject({ phase: 'queued', queuePosition: 1 });

    // kill -9 of the leader: the last node takes the lease; the sockets it relayed are closed (1012) and resync.
    await killed(nodes.get(leader)!.child);
    for (const agent of ['1001', '1008', '1002']) expect(await clients.get(agent)!.whenClosed()).toBe(1012);
    await waitUntil(async () => (await leaderId()) === f2 && (await nodeInfo(f2)).leading, 10_000, 'the last node leads');
    for (const agent of ['1001', '1008', '1002', '1006']) await expectKept(f2, agent, tokens.get(agent)!);
    expect(await status(f2, queued)).toMatchObject({ phase: 'queued', queuePosition: 1 });
    for (const [callId] of [...owner.values()].map((id) => [id])) expect(await status(f2, callId!)).toMatchObject({ phase: 'connected' });

    // Nothing arrived twice or out of order on any connection: per-connection seq is 1, 2, 3, …
    for (const c of all) {
      const seqs = c.raw.map((f) => (f as { seq: number }).seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    // Each call rang exactly one agent, over all connections and both failovers.
    for (const id of calls) expect(new Set(all.flatMap((c) => c.frames.filter((f) => f.type === 'call' && f.call.id === id && f.call.state === 'ringing' && f.call.role === 'owner').map(() => c))).size).toBeLessThanOrEqual(1);
    for (const c of all) c.ws.terminate();
  }, 120_000);
  it('routing rules changed through a follower reach the leader, apply to the next call, and survive a kill -9 of the leader', async () => {
    const keyPrefix = `${prefix}-rules`;
    const ports = [await freePort(), await freePort()];
    const nodes = new Map<string, { child: ChildProcess; port: number }>();
    for (const [i, id] of ['q1', 'q2'].entries()) nodes.set(id, { child: await startNode(id, ports[i]!, keyPrefix), port: ports[i]! });
    const redis = new Redis(redisUrl);
    cleanups.push(() => redis.disconnect());
    const leaderId = async () => ((await redis.get(`${keyPrefix}:leader`)) ?? '').split('|')[0]!;
    const leader = await leaderId();
    const follower = [...nodes.keys()].find((id) => id !== leader)!;
    const url = (id: string) => `http://127.0.0.1:${nodes.get(id)!.port}`;
    const token = ((await (await post(`${url(follower)}/auth/login`, { agentId: '2001', password: 'octopus' })).json()) as { token: string }).token;
    const auth = { authorization: `Bearer ${token}` };
    const rules = async (id: string) => rulesResponseSchema.parse(await (await fetch(`${url(id)}/rules`, { headers: auth })).json());
    const presale = (await rules(follower)).current.groups.presale!;
    // Through the follower (proxied to the leader): presale closes at capacity 1, the next caller overflows to finance.
    const put = await fetch(`${url(follower)}/rules/groups/presale`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ ...presale, strategy: 'round-robin', capacity: 1, onFull: { kind: 'overflow', group: 'finance' } }),
    });
    expect(put.status).toBe(200);
    expect((await rules(leader)).current).toMatchObject({ version: 2, by: '2001', groups: { presale: { strategy: 'round-robin', capacity: 1 } } });
    const sim = async (body: object) => ((await (await post(`${url(follower)}/sim/calls`, body)).json()) as { callId: string }).callId;
    const status = async (id: string, callId: string) => (await (await fetch(`${url(id)}/sim/calls/${callId}`)).json()) as Record<string, unknown>;
    const first = await sim({ from: '13800138300', skillGroup: 'presale' });
    await waitUntil(async () => (await status(follower, first)).phase === 'queued', 5000, 'first queued');
    const second = await sim({ from: '13800138301', skillGroup: 'presale' });
    await waitUntil(async () => (await status(follower, second)).phase === 'queued', 5000, 'second queued');
    expect(await status(follower, second)).toMatchObject({ skillGroup: 'finance' });
    await new Promise((r) => setTimeout(r, 200)); // the last steps reach Redis

    await killed(nodes.get(leader)!.child);
    await waitUntil(async () => (await leaderId()) === follower, 10_000, 'the follower leads');
    await waitUntil(async () => (await fetch(`${url(follower)}/health`)).ok, 10_000, 'the new leader answers');
    // The demo sessions live in Redis: the same token works on the new leader.
    const kept = await rules(follower);
    expect(kept.current).toMatchObject({ version: 2, by: '2001', groups: { presale: { strategy: 'round-robin', capacity: 1 } } });
    expect(kept.history.map((v) => v.version)).toEqual([2, 1]);
    const third = await sim({ from: '13800138302', skillGroup: 'presale' });
    await waitUntil(async () => (await status(follower, third)).phase === 'queued', 5000, 'third queued');
    expect(await status(follower, third)).toMatchObject({ skillGroup: 'finance' });
  }, 90_000);

  it('an IVR tree saved through a follower is walked by the next call, and survives a kill -9 of the leader', async () => {
    const keyPrefix = `${prefix}-ivr`;
    const ports = [await freePort(), await freePort()];
    const nodes = new Map<string, { child: ChildProcess; port: number }>();
    for (const [i, id] of ['v1', 'v2'].entries()) nodes.set(id, { child: await startNode(id, ports[i]!, keyPrefix), port: ports[i]! });
    const redis = new Redis(redisUrl);
    cleanups.push(() => redis.disconnect());
    const leaderId = async () => ((await redis.get(`${keyPrefix}:leader`)) ?? '').split('|')[0]!;
    const leader = await leaderId();
    const follower = [...nodes.keys()].find((id) => id !== leader)!;
    const url = (id: string) => `http://127.0.0.1:${nodes.get(id)!.port}`;
    const token = ((await (await post(`${url(follower)}/auth/login`, { agentId: '2001', password: 'octopus' })).json()) as { token: string }).token;
    const auth = { authorization: `Bearer ${token}` };
    const ivr = async (id: string) => ivrResponseSchema.parse(await (await fetch(`${url(id)}/ivr`, { headers: auth })).json());
    const m = (text: string) => ({ 'zh-CN': text, 'en-US': text });
    const tree = { root: 'main', agentGroup: null, maxRepeats: 3, invalidPrompt: m('invalid'), nodes: { main: { kind: 'menu', prompt: m('cluster menu'), options: { '5': 'fin' } }, fin: { kind: 'group', prompt: null, group: 'finance' } } };
    const put = await fetch(`${url(follower)}/ivr/hotlines/4008001000`, { method: 'PUT', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(tree) });
    expect(put.status).toBe(200);
    expect((await ivr(leader)).current).toMatchObject({ version: 2, by: '2001' });
    const firstPrompt = async () => {
      const { callId } = (await (await post(`${url(follower)}/sim/calls`, { from: '13800138400', interactive: true })).json()) as { callId: string };
      const view = ivrSessionViewSchema.parse(await (await fetch(`${url(follower)}/sim/calls/${callId}/ivr`)).json());
      return view.prompts[0]!.text['en-US'];
    };
    expect(await firstPrompt()).toBe('cluster menu');
    await new Promise((r) => setTimeout(r, 200)); // the last steps reach Redis

    await killed(nodes.get(leader)!.child);
    await waitUntil(async () => (await leaderId()) === follower, 10_000, 'the follower leads');
    await waitUntil(async () => (await fetch(`${url(follower)}/health`)).ok, 10_000, 'the new leader answers');
    expect((await ivr(follower)).history.map((v) => v.version)).toEqual([2, 1]);
    expect(await firstPrompt()).toBe('cluster menu');
  }, 90_000);
});
