// The chaos run (`pnpm chaos`, and a small version in jest): real cti-server node processes on a private
// redis-server, real @octopus/telephony drivers and stores as the agents' clients, live calls; meanwhile
// connections are cut and nodes are killed with SIGKILL (and started again). At the end every client's
// store must equal the engine's truth, no client may have applied a frame twice, and no call a client
// saw live may have vanished without ending. Everything started here is killed on every exit path.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { signToken, type AgentClaims } from '@octopus/auth';
import type { AgentSelf, CallView } from '@octopus/contracts';
import WS from 'ws';
import { TelephonyClient, createCtiDriver, type CtiDriver, type TelephonyStore, type WebSocketConstructor } from '@octopus/telephony';
import { freePort } from '../free-port';

const SERVER = path.resolve(__dirname, 'server.ts');
const SECRET = 'chaos-secret';
const GROUPS = ['presale', 'aftersale', 'finance'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface ChaosOptions {
  /** Agents (clients); default 30. */
  agents?: number;
  /** Nodes of the floor; default 3. */
  nodes?: number;
  /** Connection cuts (`driver.dropConnection()` on a random agent), spread over the run; default 1,000. */
  cuts?: number;
  /** Node kills (SIGKILL of a random node — the leader every other time — started again 1 s later); default 5. */
  kills?: number;
  /** Length of the chaos phase, ms; default 60,000. */
  durationMs?: number;
  /** New calls per second during the chaos phase; default 4. */
  callsPerSecond?: number;
  /** How long an agent talks before hanging up, ms; default 1,500. */
  talkMs?: number;
  /** How long the clients may take to converge at the end, ms; default 30,000. */
  settleMs?: number;
  log?: (message: string) => void;
}

export interface ChaosResult {
  agents: number;
  cuts: number;
  kills: number;
  callsPlaced: number;
  callsAnswered: number;
  /** Calls a client saw live that ended nowhere and are not live in the engine. */
  lostCalls: number;
  /** Frames a client received twice (seq at or below one already applied). */
  duplicatedFrames: number;
  /** Sequence gaps the clients saw (each followed by a resync). */
  gaps: number;
  resyncs: number;
  reconnects: number;
  /** Clients whose store differed from the engine's truth when the run ended (must be 0). */
  mismatched: Array<{ agentId: string; store: string; truth: string }>;
  /** From the end of the chaos phase to every store equal to the truth, ms. */
  convergedMs: number;
}

function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection({ port, host: '127.0.0.1' });
    c.setTimeout(500, () => (c.destroy(), resolve(false)));
    c.once('error', () => resolve(false));
    c.once('connect', () => c.write('PING\r\n'));
    c.once('data', (d) => {
      c.destroy();
      resolve(String(d).startsWith('+PONG'));
    });
  });
}

function waitMessage<T>(child: ChildProcess, type: string, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', on);
      child.off('exit', exited);
    };
    const timer = setTimeout(() => (done(), reject(new Error(`no ${type} within ${timeoutMs} ms`))), timeoutMs);
    const on = (m: { type?: string }) => {
      if (m?.type !== type) return;
      done();
      resolve(m as T);
    };
    const exited = () => (done(), reject(new Error(`node exited before ${type}`)));
    child.on('message', on);
    child.once('exit', exited);
  });
}

/** Compares a store with the engine's `snapshotFor` (live calls only; the store also keeps ended ones). */
function sameAsTruth(store: TelephonyStore, truth: { agent: AgentSelf | null; calls: CallView[] }): boolean {
  const s = store.getState();
  // Both sides as plain JSON of this realm (the truth came over IPC; jest runs tests in another realm).
  const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x ?? null));
  if (!isDeepStrictEqual(plain(s.agent), plain(truth.agent))) return false;
  const live = [...s.calls.values()].filter((c) => c.state !== 'ended').map(({ from: _from, ...c }) => c);
  if (live.length !== truth.calls.length) return false;
  const byId = new Map(live.map((c) => [c.id, c]));
  return truth.calls.every((c) => isDeepStrictEqual(plain(byId.get(c.id)), plain(c)));
}

/** What differs, in a line: the agent's state and rev and each live call's id, state and rev. */
function summary(agent: AgentSelf | null, calls: CallView[]): string {
  return `${agent?.state}/${agent?.nextState}@${agent?.rev} ${calls.map((c) => `${c.id}:${c.state}@${c.rev}`).join(' ')}`;
}

/** Runs one chaos run; resolves with what it measured (it does not judge — callers assert). */
export async function runChaos(options: ChaosOptions = {}): Promise<ChaosResult> {
  const agents = options.agents ?? 30;
  const nodeCount = options.nodes ?? 3;
  const cuts = options.cuts ?? 1000;
  const kills = options.kills ?? 5;
  const durationMs = options.durationMs ?? 60_000;
  const rate = options.callsPerSecond ?? 4;
  const talkMs = options.talkMs ?? 1500;
  const log = options.log ?? (() => undefined);

  const children = new Set<ChildProcess>();
  const track = (c: ChildProcess) => {
    children.add(c);
    c.once('exit', () => children.delete(c));
    return c;
  };
  const killAll = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  };
  process.once('exit', killAll);
  const stops: Array<() => void> = [];
  try {
    const redisPort = await freePort();
    track(spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }));
    for (let i = 0; !(await redisPing(redisPort)); i++) {
      if (i > 100) throw new Error('redis-server did not start');
      await sleep(100);
    }
    const ports = await Promise.all(Array.from({ length: nodeCount }, () => freePort()));
    const nodes: Array<ChildProcess | null> = [];
    const alive = new Set<number>();
    const startNode = async (i: number) => {
      const child = track(
        fork(SERVER, [], {
          execArgv: ['--import', 'tsx'],
          env: { ...process.env, BENCH_SECRET: SECRET, BENCH_AGENTS: String(agents), BENCH_PORT: String(ports[i]), BENCH_NODE_ID: `c${i + 1}`, BENCH_REDIS_URL: `redis://127.0.0.1:${redisPort}`, BENCH_REDIS_PREFIX: 'octopus-chaos', BENCH_HEARTBEAT_MS: '1500', BENCH_LEASE_MS: '1500' },
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      );
      nodes[i] = child;
      await waitMessage(child, 'ready');
      alive.add(i);
    };
    for (let i = 0; i < nodeCount; i++) await startNode(i);
    const ask = async <T>(type: string, extra: object = {}): Promise<T[]> =>
      Promise.all([...alive].map((i) => nodes[i]).filter((n): n is ChildProcess => !!n).map((n) => {
        const reply = waitMessage<T>(n, type, 10_000);
        n.send({ type, ...extra });
        return reply.catch(() => null as T);
      }));

    // Each client picks a live node at every (re)connect, as a load balancer would.
    let pick = 0;
    const Balanced = class extends WS {
      constructor(url: string) {
        const live = [...alive];
        const port = ports[live.length ? live[pick++ % live.length]! : 0]!;
        super(url.replace(/\/\/[^/]+\//, `//127.0.0.1:${port}/`));
      }
    } as unknown as WebSocketConstructor;

    const ids = Array.from({ length: agents }, (_, i) => `B${String(i).padStart(5, '0')}`);
    const clients = ids.map((id, i) => {
      const token = signToken<AgentClaims>({ kind: 'agent', sub: id, sid: `chaos-${id}`, name: id, role: 'agent', skillGroups: [GROUPS[i % 3]!] }, { secret: SECRET, ttlSeconds: 3600 });
      const client = new TelephonyClient();
      const driver: CtiDriver = createCtiDriver({ url: 'ws://balancer/ws', token, topics: [], WebSocket: Balanced, backoff: { initialMs: 100, maxMs: 1000 } });
      stops.push(client.connect(driver));
      return { id, store: client.store, actions: client.actions, driver };
    });

    // Agents answer what rings them and hang up after talking; commands lost to a cut are simply tried again.
    const seenLive = new Map<string, string>();
    const seenEnded = new Set<string>();
    let answered = 0;
    let automate = true;
    const busy = new Set<string>();
    const behave = setInterval(() => {
      for (const c of clients) {
        for (const call of c.store.getState().calls.values()) {
          if (call.state === 'ended') {
            seenEnded.add(call.id);
            continue;
          }
          seenLive.set(call.id, c.id);
          if (!automate || busy.has(call.id) || c.store.getState().connection !== 'connected') continue;
          const since = call.connectedAt ?? call.ringingSince ?? Date.now();
          const command = call.state === 'ringing' && call.role === 'owner' ? 'answer' : call.state === 'talking' && call.role === 'owner' && Date.now() - since > talkMs ? 'hangup' : null;
          if (!command) continue;
          busy.add(call.id);
          c.actions
            .send({ name: command, callId: call.id })
            .then(() => {
              if (command === 'answer') answered++;
            })
            .catch(() => undefined)
            .finally(() => busy.delete(call.id));
        }
      }
    }, 50);
    stops.push(() => clearInterval(behave));

    const until = async (pred: () => boolean, timeoutMs: number, what: string) => {
      const end = Date.now() + timeoutMs;
      while (!pred()) {
        if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
        await sleep(50);
      }
    };
    await until(() => clients.every((c) => c.store.getState().connection === 'connected'), 60_000, 'clients connected');
    log(`chaos: ${agents} agents on ${nodeCount} nodes; ${cuts} cuts and ${kills} node kills over ${durationMs / 1000} s at ${rate} calls/s`);

    // The chaos phase.
    let placed = 0;
    let cutsDone = 0;
    let killsDone = 0;
    const started = Date.now();
    const place = async () => {
      const live = [...alive];
      const port = ports[live[placed % Math.max(1, live.length)] ?? 0]!;
      placed++;
      await fetch(`http://127.0.0.1:${port}/sim/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: `1390000${String(placed).padStart(4, '0')}`, skillGroup: GROUPS[placed % 3] }) })
        .then((r) => r.arrayBuffer())
        .catch(() => undefined);
    };
    const restarts: Array<Promise<void>> = [];
    // Kills that could not happen on time (the last one's node still restarting on a loaded machine) happen
    // late: the phase lasts until every kill is done, with calls still coming.
    while (Date.now() - started < durationMs || killsDone < kills) {
      if (Date.now() - started > durationMs + 180_000) throw new Error(`only ${killsDone} of ${kills} node kills within the run`);
      const t = (Date.now() - started) / durationMs;
      while (placed < t * (durationMs / 1000) * rate) void place();
      while (cutsDone < Math.min(cuts, Math.floor(t * cuts))) {
        clients[Math.floor(Math.random() * clients.length)]!.driver.dropConnection();
        cutsDone++;
      }
      if (killsDone < Math.min(kills, Math.floor(t * (kills + 0.5))) && alive.size === nodeCount) {
        // Every other kill is the leader's.
        const leaders = (await ask<{ leading: boolean; type: string }>('truth', { agents: [] })).map((r, k) => (r?.leading ? [...alive][k] : -1)).filter((k) => k !== undefined && k >= 0);
        const victim = killsDone % 2 === 0 && leaders.length ? leaders[0]! : [...alive][Math.floor(Math.random() * alive.size)]!;
        killsDone++;
        alive.delete(victim);
        nodes[victim]!.kill('SIGKILL');
        log(`chaos: kill -9 of node c${victim + 1}${leaders[0] === victim ? ' (leader)' : ''}`);
        restarts.push(sleep(1000).then(() => startNode(victim)));
      }
      await sleep(20);
    }
    await Promise.all(restarts);
    while (cutsDone < cuts) {
      clients[Math.floor(Math.random() * clients.length)]!.driver.dropConnection();
      cutsDone++;
    }
    const chaosEnded = Date.now();
    // Quiet: agents stop acting; every store must converge to the engine's truth.
    automate = false;
    let mismatched: ChaosResult['mismatched'] = [];
    let truthLive = new Set<string>();
    for (;;) {
      const connected = clients.every((c) => c.store.getState().connection === 'connected');
      const replies = await ask<{ leading: boolean; truth: Record<string, { agent: AgentSelf | null; calls: CallView[] }> | null }>('truth', { agents: ids });
      const truth = replies.find((r) => r?.leading)?.truth;
      if (connected && truth) {
        mismatched = clients.filter((c) => !sameAsTruth(c.store, truth[c.id]!)).map((c) => ({ agentId: c.id, store: summary(c.store.getState().agent, [...c.store.getState().calls.values()].filter((x) => x.state !== 'ended')), truth: summary(truth[c.id]!.agent, truth[c.id]!.calls) }));
        truthLive = new Set(Object.values(truth).flatMap((t) => t.calls.map((c) => c.id)));
        if (mismatched.length === 0) break;
      }
      if (Date.now() - chaosEnded > (options.settleMs ?? 30_000)) break;
      await sleep(200);
    }
    const convergedMs = Date.now() - chaosEnded;
    for (const c of clients) for (const call of c.store.getState().calls.values()) if (call.state === 'ended') seenEnded.add(call.id);
    const lostCalls = [...seenLive.keys()].filter((id) => !seenEnded.has(id) && !truthLive.has(id)).length;
    const sum = (k: 'duplicates' | 'gaps' | 'resyncs' | 'connects') => clients.reduce((a, c) => a + c.driver.stats[k], 0);
    return {
      agents,
      cuts: cutsDone,
      kills: killsDone,
      callsPlaced: placed,
      callsAnswered: answered,
      lostCalls,
      duplicatedFrames: sum('duplicates'),
      gaps: sum('gaps'),
      resyncs: sum('resyncs'),
      reconnects: sum('connects') - agents,
      mismatched,
      convergedMs,
    };
  } finally {
    for (const stop of stops) stop();
    for (const c of [...children]) {
      if (c.connected) c.send({ type: 'stop' });
    }
    await sleep(300);
    killAll();
    process.off('exit', killAll);
  }
}
