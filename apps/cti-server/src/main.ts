// The cti-server process: configuration from the environment, graceful shutdown on SIGTERM/SIGINT.
import { startCtiServer, type OctopusMode } from './server/start';

function intEnv(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number`);
  return n;
}

async function main(): Promise<void> {
  const modeEnv = process.env.OCTOPUS_MODE ?? 'demo';
  if (!['demo', 'test', 'production'].includes(modeEnv)) throw new Error(`OCTOPUS_MODE must be demo, test or production`);
  const mode = modeEnv as OctopusMode;
  const server = await startCtiServer({
    port: intEnv('CTI_PORT') ?? 4000,
    ...(process.env.CTI_HOST ? { host: process.env.CTI_HOST } : {}),
    mode,
    apiUrl: process.env.OCTOPUS_API_URL ?? 'http://localhost:4100',
    dataDir: process.env.OCTOPUS_DATA_DIR ?? '.data',
    ringTimeoutMs: intEnv('CTI_RING_TIMEOUT_MS'),
    wrapUpMs: intEnv('CTI_WRAP_UP_MS'),
    reconnectGraceMs: intEnv('CTI_RECONNECT_GRACE_MS'),
    traffic: process.env.OCTOPUS_SIM_TRAFFIC === '1',
    corsOrigins: (process.env.CTI_CORS_ORIGINS ?? '').split(',').filter(Boolean),
    log: (m) => console.log(`[cti] ${m}`),
  });
  console.log(`[cti] ready at ${server.url} (WebSocket ${server.wsUrl})`);
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
