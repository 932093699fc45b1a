// A cti-server process under benchmark: BENCH_AGENTS agents (+5 supervisors), no api (the bench signs
// its own tokens). One process on the journal (BENCH_DATA_DIR) or in memory, or — with BENCH_REDIS_URL —
// one node of a Redis-backed floor. Whichever process runs the engine reports ring dispatch times over IPC.
import { performance } from 'node:perf_hooks';
import type { CtiEvent } from '@octopus/contracts';
import { startClusterNode } from '../cluster/node';
import type { AgentAccount } from '../engine/config';
import type { AccountDirectory } from '../engine/ports';
import { startCtiServer, type CtiServer, type CtiServerOptions } from '../server/start';
import { benchAgentId } from './shared';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 2000);
const GROUPS = ['presale', 'aftersale', 'finance'];

/** The bench's agents (every tenth also serves the next group) and five supervisors. */
export function benchAgents(): AgentAccount[] {
  const agents: AgentAccount[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const groups = [GROUPS[i % 3]!];
    if (i % 10 === 0) groups.push(GROUPS[(i + 1) % 3]!);
    agents.push({ id: benchAgentId(i), name: `Bench ${i}`, skillGroups: groups });
  }
  for (let i = 1; i <= 5; i++) agents.push({ id: `S${i}`, name: `Supervisor ${i}`, skillGroups: [], role: 'supervisor' });
  return agents;
}

/** Benchmark only: the bench signs its own tokens and every session counts as active (no api, no logins). */
function benchAccounts(agents: AgentAccount[]): AccountDirectory {
  const refused = async () => ({ status: 404, body: { error: 'not_found', message: 'no logins in the benchmark' }, retryAfter: null });
  return {
    login: refused,
    refresh: refused,
    logout: refused,
    inactiveSessions: async () => [],
    agents: async () => agents.map((a) => ({ id: a.id, name: a.name, role: a.role ?? 'agent', skillGroups: a.skillGroups, disabled: false })),
  };
}

/** Times each call from the simulator accepting it to its ring frame handed to the agent's socket (or relay). */
function instrument(server: CtiServer) {
  const createdAt = new Map<string, number>();
  const samples: number[] = [];
  const sim = server.simulator!;
  const create = sim.createCall.bind(sim);
  sim.createCall = (request) => {
    const t = performance.now();
    const id = create(request);
    createdAt.set(id, t);
    return id;
  };
  const toAgent = server.hub.toAgent.bind(server.hub);
  server.hub.toAgent = (agentId: string, event: CtiEvent) => {
    toAgent(agentId, event);
    if (event.type === 'call' && event.call.state === 'ringing' && event.call.role === 'owner') {
      const t0 = createdAt.get(event.call.id);
      if (t0 !== undefined) {
        samples.push(performance.now() - t0);
        createdAt.delete(event.call.id);
      }
    }
  };
  return { createdAt, samples };
}

async function main(): Promise<void> {
  // Never outlive the bench that forked us.
  process.on('disconnect', () => process.exit(0));
  const dataDir = process.env.BENCH_DATA_DIR || null;
  const options: CtiServerOptions = {
    ...(dataDir && { dataDir, state: 'journal' as const }),
    mode: 'test',
    tokenSecret: process.env.BENCH_SECRET ?? 'bench',
    apiUrl: null,
    accounts: benchAccounts(benchAgents()),
    wrapUpMs: 0,
    ringTimeoutMs: 20_000,
    reconnectGraceMs: 60_000,
    // Heartbeats every 30 s as in earlier runs (BENCH_HEARTBEAT_MS=1500 for production's liveness load).
    heartbeatMs: Number(process.env.BENCH_HEARTBEAT_MS ?? 30_000),
    log: (m) => {
      if (process.env.BENCH_VERBOSE) console.log(`[node ${process.env.BENCH_NODE_ID ?? ''}] ${m}`);
    },
  };
  const port = Number(process.env.BENCH_PORT ?? 0);
  let current: CtiServer | null = null;
  let probe: ReturnType<typeof instrument> | null = null;
  const engineServer = () => {
    if (cluster) {
      if (cluster.leader && cluster.leader !== current) {
        current = cluster.leader;
        probe = instrument(current);
      }
      return cluster.leader;
    }
    return current;
  };
  const cluster = process.env.BENCH_REDIS_URL
    ? await startClusterNode({
        redisUrl: process.env.BENCH_REDIS_URL,
        prefix: process.env.BENCH_REDIS_PREFIX ?? 'octopus-bench',
        nodeId: process.env.BENCH_NODE_ID ?? `node-${process.pid}`,
        port,
        host: '127.0.0.1',
        leaseMs: Number(process.env.BENCH_LEASE_MS ?? 3000),
        server: options,
        onDeposed: () => process.exit(1),
        log: options.log!,
      })
    : null;
  if (!cluster) {
    current = await startCtiServer({ ...options, port, host: '127.0.0.1' });
    probe = instrument(current);
  }
  // The leader is instrumented as soon as this node becomes it.
  setInterval(() => void engineServer(), 50).unref();
  process.on('message', (message: { type: string; agents?: string[] }) => {
    const server = engineServer();
    if (message.type === 'truth') {
      // The engine's view of each agent (what its client's store must equal), from the leader only.
      const truth = server ? Object.fromEntries((message.agents ?? []).map((id) => [id, server.engine.snapshotFor(id)])) : null;
      process.send!({ type: 'truth', leading: server !== null, truth, queued: server?.engine.stats().queued ?? 0 });
    }
    if (message.type === 'reset') probe?.samples.splice(0);
    if (message.type === 'report') {
      // Calls accepted but not rung yet (queued or in the IVR) count at their wait so far.
      const now = performance.now();
      const waiting = probe && server ? [...probe.createdAt.values()].map((t) => now - t) : [];
      process.send!({
        type: 'report',
        leading: server !== null,
        samples: server ? (probe?.samples ?? []) : [],
        waiting,
        queued: server?.engine.stats().queued ?? 0,
        rssMb: Math.round(process.memoryUsage().rss / 1e6),
        framesSent: server?.hub.framesSent ?? 0,
        sessions: server?.hub.sessionCount ?? 0,
        relayed: cluster?.relayed ?? 0,
      });
    }
    if (message.type === 'stop') void (cluster ?? current)?.close().then(() => process.exit(0));
  });
  process.send!({ type: 'ready', port: cluster?.port ?? current!.port });
}

void main();
