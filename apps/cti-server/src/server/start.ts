import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { tokenSecretFromEnv } from '@octopus/auth';
import type { SelectableAgentState } from '@octopus/contracts';
import { WebSocketServer } from 'ws';
import { ApiClient } from '../api/client';
import { OutboxRecordSink } from '../api/outbox';
import { realClock, type Clock } from '../engine/clock';
import { DEMO_AGENTS, DEMO_GROUPS, DEMO_IVR_MENU, type AgentAccount, type GroupConfig } from '../engine/config';
import { CtiEngine } from '../engine/engine';
import { MemoryRecordSink, nullDirectory, nullNetwork, type CallRecordSink, type CustomerDirectory } from '../engine/ports';
import { NumberSegmentTable } from '../engine/segments';
import { Simulator, type SimulatorOptions } from '../sim/simulator';
import { startTraffic } from '../sim/traffic';
import { Hub } from './hub';
import { createHttpHandler } from './http';

export type OctopusMode = 'demo' | 'test' | 'production';

export interface CtiServerOptions {
  /** 0 picks a free port (tests). Default 4000. */
  port?: number;
  host?: string;
  mode?: OctopusMode;
  tokenSecret?: string;
  agents?: AgentAccount[];
  groups?: GroupConfig[];
  ivrMenu?: Record<string, string>;
  ringTimeoutMs?: number;
  wrapUpMs?: number;
  reconnectGraceMs?: number;
  outboundTimeoutMs?: number;
  missedState?: SelectableAgentState;
  grantTtlSeconds?: number;
  agentTokenTtlSeconds?: number;
  /** With `apiUrl` (and no explicit directory/records), the api is used through an outbox. */
  apiUrl?: string | null;
  dataDir?: string;
  directory?: CustomerDirectory;
  records?: CallRecordSink;
  simulator?: SimulatorOptions;
  /** Demo traffic generator (demo mode only). */
  traffic?: boolean;
  heartbeatMs?: number;
  heartbeatTimeoutMs?: number;
  listFlushMs?: number;
  corsOrigins?: string[];
  clock?: Clock;
  log?: (message: string) => void;
}

export interface CtiServer {
  url: string;
  wsUrl: string;
  port: number;
  engine: CtiEngine;
  hub: Hub;
  simulator: Simulator | null;
  records: CallRecordSink;
  close(): Promise<void>;
}

const DEFAULT_CORS = /^http:\/\/(localhost|127\.0\.0\.1):300[0-4]$/;

/** Starts the HTTP + WebSocket server in-process (used by main.ts, tests and the e2e harness). */
export async function startCtiServer(options: CtiServerOptions = {}): Promise<CtiServer> {
  const mode = options.mode ?? 'demo';
  const log = options.log ?? (() => undefined);
  const tokenSecret = options.tokenSecret ?? tokenSecretFromEnv();
  const clock = options.clock ?? realClock;
  const agents = options.agents ?? DEMO_AGENTS;
  const groups = options.groups ?? DEMO_GROUPS;
  const segments = new NumberSegmentTable();

  const api = options.apiUrl ? new ApiClient({ baseUrl: options.apiUrl, tokenSecret }) : null;
  const outbox =
    !options.records && api
      ? new OutboxRecordSink({ send: (r) => api.putCallRecord(r), dataDir: path.resolve(options.dataDir ?? '.data'), log })
      : null;
  const records = options.records ?? outbox ?? new MemoryRecordSink();
  const directory = options.directory ?? api ?? nullDirectory;

  const engine = new CtiEngine({
    agents,
    groups,
    tokenSecret,
    clock,
    ivrMenu: options.ivrMenu ?? DEMO_IVR_MENU,
    ...(options.ringTimeoutMs !== undefined && { ringTimeoutMs: options.ringTimeoutMs }),
    ...(options.wrapUpMs !== undefined && { wrapUpMs: options.wrapUpMs }),
    ...(options.reconnectGraceMs !== undefined && { reconnectGraceMs: options.reconnectGraceMs }),
    ...(options.outboundTimeoutMs !== undefined && { outboundTimeoutMs: options.outboundTimeoutMs }),
    ...(options.missedState !== undefined && { missedState: options.missedState }),
    ...(options.grantTtlSeconds !== undefined && { grantTtlSeconds: options.grantTtlSeconds }),
    directory,
    records,
    network: nullNetwork,
    segments,
    log,
  });
  const simulator = mode === 'production' ? null : new Simulator(engine, clock, options.simulator);
  if (simulator) engine.setNetwork(simulator);

  const hub = new Hub({
    engine,
    tokenSecret,
    log,
    ...(options.heartbeatMs !== undefined && { heartbeatMs: options.heartbeatMs }),
    ...(options.heartbeatTimeoutMs !== undefined && { heartbeatTimeoutMs: options.heartbeatTimeoutMs }),
    ...(options.listFlushMs !== undefined && { listFlushMs: options.listFlushMs }),
  });
  const extraOrigins = new Set(options.corsOrigins ?? []);
  const started = Date.now();
  const server = createServer(
    createHttpHandler({
      engine,
      simulator,
      accounts: new Map(agents.map((a) => [a.id, a])),
      tokenSecret,
      tokenTtlSeconds: options.agentTokenTtlSeconds ?? 12 * 3600,
      corsOrigins: (origin) => DEFAULT_CORS.test(origin) || extraOrigins.has(origin),
      health: () => ({
        status: 'ok',
        service: 'cti-server',
        mode,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        sessions: hub.sessionCount,
        ...engine.stats(),
        outboxPending: outbox?.size ?? 0,
      }),
    }),
  );
  server.keepAliveTimeout = 5000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (pathname !== '/ws') {
      socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => hub.accept(ws, request));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4000, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const stopTraffic = options.traffic && mode === 'demo' && simulator ? startTraffic(engine, simulator, segments, { log }) : null;
  log(`cti-server (${mode}) listening on :${port}${simulator ? ', simulator on' : ''}${api ? `, api ${options.apiUrl}` : ', no api'}`);

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    port,
    engine,
    hub,
    simulator,
    records,
    close: () => {
      closing ??= (async () => {
        stopTraffic?.();
        hub.close();
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        outbox?.close();
      })();
      return closing;
    },
  };
}
