import { apiRoutes } from '@octopus/contracts';
import { toIso } from '@octopus/db';
import type { AppContext } from '../context';
import { accessInfo, accessUser, auditAccess, type Access } from '../http/access';
import { agentOf, agentToken, readGrant } from '../http/auth';
import { HttpError, notFound } from '../http/errors';
import type { ApiApp } from '../http/types';
import { writeAudit } from '../audit/log';
import { maskIdNumber, maskName, maskPhone } from '../mask';
import { customerActivity, customerHistory, customerPhones, findCustomer } from '../customers/repository';


/**
 * The shell's customer panel and the customer's history.
 * - `GET /users/:userId/summary`: profile, counts and latest orders, open tickets, consignments and
 *   loans in one request; the access policy of `GET /users/:userId` (ADR 0007): masked unless verified,
 *   finance withheld when masked. Audited as `users.summary`.
 * - `GET /users/:userId/history`: past calls and tickets. With a grant or an assigned ticket as
 *   everywhere; with no grant at all (the agent searched the customer, outside a call) at `search`
 *   level: when and how the customer contacted us, no free text. Audited as `users.history`.
 */
export function registerCustomerPanelRoutes(app: ApiApp, ctx: AppContext): void {
  const preValidation = agentToken(ctx);
  app.get(
    apiRoutes.customerSummary.url,
    { schema: apiRoutes.customerSummary.schema, preValidation },
    async (request) => {
      const agent = agentOf(request);
      const { userId } = request.params;
      const access = await accessUser(ctx, request, agent, userId, 'users.summary');
      const user = await findCustomer(ctx.db, userId);
      if (!user) throw notFound('user');
      const m = access.masked;
      const phones = await customerPhones(ctx.db, userId);
      const activity = await customerActivity(ctx.db, userId, !m);
      await auditAccess(ctx, ctx.db, access, 'users.summary', m ? 'finance withheld: caller not verified' : null);
      const prefix = `${user.province === user.city ? '' : user.province}${user.city}${user.district}`;
      return {
        userId: user.id,
        name: m ? maskName(user.name) : user.name,
        gender: user.gender,
        level: user.level,
        registeredAt: toIso(user.registered_at),
        phones: phones.map((p) => ({ phone: m ? maskPhone(p.phone) : p.phone, primary: p.is_primary })),
        idNumber: m ? maskIdNumber(user.id_number) : user.id_number,
        address: `${prefix}${m ? '****' : user.address_detail}`,
        ...activity,
        financeWithheld: m,
        access: accessInfo(access),
      };
    },
  );

  app.get(
    apiRoutes.customerHistory.url,
    { schema: apiRoutes.customerHistory.schema, preValidation },
    async (request) => {
      const agent = agentOf(request);
      const { userId } = request.params;
      // A grant that does not fit is refused (and audited) as everywhere; only a request with no grant
      // at all may fall back to the search level.
      const withGrant = readGrant(ctx, request) !== null;
      let access: Access | null;
      try {
        access = await accessUser(ctx, request, agent, userId, 'users.history', { auditRefusal: withGrant });
      } catch (error) {
        if (withGrant || !(error instanceof HttpError) || error.statusCode !== 403) throw error;
        access = null;
      }
      if (!(await findCustomer(ctx.db, userId))) throw notFound('user');
      const entries = await customerHistory(ctx.db, userId, request.query, access !== null);
      if (access) await auditAccess(ctx, ctx.db, access, 'users.history');
      else {
        await writeAudit(
          ctx.db,
          ctx.auditKey,
          { agentId: agent.sub, sessionId: agent.sid, userId, action: 'users.history', outcome: 'masked', via: 'search', reason: 'no grant: contact history without free text' },
          ctx.now(),
        );
      }
      return { userId, entries, access: access ? { via: access.via === 'ticket' ? ('ticket' as const) : ('grant' as const), masked: access.masked } : { via: 'search' as const, masked: true } };
    },
  );
}
