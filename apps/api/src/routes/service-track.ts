import { apiRoutes } from '@octopus/contracts';
import type { AppContext } from '../context';
import { writeAudit } from '../audit/log';
import { accessInfo, accessUser, auditAccess } from '../http/access';
import { agentOf, agentToken } from '../http/auth';
import { HttpError } from '../http/errors';
import type { ApiApp } from '../http/types';
import { loadTrack, phonesOf, recentCallWith, userOfPhone } from '../service-track/repository';

/** How long after a call an agent may still read an unregistered number's track (ms). */
const UNREGISTERED_NUMBER_WINDOW_MS = 86_400_000;

/** The service track of a customer and of a number (`apiRoutes.serviceTrack`, `numberServiceTrack`). */
export function registerServiceTrackRoutes(app: ApiApp, ctx: AppContext): void {
  const preValidation = agentToken(ctx);

  app.get(apiRoutes.serviceTrack.url, { schema: apiRoutes.serviceTrack.schema, preValidation }, async (request) => {
    const { userId } = request.params;
    const query = request.query;
    const access = await accessUser(ctx, request, agentOf(request), userId, 'service-track.user');
    const events = await loadTrack(ctx.db, { userId, numbers: await phonesOf(ctx.db, userId) }, query, access.masked);
    await auditAccess(ctx, ctx.db, access, 'service-track.user', query.channel);
    return { events, access: accessInfo(access) };
  });

  app.get(apiRoutes.numberServiceTrack.url, { schema: apiRoutes.numberServiceTrack.schema, preValidation }, async (request) => {
    const agent = agentOf(request);
    const query = request.query;
    const userId = await userOfPhone(ctx.db, query.number);
    if (userId) {
      // A registered number is that customer's data: the same policy as the customer's own track.
      const access = await accessUser(ctx, request, agent, userId, 'service-track.number');
      const events = await loadTrack(ctx.db, { userId, numbers: await phonesOf(ctx.db, userId) }, query, access.masked);
      await auditAccess(ctx, ctx.db, access, 'service-track.number', query.channel);
      return { events, access: accessInfo(access) };
    }
    // An unregistered number: only an agent who has (had, within a day) a call with it, and masked.
    const since = new Date(ctx.now() - UNREGISTERED_NUMBER_WINDOW_MS).toISOString();
    const callId = await recentCallWith(ctx.db, agent.sub, query.number, since);
    if (!callId) {
      const message = 'no access to this number: it is not on a call of yours';
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, action: 'service-track.number', outcome: 'refused', via: 'call-record', reason: message }, ctx.now());
      throw new HttpError(403, 'no_access', message);
    }
    const events = await loadTrack(ctx.db, { userId: null, numbers: [query.number] }, query, true);
    await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, userId: null, callId, action: 'service-track.number', outcome: 'masked', via: 'call-record', reason: query.channel ?? null }, ctx.now());
    return { events, access: { via: 'call-record' as const, level: 'unverified' as const, masked: true, callId, ticketId: null } };
  });
}
