import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { resolveTokenSecret, type OctopusMode } from '@octopus/auth';
import type { InternalWrapUpPolicy, SelectableAgentState } from '@octopus/contracts';
import type { WebSocket } from 'ws';
import { MemoryAccountDirectory } from '../accounts/memory';
import { InternalApiClient } from '../api/internal-api-client';
import { Outbox } from '../api/outbox';
import { realClock, type Clock } from '../engine/clock';
import { DEMO_GROUPS, DEMO_HOTLINES, DEMO_IVR_MENU, type GroupConfig } from '../engine/config';
import { authGrants } from '../engine/auth-grants';
import { CtiEngine } from '../engine/engine';
import { SqliteStateStore, type StateStore } from '../engine/journal';
import { BufferedOutput } from '../engine/output';
import {
  MemoryAuditSink,
  MemoryGrantEndSink,
  MemoryRecordSink,
  nullDirectory,
  nullNetwork,
  type AccountDirectory,
  type AuditSink,
  type CallRecordSink,
  type CustomerDirectory,
  type GrantEndSink,
} from '../engine/ports';
import { NumberSegmentTable } from '../engine/segments';
import { errorSummary } from '../log';
import { CallIngress } from '../ingress/ingress';
import { Simulator, type SimulatorOptions } from '../sim/simulator';
import { startTraffic } from '../sim/traffic';
import { Hub } from './hub/hub';
import { createCtiHttpApp } from './http/app';
import { kamailioDialogControl, VoiceBridge, type VoiceSettings } from '../voice/voice';
import { rtpengineMediaControl } from '../voice/rtpengine';
import { listenDtmf, ngSender, promptFiles, VoiceIvr } from '../voice/ivr-media';

export type { OctopusMode };

export interface CtiServerOptions {
  /** 0 picks a free port (tests). Default 4000. */
  port?: number;
  /**
   * The interface to listen on. Default `127.0.0.1` (loopback only: the demo simulator and `/auth/login` are not
   * for the network unless the deployment says so); `0.0.0.0` or `::` listen on every interface.
   */
  host?: string;
  /** Default demo. Production needs `apiUrl` (accounts live in the api) and has no simulator. */
  mode?: OctopusMode;
  /** Default: `resolveTokenSecret({ mode, dataDir })` (OCTOPUS_TOKEN_SECRET, or the shared generated file in demo/test). */
  tokenSecret?: string;
  /**
   * Accounts and sessions. Default: the api's (with `apiUrl`); without an api (demo/test only) a
   * `MemoryAccountDirectory` with the demo accounts.
   */
  accounts?: AccountDirectory;
  /** How often the roster is fetched again from `accounts` (ms). Default 30 s. */
  rosterRefreshMs?: number;
  /** How often open sessions are checked (ms, ≤ 5 s). */
  sessionCheckMs?: number;
  maxSessionsPerAgent?: number;
  framesPerSecond?: number;
  floodWindows?: number;
  groups?: GroupConfig[];
  /**
   * Which groups require a wrap-up code (and their codes). With `apiUrl` it is fetched from the api
   * (`GET /internal/wrap-up-policy`) with the roster, and this is only the value until then; default none.
   */
  wrapUpPolicy?: InternalWrapUpPolicy;
  ivrMenu?: Record<string, string>;
  /** Hotline numbers with an IVR tree each (seeded from `ivrMenu`); default `DEMO_HOTLINES`. */
  hotlines?: string[];
  ringTimeoutMs?: number;
  wrapUpMs?: number;
  reconnectGraceMs?: number;
  outboundTimeoutMs?: number;
  missedState?: SelectableAgentState;
  grantTtlSeconds?: number;
  /** With `apiUrl` (and no explicit directory/records), the api is used through an outbox. */
  apiUrl?: string | null;
  /**
   * The deployment's data ROOT (`OCTOPUS_DATA_DIR`, default `.data`): the outbox and the state journal
   * live in `<root>/cti-server`.
   */
  dataDir?: string;
  /**
   * Where agents, calls, queues and timers' deadlines are kept across restarts: `'journal'` = SQLite in
   * `<dataDir>/cti-server/state.sqlite` (restored on start), `'memory'` = lost with the process, or a
   * `StateStore`. Default: `'journal'` when `dataDir` is given (as `main.ts` always does), else `'memory'`.
   */
  state?: 'journal' | 'memory' | StateStore;
  directory?: CustomerDirectory;
  records?: CallRecordSink;
  grantsEnded?: GrantEndSink;
  /** The cti-server's access decisions. Default: the api's audit chain through the outbox (with `apiUrl`), else memory. */
  audit?: AuditSink;
  simulator?: SimulatorOptions;
  /**
   * Bearer token a PBX or vendor platform presents on `/ingress/*` (≥ 32 characters; `CTI_INGRESS_TOKEN`).
   * Without it the HTTP ingress answers 404 (the simulator still uses the ingress in-process).
   */
  ingressToken?: string;
  /**
   * The voice path (Kamailio + rtpengine, docs/adr/0011): agents' SIP credentials and Kamailio's RPC.
   * Needs `ingressToken` (Kamailio asks the ingress which agent to ring). Omitted = voice off.
   */
  voice?: VoiceSettings;
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
  /** The address actually listened on (e.g. `127.0.0.1`). */
  host: string;
  engine: CtiEngine;
  hub: Hub;
  simulator: Simulator | null;
  /** The call ingress (network side of every call). */
  ingress: CallIngress;
  records: CallRecordSink;
  grantsEnded: GrantEndSink;
  /** Where the access decisions taken here go (the outbox to the api, or memory without an api). */
  audit: AuditSink;
  accounts: AccountDirectory;
  /** Fetches the roster again now (also done periodically and after each login). */
  refreshRoster(): Promise<void>;
  /**
   * Serves a socket another node holds (the Redis relay, docs/adr/0008): the same token and session
   * checks as a direct upgrade (`requestUrl` = its path and query), refusals in-band. Resolves once the
   * hub listens to it.
   */
  acceptRelayed(ws: WebSocket, requestUrl: string): Promise<void>;
  close(): Promise<void>;
}

/** Loopback unless `host` (main: `OCTOPUS_BIND_HOST`) says otherwise. */
export const DEFAULT_BIND_HOST = '127.0.0.1';

const DEFAULT_CORS = /^http:\/\/(localhost|127\.0\.0\.1):300[0-4]$/;

/** The origins a browser may call from (CORS) and open the WebSocket from: the shell and remotes' defaults plus `extra`. */
export function originPolicy(extra: readonly string[]): (origin: string) => boolean {
  const allowed = new Set(extra);
  return (origin) => DEFAULT_CORS.test(origin) || allowed.has(origin);
}

/** Starts the HTTP + WebSocket server in-process (used by main.ts, tests and the e2e harness). */
export async function startCtiServer(options: CtiServerOptions = {}): Promise<CtiServer> {
  const mode = options.mode ?? 'demo';
  const log = options.log ?? (() => undefined);
  if (mode === 'production' && !options.apiUrl && !options.accounts) {
    throw new Error('production mode needs the api (OCTOPUS_API_URL): accounts and sessions live there');
  }
  const dataRoot = path.resolve(options.dataDir ?? '.data');
  const tokenSecret = options.tokenSecret ?? resolveTokenSecret({ mode, dataDir: dataRoot });
  const clock = options.clock ?? realClock;
  const groups = options.groups ?? DEMO_GROUPS;
  const segments = new NumberSegmentTable();

  const api = options.apiUrl ? new InternalApiClient({ baseUrl: options.apiUrl, tokenSecret }) : null;
  const outbox =
    api && (!options.records || !options.grantsEnded || !options.audit)
      ? new Outbox({
          send: (m) => (m.kind === 'call-record' ? api.putCallRecord(m.record) : m.kind === 'grant-ended' ? api.grantEnded(m.notice) : api.auditEvents(m.events)),
          dataDir: path.join(dataRoot, 'cti-server'),
          log,
        })
      : null;
  const records = options.records ?? outbox ?? new MemoryRecordSink();
  const grantsEnded = options.grantsEnded ?? outbox ?? new MemoryGrantEndSink();
  const audit = options.audit ?? outbox ?? new MemoryAuditSink();
  const directory = options.directory ?? api ?? nullDirectory;
  const accounts = options.accounts ?? api ?? new MemoryAccountDirectory({ tokenSecret });
  const initialRoster = await accounts.agents().catch((error: unknown) => {
    log(`roster not loaded yet: ${errorSummary(error)}`);
    return null;
  });

  const stateOption = options.state ?? (options.dataDir !== undefined ? 'journal' : 'memory');
  const store: StateStore | null = stateOption === 'journal' ? new SqliteStateStore(path.join(dataRoot, 'cti-server')) : stateOption === 'memory' ? null : stateOption;
  // The hub is built with the engine, so the engine's events wait in this output until the hub takes them.
  const output = new BufferedOutput();
  const engine = new CtiEngine({
    ...(store && { store }),
    agents: initialRoster ?? [],
    groups,
    output,
    grants: authGrants({ secret: tokenSecret, ...(options.grantTtlSeconds !== undefined && { ttlSeconds: options.grantTtlSeconds }) }),
    clock,
    ivrMenu: options.ivrMenu ?? DEMO_IVR_MENU,
    hotlines: options.hotlines ?? [...DEMO_HOTLINES],
    ...(options.wrapUpPolicy && { wrapUpPolicy: options.wrapUpPolicy }),
    ...(options.ringTimeoutMs !== undefined && { ringTimeoutMs: options.ringTimeoutMs }),
    ...(options.wrapUpMs !== undefined && { wrapUpMs: options.wrapUpMs }),
    ...(options.reconnectGraceMs !== undefined && { reconnectGraceMs: options.reconnectGraceMs }),
    ...(options.outboundTimeoutMs !== undefined && { outboundTimeoutMs: options.outboundTimeoutMs }),
    ...(options.missedState !== undefined && { missedState: options.missedState }),
    directory,
    records,
    grantsEnded,
    audit,
    network: nullNetwork,
    segments,
    log,
  });
  // One fetch at a time; callers arriving meanwhile share it.
  let rosterFetch: Promise<void> | null = null;
  let rosterLoaded = initialRoster !== null;
  // Without an api the policy is the option's; with one, loaded now or retried with the roster.
  let policyLoaded = !api;
  if (api) {
    await api
      .wrapUpPolicy()
      .then((policy) => {
        engine.setWrapUpPolicy(policy);
        policyLoaded = true;
      })
      .catch((error: unknown) => log(`wrap-up policy not loaded yet: ${errorSummary(error)}`));
  }
  const refreshRoster = (): Promise<void> => {
    rosterFetch ??= accounts
      .agents()
      .then(async (roster) => {
        engine.setRoster(roster);
        rosterLoaded = true;
        hub.dropInactiveAgents();
        // The api's wrap-up policy travels with the roster (both are configuration the engine routes with).
        if (api) {
          engine.setWrapUpPolicy(await api.wrapUpPolicy());
          policyLoaded = true;
        }
      })
      .catch((error: unknown) => log(`roster refresh failed: ${errorSummary(error)}`))
      .finally(() => {
        rosterFetch = null;
      });
    return rosterFetch;
  };
  // Calls enter and leave through the ingress: a PBX over HTTP (`/ingress/*`, with `ingressToken`), the simulator in-process.
  const ingress = new CallIngress(engine);
  const simulator = mode === 'production' ? null : new Simulator(ingress, clock, options.simulator);
  if (options.voice && !options.ingressToken) throw new Error('voice needs an ingress token: Kamailio asks the call ingress which agent to ring');
  const bridge = options.voice
    ? new VoiceBridge(
        ingress,
        options.voice.rpcUrl ? kamailioDialogControl(options.voice.rpcUrl, log) : null,
        options.voice.ngAddress && options.voice.holdMusic ? rtpengineMediaControl(options.voice.ngAddress, options.voice.holdMusic, log, options.voice.surveyPrompt ?? null) : null,
      )
    : null;
  // The IVR on the media path (docs/adr/0012): prompts played by rtpengine, keys from its DTMF log.
  const { ngAddress, dtmfListen, promptDir } = options.voice ?? {};
  let ivr = ngAddress && dtmfListen && promptDir ? new VoiceIvr(ingress, ngSender(ngAddress), promptFiles(promptDir), (callId) => engine.ivrSession(callId)?.prompts ?? [], log) : null;
  let dtmfSocket: Awaited<ReturnType<typeof listenDtmf>> | null = null;
  if (ivr && dtmfListen) {
    const media = ivr;
    // Another node of a floor may hold the port: this one then routes voice callers straight to an agent.
    dtmfSocket = await listenDtmf(dtmfListen, (event) => void media.dtmf(event)).catch((error: unknown) => {
      log(`IVR keys cannot be received on ${dtmfListen} (${(error as Error).message}): voice callers skip the IVR`);
      media.close();
      ivr = null;
      return null;
    });
  }
  const voice = options.voice && bridge ? { settings: options.voice, bridge, ivr } : null;

  const hub = new Hub({
    engine,
    tokenSecret,
    accounts,
    refreshRoster,
    audit,
    log,
    ...(options.sessionCheckMs !== undefined && { sessionCheckMs: options.sessionCheckMs }),
    ...(options.maxSessionsPerAgent !== undefined && { maxSessionsPerAgent: options.maxSessionsPerAgent }),
    ...(options.framesPerSecond !== undefined && { framesPerSecond: options.framesPerSecond }),
    ...(options.floodWindows !== undefined && { floodWindows: options.floodWindows }),
    ...(options.heartbeatMs !== undefined && { heartbeatMs: options.heartbeatMs }),
    ...(options.heartbeatTimeoutMs !== undefined && { heartbeatTimeoutMs: options.heartbeatTimeoutMs }),
    ...(options.listFlushMs !== undefined && { listFlushMs: options.listFlushMs }),
  });
  output.attach(hub);
  const rosterEvery = options.rosterRefreshMs ?? 30_000;
  let rosterTicks = 0;
  // Until the first roster arrives (the api may start after us), try every 2 s.
  const rosterTimer = setInterval(() => {
    rosterTicks++;
    if (!rosterLoaded || !policyLoaded || rosterTicks * 2000 >= rosterEvery) {
      rosterTicks = 0;
      void refreshRoster();
    }
  }, Math.min(2000, rosterEvery));
  rosterTimer.unref();
  const allowedOrigin = originPolicy(options.corsOrigins ?? []);
  const started = Date.now();
  const app = await createCtiHttpApp(
    {
      engine,
      simulator,
      ingress,
      ingressToken: options.ingressToken ?? null,
      voice,
      accounts,
      tokenSecret,
      corsOrigins: allowedOrigin,
      // A new, changed or re-enabled account logged in: fetch the roster before its socket connects.
      afterLogin: async (agent) => {
        const a = agent as { id?: string; name?: string; skillGroups?: string[] } | undefined;
        const known = a?.id ? engine.rosterEntry(a.id) : null;
        const same = !!known && !known.disabled && known.name === a?.name && JSON.stringify([...(a?.skillGroups ?? [])].filter((g) => engine.hasGroup(g))) === JSON.stringify(known.skillGroups);
        if (!same) await refreshRoster();
      },
      endSession: (sid) => hub.endSession(sid),
      hub,
      audit,
      log,
      health: () => ({
        status: 'ok',
        service: 'cti-server',
        mode,
        uptimeSeconds: Math.round((Date.now() - started) / 1000),
        sessions: hub.sessionCount,
        ...engine.stats(),
        outboxPending: outbox?.size ?? 0,
        rateLimitedFrames: hub.rateLimited,
      }),
    },
  );
  await app.listen({ port: options.port ?? 4000, host: options.host ?? DEFAULT_BIND_HOST });
  const { port, address: host } = app.server.address() as AddressInfo;
  const stopTraffic = options.traffic && mode === 'demo' && simulator ? startTraffic(engine, simulator, segments, { log }) : null;
  log(`cti-server (${mode}) listening on ${host}:${port}${simulator ? ', simulator on' : ''}${api ? `, api ${options.apiUrl}` : ', no api'}`);

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    port,
    host,
    engine,
    hub,
    simulator,
    ingress,
    records,
    grantsEnded,
    audit,
    accounts,
    refreshRoster,
    acceptRelayed: async (ws, requestUrl) => {
      const verdict = await hub.authorize({ url: requestUrl });
      hub.accept(ws, verdict);
    },
    close: () => {
      closing ??= (async () => {
        clearInterval(rosterTimer);
        stopTraffic?.();
        voice?.bridge.close();
        ivr?.close();
        dtmfSocket?.close();
        simulator?.close();
        hub.close();
        for (const client of app.websocketServer.clients) client.terminate();
        await app.close();
        outbox?.close();
        if (stateOption === 'journal') store?.close();
      })();
      return closing;
    },
  };
}
