import type { FastifyRequest } from 'fastify';
import { apiRoutes, REPORT_MAX_DAYS, SUPERVISING_ROLES, type EffectivenessQuery } from '@octopus/contracts';
import type { AppContext } from '../context';
import { writeAudit } from '../audit/log';
import { agentOf, agentToken } from '../http/auth';
import { HttpError } from '../http/errors';
import type { ApiApp } from '../http/types';
import { effectivenessCsv } from '../reports/csv';
import { effectivenessReport, todayIn, type ReportRange } from '../reports/repository';

const DAY_MS = 86_400_000;
/** The default range: the 28 days ending today. */
const DEFAULT_DAYS = 28;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * `GET /reports/effectiveness` (JSON) and `GET /reports/effectiveness/csv` (one table as CSV):
 * supervisors and admins only (agents 403, the refusal audited); every read is audited with its range.
 * No customer data: counts and times only.
 */
export function registerReportRoutes(app: ApiApp, ctx: AppContext): void {
  // The role is checked (and a refusal logged) before the query is validated, like the audit log.
  const supervising = async (request: FastifyRequest): Promise<void> => {
    const agent = agentOf(request);
    if (!SUPERVISING_ROLES.includes(agent.role)) {
      const message = 'the effectiveness report is for supervisors and admins';
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, action: 'reports.effectiveness', outcome: 'refused', via: 'role', reason: message }, ctx.now());
      throw new HttpError(403, 'forbidden', message);
    }
  };
  const preValidation = [agentToken(ctx), supervising];

  /** The range a query asks for. @throws HttpError 400 (`query.from`) when from > to or the range is too long. */
  const rangeOf = async (query: Required<Pick<EffectivenessQuery, 'granularity' | 'tz'>> & EffectivenessQuery): Promise<ReportRange> => {
    const to = query.to ?? (await todayIn(ctx.db, query.tz, ctx.now()));
    const from = query.from ?? addDays(to, 1 - DEFAULT_DAYS);
    if (from > to) throw new HttpError(400, 'bad_request', 'query.from: must not be after to', 'query.from');
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    if (days > REPORT_MAX_DAYS) throw new HttpError(400, 'bad_request', `query.from: at most ${REPORT_MAX_DAYS} days per report`, 'query.from');
    return { from, to, granularity: query.granularity, timeZone: query.tz, group: query.group ?? null };
  };

  const audit = (request: FastifyRequest, range: ReportRange, format: string) => {
    const agent = agentOf(request);
    const reason = `${range.from}..${range.to} ${range.granularity} ${range.group ?? 'all groups'} ${format}`;
    return writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, action: 'reports.effectiveness', outcome: 'allowed', via: 'role', reason }, ctx.now());
  };

  app.get(apiRoutes.effectivenessReport.url, { schema: apiRoutes.effectivenessReport.schema, preValidation }, async (request) => {
    const range = await rangeOf(request.query);
    const report = await effectivenessReport(ctx.db, range);
    await audit(request, range, 'json');
    return report;
  });

  app.get(apiRoutes.effectivenessReportCsv.url, { schema: apiRoutes.effectivenessReportCsv.schema, preValidation }, async (request, reply) => {
    const range = await rangeOf(request.query);
    const table = request.query.table;
    const csv = effectivenessCsv(await effectivenessReport(ctx.db, range), table);
    await audit(request, range, `csv ${table}`);
    const name = `effectiveness-${table}-${range.from}-${range.to}-${range.granularity}${range.group ? `-${range.group}` : ''}.csv`;
    reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);
    return csv;
  });
}
