// Starts the whole product from production builds: the shell and each remote on its own static server,
// and the Node services (cti-server, api) as child processes. Used by `pnpm start` and the e2e suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { REMOTE_CONTRACT_VERSION, type RemoteRegistry } from '@octopus/contracts';
import { startCanaryWatchdog, type CanaryWatchdog } from './canary-watchdog';
import { clearDeploymentState, writeDeploymentState } from './deployment';
import { browserOrigins, runtimeServiceConfig } from './origins';
import { registryStore } from './registry-store';
import { deploymentSecret, fetchLoadSummary } from './telemetry-client';
import { registryOriginsCache, shellRoutes, type ShellRoutesOptions } from './shell-routes';
import { startStaticServer, type RunningServer } from './static-server';
import { supervise, type Supervisor } from './supervisor';
import { defaultRegistry, listWebApps, MANAGED_REGISTRY_FILE, portEnvName, registrySourceFromEnv, repoRoot, type WebApp } from './workspace';

export interface NodeService {
  name: 'cti-server' | 'api';
  dir: string;
  port: number;
  entry: string;
}

export function listNodeServices(env: NodeJS.ProcessEnv = process.env): NodeService[] {
  const services: Array<{ name: NodeService['name']; port: number; portEnv: string }> = [
    { name: 'api', port: 4100, portEnv: 'API_PORT' },
    { name: 'cti-server', port: 4000, portEnv: 'CTI_PORT' },
  ];
  return services
    .map(({ name, port, portEnv }) => ({
      name,
      dir: path.join(repoRoot, 'apps', name),
      port: env[portEnv] ? Number(env[portEnv]) : port,
      entry: path.join(repoRoot, 'apps', name, 'dist', 'main.mjs'),
    }))
    .filter((service) => existsSync(path.join(service.dir, 'package.json')));
}

export interface StackOptions {
  env?: NodeJS.ProcessEnv;
  /** Start cti-server and api too (when built). */
  withServices?: boolean;
  /**
   * The deployment's data folder root (`OCTOPUS_DATA_DIR`): the api keeps its database in `<root>/api`,
   * the cti-server its outbox in `<root>/cti-server`, both the generated token secret (demo/test) in
   * `<root>/token-secret`. Default: the services' own default, `<repo>/.data`.
   */
  dataDir?: string;
  /** Override the registry the shell serves (defaults to OCTOPUS_REGISTRY or the generated one). */
  registrySource?: string;
  fallbackRegistry?: () => RemoteRegistry;
  log?: (line: string) => void;
  /**
   * Write the deployment's description here once it is up (and remove it on close), so operator
   * tools act on this deployment: `pnpm start` passes `.octopus/deployment.json` (see deployment.ts).
   */
  deploymentFile?: string;
}

export interface Stack {
  apps: WebApp[];
  services: NodeService[];
  urlOf(name: string): string;
  /** Stop one web app's server (as if its deployment went down). */
  stopApp(name: string): Promise<void>;
  /** The running process of a Node service (null while it is being restarted), and how often it was restarted. */
  service(name: NodeService['name']): { pid: number | null; restarts: number } | null;
  startApp(name: string): Promise<void>;
  close(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const apps = listWebApps(env);
  const services = options.withServices === false ? [] : listNodeServices(env);
  const servers = new Map<string, RunningServer>();
  const supervisors = new Map<string, Supervisor>();
  const host = env.OCTOPUS_PUBLIC_HOST ?? 'localhost';
  const ctiPort = services.find((s) => s.name === 'cti-server')?.port ?? Number(env.CTI_PORT ?? 4000);
  const apiPort = services.find((s) => s.name === 'api')?.port ?? Number(env.API_PORT ?? 4100);

  // Where the pages find the services: the shell's /octopus-config.json and each remote's harness page.
  const runtimeConfig = () => runtimeServiceConfig({ ...env, CTI_PORT: String(ctiPort), API_PORT: String(apiPort) });

  const startApp = async (app: WebApp) => {
    if (app.kind === 'host') {
      const dist = path.join(app.dir, 'dist');
      const routeOptions: ShellRoutesOptions = {
        registrySource: () => options.registrySource ?? registrySourceFromEnv(env),
        fallbackRegistry: options.fallbackRegistry ?? (() => defaultRegistry({ mode: 'production', host, apps })),
        runtimeConfig,
      };
      servers.set(
        app.name,
        await startStaticServer({
          root: dist,
          port: app.port,
          spaFallback: true,
          host: env.OCTOPUS_BIND_HOST,
          env,
          routes: shellRoutes(routeOptions),
          // The CSP allows whatever origins the registry lists now (a new team's remote too).
          extraRemoteOrigins: registryOriginsCache(routeOptions),
        }),
      );
    } else {
      // A remote's server hosts every release built into dist/<version>/.
      servers.set(app.name, await startStaticServer({ root: path.join(app.dir, 'dist'), port: app.port, cors: true, host: env.OCTOPUS_BIND_HOST, env, runtimeConfig }));
    }
  };

  for (const service of services) {
    if (!existsSync(service.entry)) {
      log(`! ${service.name}: ${path.relative(repoRoot, service.entry)} is missing (run pnpm build); not started`);
      continue;
    }
    // NODE_ENV only tunes libraries; who may sign tokens is decided by OCTOPUS_MODE alone.
    const serviceEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: 'production', [service.name === 'api' ? 'API_PORT' : 'CTI_PORT']: String(service.port) };
    if (options.dataDir) serviceEnv.OCTOPUS_DATA_DIR = options.dataDir;
    if (service.name === 'cti-server') serviceEnv.OCTOPUS_API_URL ??= `http://127.0.0.1:${apiPort}`;
    // One configuration: the browser origins follow this deployment's ports and hosts (origins.ts).
    const corsVar = service.name === 'api' ? 'API_CORS_ORIGINS' : 'CTI_CORS_ORIGINS';
    serviceEnv[corsVar] ??= browserOrigins(env).join(',');
    // Supervised: a service that dies (crash, kill -9) is started again with backoff, and that is printed.
    const supervisor = supervise({
      name: service.name,
      start: () => spawn(process.execPath, [service.entry], { cwd: service.dir, env: serviceEnv, stdio: ['ignore', 'inherit', 'inherit'] }),
      waitHealthy: (child) => waitForHealth(`http://127.0.0.1:${service.port}/health`, child, 60_000),
      log,
    });
    supervisors.set(service.name, supervisor);
    await supervisor.ready;
    log(`✓ ${service.name.padEnd(14)} http://${host}:${service.port}`);
  }

  for (const app of apps) {
    await startApp(app);
    log(`✓ ${app.name.padEnd(14)} http://${host}:${app.port}${app.kind === 'remote' ? `  (v${app.version}, ${portEnvName(app.name)})` : ''}`);
  }

  const dataRoot = options.dataDir ?? (env.OCTOPUS_DATA_DIR ? path.resolve(repoRoot, env.OCTOPUS_DATA_DIR) : path.join(repoRoot, '.data'));
  const registryFileOf = (source: string | undefined) => (source ? (/^https?:\/\//.test(source) ? source : path.resolve(repoRoot, source)) : MANAGED_REGISTRY_FILE);
  // A canary whose failure rate passes its threshold is rolled back by the deployment itself.
  let watchdog: CanaryWatchdog | null = null;
  const watchedFile = registryFileOf(options.registrySource ?? env.OCTOPUS_REGISTRY);
  if (services.some((service) => service.name === 'api') && !/^https?:\/\//.test(watchedFile)) {
    watchdog = startCanaryWatchdog({
      store: registryStore(watchedFile, options.fallbackRegistry ?? (() => defaultRegistry({ mode: 'production', host, apps }))),
      summary: (windowMinutes) => {
        const secret = deploymentSecret(dataRoot, env);
        if (!secret) throw new Error('no token secret to read telemetry with');
        return fetchLoadSummary(`http://127.0.0.1:${apiPort}`, secret, windowMinutes);
      },
      intervalMs: Number(env.OCTOPUS_CANARY_CHECK_MS ?? 10_000),
      log,
    });
  }

  if (options.deploymentFile) {
    const source = options.registrySource ?? env.OCTOPUS_REGISTRY;
    writeDeploymentState(
      {
        pid: process.pid,
        startedAt: new Date().toISOString(),
        shellUrl: `http://${host}:${apps.find((app) => app.kind === 'host')?.port ?? 3000}`,
        registrySource: registryFileOf(source),
        dataDir: dataRoot,
        apps: Object.fromEntries(apps.map((app) => [app.name, `http://${host}:${app.port}`])),
        contractVersion: REMOTE_CONTRACT_VERSION,
        apiUrl: env.OCTOPUS_API_PUBLIC_URL ?? `http://${host}:${apiPort}`,
      },
      options.deploymentFile,
    );
  }

  const appByName = (name: string) => {
    const app = apps.find((candidate) => candidate.name === name);
    if (!app) throw new Error(`no web app named ${name}`);
    return app;
  };

  return {
    apps,
    services,
    urlOf: (name) => `http://${host}:${appByName(name).port}`,
    service(name) {
      const supervisor = supervisors.get(name);
      return supervisor ? { pid: supervisor.child?.pid ?? null, restarts: supervisor.restarts } : null;
    },
    async stopApp(name) {
      await servers.get(name)?.close();
      servers.delete(name);
    },
    async startApp(name) {
      if (!servers.has(name)) await startApp(appByName(name));
    },
    async close() {
      watchdog?.stop();
      if (options.deploymentFile) clearDeploymentState(options.deploymentFile);
      await Promise.all([...servers.values()].map((server) => server.close()));
      servers.clear();
      await Promise.all([...supervisors.values()].map((supervisor) => supervisor.stop(5_000)));
    },
  };
}
