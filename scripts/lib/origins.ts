// The deployment's origins, from the one environment that also lays out `pnpm start` (ports, public
// host and URLs): what the pages' security headers allow, and which hosts may frame the finance page.
import { listWebApps } from './workspace';

/** Where the browser is allowed to go from an Octopus page. */
export interface DeploymentOrigins {
  /** Origins remotes are served from (remoteEntry.js, mf-manifest.json, chunks, the finance iframe page). */
  remotes: string[];
  /** The customer data api (fetch). */
  api: string;
  /** The cti-server: its http origin (login, refresh, logout) and the same host's ws: origin (telephony). */
  cti: string;
  /** Host origins allowed to frame the finance iframe page (and to send it the customer context). */
  embedHosts: string[];
  /** Kamailio's SIP-over-WebSocket origin (`ws://host:port`) when the deployment has voice (docs/adr/0011). */
  voice?: string;
}

/** `http://host:port` of a URL, or null when it is not an http(s) URL. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * Host origins allowed to embed the finance iframe page: `OCTOPUS_EMBED_ALLOWED_ORIGINS` (comma list),
 * else the shell's origin on `OCTOPUS_PUBLIC_HOST` (default localhost) and `SHELL_PORT` (default 3000),
 * also as localhost and 127.0.0.1. The finance build bakes the same list into the page's message check.
 */
export function embedAllowedOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.OCTOPUS_EMBED_ALLOWED_ORIGINS) return list(env.OCTOPUS_EMBED_ALLOWED_ORIGINS);
  const host = env.OCTOPUS_PUBLIC_HOST ?? 'localhost';
  const port = env.SHELL_PORT ?? '3000';
  return [...new Set([`http://${host}:${port}`, `http://localhost:${port}`, `http://127.0.0.1:${port}`])];
}

/**
 * The deployment's origins from the environment, as `pnpm start` lays them out: every remote on
 * `OCTOPUS_PUBLIC_HOST` at its port (`<NAME>_PORT`), plus `OCTOPUS_REMOTE_ORIGINS` (comma list) for
 * remotes a registry points elsewhere; the api at `OCTOPUS_API_PUBLIC_URL` (else host:API_PORT|4100);
 * the cti-server at `OCTOPUS_CTI_PUBLIC_URL` (else host:CTI_PORT|4000).
 */
export function deploymentOrigins(env: NodeJS.ProcessEnv = process.env): DeploymentOrigins {
  const host = env.OCTOPUS_PUBLIC_HOST ?? 'localhost';
  const remotes = listWebApps(env)
    .filter((app) => app.kind === 'remote')
    .map((app) => `http://${host}:${app.port}`);
  const extra = list(env.OCTOPUS_REMOTE_ORIGINS)
    .map(originOf)
    .filter((origin): origin is string => origin !== null);
  return {
    remotes: [...new Set([...remotes, ...extra])],
    api: originOf(env.OCTOPUS_API_PUBLIC_URL ?? '') ?? `http://${host}:${env.API_PORT ?? 4100}`,
    cti: originOf(env.OCTOPUS_CTI_PUBLIC_URL ?? '') ?? `http://${host}:${env.CTI_PORT ?? 4000}`,
    embedHosts: embedAllowedOrigins(env),
    ...(wsOriginOf(env.CTI_VOICE_WS_URL) && { voice: wsOriginOf(env.CTI_VOICE_WS_URL)! }),
  };
}

/** `ws(s)://host:port` of a WebSocket URL, or null. */
function wsOriginOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'ws:' || parsed.protocol === 'wss:' ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/**
 * The browser origins the api's CORS and the cti-server's CORS and WebSocket Origin check allow:
 * the shell and every web app of the deployment (on `OCTOPUS_PUBLIC_HOST`, localhost and 127.0.0.1 at
 * their `<NAME>_PORT`), the embedding hosts, `OCTOPUS_REMOTE_ORIGINS` and `OCTOPUS_BROWSER_ORIGINS`
 * (comma lists). `pnpm start` passes it to both services as `API_CORS_ORIGINS` / `CTI_CORS_ORIGINS`
 * unless those are set, so moving a port moves every list with it.
 */
export function browserOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const host = env.OCTOPUS_PUBLIC_HOST ?? 'localhost';
  const hosts = [...new Set([host, 'localhost', '127.0.0.1'])];
  const apps = listWebApps(env).flatMap((app) => hosts.map((name) => `http://${name}:${app.port}`));
  const extra = [...list(env.OCTOPUS_REMOTE_ORIGINS), ...list(env.OCTOPUS_BROWSER_ORIGINS)].map(originOf).filter((origin): origin is string => origin !== null);
  return [...new Set([...apps, ...embedAllowedOrigins(env), ...extra])];
}

/**
 * The services' public URLs the browser pages use (`/octopus-config.json` of the shell, and of each
 * remote's standalone harness): `OCTOPUS_CTI_PUBLIC_URL` / `OCTOPUS_API_PUBLIC_URL`, else
 * `http://<OCTOPUS_PUBLIC_HOST|localhost>:<CTI_PORT|4000>` and `…:<API_PORT|4100>`.
 */
export function runtimeServiceConfig(env: NodeJS.ProcessEnv = process.env): { ctiUrl: string; apiUrl: string } {
  const host = env.OCTOPUS_PUBLIC_HOST ?? 'localhost';
  return {
    ctiUrl: env.OCTOPUS_CTI_PUBLIC_URL ?? `http://${host}:${env.CTI_PORT ?? 4000}`,
    apiUrl: env.OCTOPUS_API_PUBLIC_URL ?? `http://${host}:${env.API_PORT ?? 4100}`,
  };
}
