// The deployment's own tools reading the product's remote-load telemetry (the api's summary), with a
// short-lived service token signed by the deployment's secret (`OCTOPUS_TOKEN_SECRET`, else the
// generated one in the data folder) — they run where the deployment runs.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { signToken, SECRET_FILE } from '@octopus/auth';
import type { RemoteLoadSummary } from '@octopus/contracts';

/**
 * The deployment's token secret without ever creating one: `OCTOPUS_TOKEN_SECRET`, else
 * `<dataDir>/token-secret`. @returns null when neither exists.
 */
export function deploymentSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.OCTOPUS_TOKEN_SECRET) return env.OCTOPUS_TOKEN_SECRET;
  const file = path.join(dataDir, SECRET_FILE);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() || null : null;
}

/**
 * `GET <apiUrl>/telemetry/remote-loads/summary?windowMinutes=N` with a 60 s service token.
 * @throws when the api does not answer 200 within `timeoutMs` (default 5000).
 */
export async function fetchLoadSummary(apiUrl: string, secret: string, windowMinutes = 60, options: { fetchImpl?: typeof fetch; timeoutMs?: number } = {}): Promise<RemoteLoadSummary> {
  const token = signToken({ kind: 'service', sub: 'octopus-registry' }, { secret, ttlSeconds: 60 });
  const response = await (options.fetchImpl ?? fetch)(`${apiUrl}/telemetry/remote-loads/summary?windowMinutes=${Math.max(1, Math.min(10_080, Math.ceil(windowMinutes)))}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
  });
  if (!response.ok) throw new Error(`${apiUrl} telemetry answered ${response.status}`);
  return (await response.json()) as RemoteLoadSummary;
}
