// The cti-server process: configuration from the environment, graceful shutdown on SIGTERM/SIGINT.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { modeFromEnv, resolveTokenSecret } from '@octopus/auth';
import { startClusterNode } from './cluster/node';
import { startCtiServer, type CtiServerOptions } from './server/start';

/** `<repo>/.data`: the nearest folder up from here holding pnpm-workspace.yaml, else the working directory. */
function defaultDataRoot(): string {
  let dir = process.cwd();
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return path.join(dir, '.data');
    const up = path.dirname(dir);
    if (up === dir) return path.resolve('.data');
    dir = up;
  }
}

function intEnv(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number`);
  return n;
}

async function main(): Promise<void> {
  // OCTOPUS_MODE alone decides (NODE_ENV means nothing for security).
  const mode = modeFromEnv();
  const dataRoot = path.resolve(process.env.OCTOPUS_DATA_DIR || defaultDataRoot());
  // Production: accounts live in the api, so its URL must be given; demo/test default to the local one,
  // and an empty OCTOPUS_API_URL runs without an api (demo accounts in memory).
  const apiEnv = process.env.OCTOPUS_API_URL;
  if (mode === 'production' && !apiEnv) throw new Error('production mode needs OCTOPUS_API_URL (accounts and sessions live in the api)');
  const apiUrl = apiEnv === undefined ? 'http://localhost:4100' : apiEnv || null;
  const tokenSecret = resolveTokenSecret({ mode, dataDir: dataRoot });
  const log = (m: string) => console.log(`[cti] ${m}`);
  // The PBX / vendor platform's bearer token for the call ingress (/ingress/*); production has no other way in.
  const ingressToken = process.env.CTI_INGRESS_TOKEN || undefined;
  if (ingressToken !== undefined && ingressToken.length < 32) throw new Error('CTI_INGRESS_TOKEN must be at least 32 characters');
  if (mode === 'production' && !ingressToken) throw new Error('production mode needs CTI_INGRESS_TOKEN: calls enter through the call ingress');
  // The voice path (docs/adr/0011): set by `pnpm start` when `pnpm voice:start` runs Kamailio + rtpengine.
  const voiceSecret = process.env.CTI_VOICE_SIP_SECRET || '';
  if (process.env.CTI_VOICE_WS_URL && voiceSecret.length < 32) throw new Error('CTI_VOICE_SIP_SECRET must be at least 32 characters');
  const voice = process.env.CTI_VOICE_WS_URL
    ? { wsUrl: process.env.CTI_VOICE_WS_URL, domain: process.env.CTI_VOICE_DOMAIN || 'octopus.local', rpcUrl: process.env.CTI_VOICE_RPC_URL || null, sipSecret: voiceSecret, audioProcessing: process.env.CTI_VOICE_AUDIO_PROCESSING !== 'off', ngAddress: process.env.CTI_VOICE_NG || null, holdMusic: process.env.CTI_VOICE_HOLD_MUSIC || null, surveyPrompt: process.env.CTI_VOICE_SURVEY_PROMPT || null, dtmfListen: process.env.CTI_VOICE_DTMF || null, promptDir: process.env.CTI_VOICE_PROMPT_DIR || null }
    : undefined;
  const common: CtiServerOptions = {
    mode,
    apiUrl,
    tokenSecret,
    dataDir: dataRoot,
    // Durable by default: the journal in <data>/cti-server/state.sqlite; CTI_STATE=memory opts out.
    state: process.env.CTI_STATE === 'memory' ? 'memory' : 'journal',
    ringTimeoutMs: intEnv('CTI_RING_TIMEOUT_MS'),
    wrapUpMs: intEnv('CTI_WRAP_UP_MS'),
    reconnectGraceMs: intEnv('CTI_RECONNECT_GRACE_MS'),
    traffic: process.env.OCTOPUS_SIM_TRAFFIC === '1',
    corsOrigins: (process.env.CTI_CORS_ORIGINS ?? '').split(',').filter(Boolean),
    // Hotline numbers with an IVR tree each (comma-separated digits); default DEMO_HOTLINES.
    ...(process.env.CTI_HOTLINES && { hotlines: process.env.CTI_HOTLINES.split(',').map((h) => h.trim()).filter((h) => /^[0-9]{3,20}$/.test(h)) }),
    ...(ingressToken && { ingressToken }),
    ...(voice && { voice }),
    log,
  };
  const port = intEnv('CTI_PORT') ?? 4000;
  // Loopback by default (startCtiServer's default); OCTOPUS_BIND_HOST=0.0.0.0 opens it to the network.
  const host = process.env.OCTOPUS_BIND_HOST || undefined;
  // With REDIS_URL: one node of a Redis-backed floor (docs/adr/0008); otherwise one process on the journal.
  const server = process.env.REDIS_URL
    ? await startClusterNode({
        redisUrl: process.env.REDIS_URL,
        port,
        ...(host && { host }),
        ...(process.env.CTI_ADVERTISE_HOST && { advertiseHost: process.env.CTI_ADVERTISE_HOST }),
        ...(process.env.CTI_NODE_ID && { nodeId: process.env.CTI_NODE_ID }),
        ...(process.env.CTI_REDIS_PREFIX && { prefix: process.env.CTI_REDIS_PREFIX }),
        ...(intEnv('CTI_LEASE_MS') !== undefined && { leaseMs: intEnv('CTI_LEASE_MS') }),
        ...(intEnv('CTI_STALL_MS') !== undefined && { stallMs: intEnv('CTI_STALL_MS') }),
        server: common,
        log,
      })
    : await startCtiServer({ ...common, port, ...(host && { host }) });
  console.log(`[cti] ready at ${server.url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[cti] ${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
