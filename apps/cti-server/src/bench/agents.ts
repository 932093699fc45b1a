// A bench client process: holds a share of the agents' WebSockets (a few thousand per process, so no
// process nears its descriptor limit), spread over the floor's nodes; answers rings, hangs up after
// BENCH_TALK_MS, reconnects (to the next node) after any close or reset, and reports over IPC.
import { signToken, type AgentClaims } from '@octopus/auth';
import WebSocket from 'ws';
import { nowAbs } from './shared';

export interface AgentsJob {
  type: 'start';
  /** Node base ports (127.0.0.1). */
  ports: number[];
  agents: Array<{ id: string; skillGroups: string[]; topics: string }>;
  secret: string;
  talkMs: number;
}

interface Agent {
  id: string;
  token: string;
  topics: string;
  ws: WebSocket | null;
  node: number;
  /** When the last snapshot arrived (absolute ms), 0 before the first. */
  syncedAt: number;
  attempt: number;
}

function main(): void {
  process.on('disconnect', () => process.exit(0));
  let job: AgentsJob | null = null;
  const agents: Agent[] = [];
  let stopping = false;
  const stats = { resets: 0, connectErrors: 0, emfile: 0, rings: 0, listFrames: 0 };
  let rings: Array<[string, number]> = [];

  const open = (a: Agent) => {
    if (stopping || !job) return;
    const port = job.ports[a.node % job.ports.length]!;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${a.token}&protocol=1&topics=${a.topics}`);
    a.ws = ws;
    let up = false;
    ws.on('open', () => {
      up = true;
    });
    ws.on('message', (data) => {
      const text = String(data);
      if (text.includes('"type":"snapshot"')) {
        a.syncedAt = nowAbs();
        a.attempt = 0;
        return;
      }
      if (text.includes('"type":"agents"') || text.includes('"type":"groups"')) stats.listFrames++;
      if (!text.includes('"type":"call"') || !text.includes('"state":"ringing"')) return;
      const frame = JSON.parse(text) as { call: { id: string; number: string; role: string } };
      if (frame.call.role !== 'owner') return;
      stats.rings++;
      rings.push([frame.call.number, nowAbs()]);
      const callId = frame.call.id;
      ws.send(JSON.stringify({ type: 'command', id: `a${callId}`, command: { name: 'answer', callId } }));
      const talk = job!.talkMs * (0.5 + Math.random());
      setTimeout(() => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'command', id: `h${callId}`, command: { name: 'hangup', callId } }));
      }, talk);
    });
    // Resets and refusals are counted, never fatal: the agent reconnects with backoff, to the next node.
    ws.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EMFILE') stats.emfile++;
      if (!up) stats.connectErrors++;
    });
    ws.on('close', () => {
      if (a.ws !== ws || stopping) return;
      a.ws = null;
      if (up) stats.resets++;
      a.node++;
      const delay = Math.min(2000, 100 * 2 ** Math.min(a.attempt++, 5)) * (0.5 + Math.random());
      setTimeout(() => open(a), delay);
    });
  };

  setInterval(() => {
    if (rings.length === 0) return;
    process.send!({ type: 'rings', rings });
    rings = [];
  }, 100).unref();

  process.on('message', (message: { type: string; since?: number; index?: number }) => {
    if (message.type === 'start') {
      job = message as unknown as AgentsJob;
      for (const [i, spec] of job.agents.entries()) {
        const token = signToken<AgentClaims>({ kind: 'agent', sub: spec.id, sid: `bench-${spec.id}`, name: spec.id, role: 'agent', skillGroups: spec.skillGroups }, { secret: job.secret, ttlSeconds: 3600 });
        agents.push({ id: spec.id, token, topics: spec.topics, ws: null, node: i, syncedAt: 0, attempt: 0 });
      }
      // Connect in waves of 200 so the server's accept queue is not flooded.
      let next = 0;
      const wave = setInterval(() => {
        for (const a of agents.slice(next, next + 200)) open(a);
        next += 200;
        if (next >= agents.length) clearInterval(wave);
      }, 50);
    }
    if (message.type === 'status') {
      const since = message.since ?? 0;
      let synced = 0;
      let lastSync = 0;
      for (const a of agents) {
        if (a.syncedAt > since && a.ws?.readyState === WebSocket.OPEN) {
          synced++;
          lastSync = Math.max(lastSync, a.syncedAt);
        }
      }
      process.send!({ type: 'status', synced, total: agents.length, lastSync, ...stats });
    }
    if (message.type === 'stop') {
      stopping = true;
      for (const a of agents) a.ws?.terminate();
      process.send!({ type: 'stopped' });
    }
  });
  process.send!({ type: 'ready' });
}

main();
