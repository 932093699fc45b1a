import type { FastifyRequest } from 'fastify';
import { apiRoutes, SUPERVISING_ROLES, type RemoteLoadSummaryRow } from '@octopus/contracts';
import { verifyTokenOfKind } from '@octopus/auth';
import type { AppContext } from '../context';
import { agentOf, agentToken, requireAgent, requireService } from '../http/auth';
import { HttpError } from '../http/errors';
import type { ApiApp } from '../http/types';

interface SummaryRow {
  remote: string;
  version: string;
  track: 'stable' | 'canary';
  loads: string | number;
  failures: string | number;
  p95: number | null;
}

/** A supervising agent's token, or a service token (the deployment's own tools: `pnpm registry status`, the canary watchdog). */
async function requireReader(ctx: AppContext, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  let service = false;
  if (token) {
    try {
      verifyTokenOfKind(token, 'service', { secret: ctx.tokenSecret, now: ctx.now });
      service = true;
    } catch {
      service = false;
    }
  }
  if (service) {
    await requireService(ctx, request);
    return;
  }
  const agent = await requireAgent(ctx, request);
  if (!SUPERVISING_ROLES.includes(agent.role)) throw new HttpError(403, 'forbidden', 'remote telemetry is for supervisors and admins');
}

/**
 * The product's collector of remote loads.
 * - `POST /telemetry/remote-loads` (agent token): `{ loads: [1–50 × { remote, version, track, outcome, stage?, durationMs }] }` → 204.
 *   Carries no customer data; the agent id is taken from the token.
 * - `GET /telemetry/remote-loads/summary?windowMinutes=60` (supervisor/admin or service token): per remote,
 *   release and track, loads, failures, success rate and p95 load time (ms) of the window.
 */
export function registerTelemetryRoutes(app: ApiApp, ctx: AppContext): void {
  app.post(apiRoutes.reportRemoteLoads.url, { schema: apiRoutes.reportRemoteLoads.schema, preValidation: agentToken(ctx) }, async (request, reply) => {
    const agent = agentOf(request);
    const { loads } = request.body;
    const at = new Date(ctx.now()).toISOString();
    for (const load of loads) {
      await ctx.db.query(
        'INSERT INTO remote_loads (at, agent_id, remote, version, track, outcome, stage, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [at, agent.sub, load.remote, load.version, load.track, load.outcome, load.stage ?? null, load.durationMs],
      );
    }
    reply.code(204);
  });

  const preValidation = (request: FastifyRequest): Promise<void> => requireReader(ctx, request);
  app.get(apiRoutes.remoteLoadSummary.url, { schema: apiRoutes.remoteLoadSummary.schema, preValidation }, async (request) => {
    const { windowMinutes } = request.query;
    const since = new Date(ctx.now() - windowMinutes * 60_000).toISOString();
    const rows = await ctx.db.query<SummaryRow>(
      `SELECT remote, version, track, count(*) AS loads, count(*) FILTER (WHERE outcome = 'failed') AS failures,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) FILTER (WHERE outcome = 'ok') AS p95
         FROM remote_loads WHERE at >= $1
        GROUP BY remote, version, track ORDER BY remote, version, track`,
      [since],
    );
    return {
      windowMinutes,
      rows: rows.map((row): RemoteLoadSummaryRow => {
        const loads = Number(row.loads);
        const failures = Number(row.failures);
        return { remote: row.remote, version: row.version, track: row.track, loads, failures, successRate: loads ? (loads - failures) / loads : 0, p95Ms: row.p95 === null ? null : Math.round(Number(row.p95)) };
      }),
    };
  });
}
