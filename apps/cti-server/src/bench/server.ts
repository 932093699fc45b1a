// The cti-server process under benchmark: 2,000 agents (+5 supervisors), no api, reports ring dispatch times over IPC.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CtiEvent } from '@octopus/contracts';
import type { AgentAccount } from '../engine/config';
import type { AccountDirectory } from '../engine/ports';
import { startCtiServer } from '../server/start';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 2000);
const GROUPS = ['presale', 'aftersale', 'finance'];

export function benchAgents(): AgentAccount[] {
  const agents: AgentAccount[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const groups = [GROUPS[i % 3]!];
    if (i % 10 === 0) groups.push(GROUPS[(i + 1) % 3]!);
    agents.push({ id: `B${String(i).padStart(4, '0')}`, name: `Bench ${i}`, skillGroups: groups });
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

async function main(): Promise<void> {
  // Never outlive the bench that forked us.
  process.on('disconnect', () => process.exit(0));
  const journalDir = process.env.BENCH_STATE === 'journal' ? mkdtempSync(path.join(tmpdir(), 'cti-bench-')) : null;
  if (journalDir) process.on('exit', () => rmSync(journalDir, { recursive: true, force: true }));
  const server = await startCtiServer({
    ...(journalDir && { dataDir: journalDir, state: 'journal' as const }),
    port: 0,
    host: '127.0.0.1',
    mode: 'test',
    tokenSecret: process.env.BENCH_SECRET ?? 'bench',
    accounts: benchAccounts(benchAgents()),
    wrapUpMs: 0,
    ringTimeoutMs: 20_000,
    heartbeatMs: 30_000,
  });
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
  // Time from the simulator accepting the call (IVR, queue, routing) to the ring frame written to the agent's socket.
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
  process.on('message', (message: { type: string }) => {
    if (message.type === 'reset') {
      samples.length = 0;
      // Calls placed during the warm-up and still waiting stay counted.
    }
    if (message.type === 'report') {
      // Calls accepted but not rung yet (queued or in the IVR) count at their wait so far.
      const now = performance.now();
      const waiting = [...createdAt.values()].map((t) => now - t);
      process.send!({ type: 'report', samples, waiting, queued: server.engine.stats().queued, rssMb: Math.round(process.memoryUsage().rss / 1e6), framesSent: server.hub.framesSent, sessions: server.hub.sessionCount });
    }
    if (message.type === 'stop') void server.close().then(() => process.exit(0));
  });
  process.send!({ type: 'ready', port: server.port });
}

void main();
