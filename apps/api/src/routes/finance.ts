import { apiRoutes } from '@octopus/contracts';
import type { AppContext } from '../context';
import { creditLine, publicLoan } from '../finance/loans';
import { findCreditLine, listConsignments, loadLoans, loanOwner } from '../finance/repository';
import { accessInfo, accessUser, auditAccess, requireVerified, type Access } from '../http/access';
import { agentOf, agentToken } from '../http/auth';
import { notFound } from '../http/errors';
import type { ApiApp } from '../http/types';

/** Consignments and loans (`apiRoutes.listConsignments`, `listLoans`, `getLoan`): verified access only. */
export function registerFinanceRoutes(app: ApiApp, ctx: AppContext): void {
  const preValidation = agentToken(ctx);

  /** A masked request is refused (and audited as refused); a verified one is audited as allowed. */
  const financeAccess = async (access: Access, action: string, what: string): Promise<void> => {
    if (access.masked) {
      await auditAccess(ctx, ctx.db, access, action, 'withheld: caller not verified', true);
      requireVerified(access, what);
    }
    await auditAccess(ctx, ctx.db, access, action);
  };

  app.get(apiRoutes.listConsignments.url, { schema: apiRoutes.listConsignments.schema, preValidation }, async (request) => {
    const { userId } = request.params;
    const access = await accessUser(ctx, request, agentOf(request), userId, 'consignments.list');
    await financeAccess(access, 'consignments.list', 'consignment data (payouts)');
    return { consignments: await listConsignments(ctx.db, userId), access: accessInfo(access) };
  });

  app.get(apiRoutes.listLoans.url, { schema: apiRoutes.listLoans.schema, preValidation }, async (request) => {
    const { userId } = request.params;
    const access = await accessUser(ctx, request, agentOf(request), userId, 'loans.list');
    await financeAccess(access, 'loans.list', 'loan data');
    const loans = await loadLoans(ctx.db, 'user', userId, ctx.now());
    const line = await findCreditLine(ctx.db, userId);
    return { credit: creditLine(line, loans), loans: loans.map(publicLoan), access: accessInfo(access) };
  });

  app.get(apiRoutes.getLoan.url, { schema: apiRoutes.getLoan.schema, preValidation }, async (request) => {
    const { loanId } = request.params;
    const owner = await loanOwner(ctx.db, loanId);
    if (!owner) throw notFound('loan');
    const access = await accessUser(ctx, request, agentOf(request), owner, 'loans.detail');
    await financeAccess(access, 'loans.detail', 'loan data');
    const [loan] = await loadLoans(ctx.db, 'loan', loanId, ctx.now());
    if (!loan) throw notFound('loan');
    return { loan: publicLoan(loan), access: accessInfo(access) };
  });
}
