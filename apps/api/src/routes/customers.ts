import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  agentIdentityVerifyRequestSchema,
  apiEntityIdSchema,
  numberServiceTrackQuerySchema,
  orderListQuerySchema,
  serviceTrackQuerySchema,
  userSearchQuerySchema,
  type AgentIdentityVerifyResponse,
  type Consignment,
  type ConsignmentListResponse,
  type CreditLine,
  type Installment,
  type Loan,
  type LoanDetailResponse,
  type LoanListResponse,
  type OrderDetail,
  type OrderListResponse,
  type OrderSummary,
  type ServiceEvent,
  type ServiceTrackResponse,
  type UserProfile,
  type UserSearchResponse,
  type UserSearchResult,
} from '@octopus/contracts';
import type { AppContext } from '../context';
import { toIso, toIsoOrNull } from '@octopus/db';
import { accessInfo, accessUser, auditAccess, grantEnded, requireVerified, type Access } from '../http/access';
import { writeAudit } from '../audit/log';
import { readGrant, requireAgent } from '../http/auth';
import { signToken, type VerificationClaims } from '@octopus/auth';
import { HttpError, notFound, parse } from '../http/errors';
import { maskAddressText, maskIdNumber, maskName, maskPhone } from '../mask';
import { dispositionRef } from '../dispositions/repository';
import { idSuffixMatches, nationalNumber, normaliseIdentityInput, phoneBelongsTo } from './internal';

const userParams = z.object({ userId: apiEntityIdSchema });
const orderParams = z.object({ orderId: apiEntityIdSchema });
const loanParams = z.object({ loanId: apiEntityIdSchema });

interface UserRow {
  id: string;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  province: string;
  city: string;
  district: string;
  address_detail: string;
  level: UserProfile['level'];
  registered_at: unknown;
}

interface OrderRow {
  id: string;
  user_id: string;
  status: OrderSummary['status'];
  total_fen: number;
  created_at: unknown;
  paid_at: unknown;
  payment_method: string | null;
  shipped_at: unknown;
  delivered_at: unknown;
  receiver_name: string;
  receiver_phone: string;
  receiver_address: string;
  logistics_company: string | null;
  tracking_no: string | null;
  item_count: number;
  headline: string | null;
}

const ORDER_SELECT = `SELECT o.*,
  (SELECT COALESCE(sum(i.quantity), 0)::int FROM order_items i WHERE i.order_id = o.id) AS item_count,
  (SELECT i.brand || ' ' || i.name || ' · ' || i.size FROM order_items i WHERE i.order_id = o.id AND i.line = 1) AS headline
  FROM orders o`;

function orderSummary(row: OrderRow): OrderSummary {
  return {
    orderId: row.id,
    userId: row.user_id,
    status: row.status,
    createdAt: toIso(row.created_at),
    totalFen: row.total_fen,
    itemCount: row.item_count,
    headline: row.headline ?? '',
    logisticsCompany: row.logistics_company,
    trackingNo: row.tracking_no,
  };
}

const DAY = 86_400_000;
/** Today's date in China time (UTC+8, no DST), as instalment due dates are. */
export function chinaToday(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY);
}

interface InstallmentRow {
  loan_id: string;
  seq: number;
  due_date: string;
  principal_fen: number;
  interest_fen: number;
  paid_fen: number;
  paid_at: unknown;
}
interface LoanRow {
  id: string;
  user_id: string;
  product: string;
  principal_fen: number;
  term_months: number;
  annual_rate_bp: number;
  disbursed_at: unknown;
}

function buildLoan(row: LoanRow, rows: InstallmentRow[], today: string): Loan & { unpaidPrincipalFen: number } {
  const installments: Installment[] = rows.map((r) => {
    const amount = r.principal_fen + r.interest_fen;
    const paid = r.paid_fen >= amount;
    const lateBy = daysBetween(r.due_date, today);
    const status: Installment['status'] = paid ? 'paid' : lateBy > 0 ? 'overdue' : lateBy >= -7 ? 'due' : 'upcoming';
    return {
      seq: r.seq,
      dueDate: r.due_date,
      principalFen: r.principal_fen,
      interestFen: r.interest_fen,
      amountFen: amount,
      paidFen: r.paid_fen,
      paidAt: toIsoOrNull(r.paid_at),
      status,
      overdueDays: status === 'overdue' ? lateBy : 0,
    };
  });
  const unpaid = installments.filter((i) => i.status !== 'paid');
  const overdue = unpaid.filter((i) => i.status === 'overdue');
  const next = unpaid.find((i) => i.status !== 'overdue') ?? null;
  const unpaidPrincipal = rows.filter((r) => r.paid_fen < r.principal_fen + r.interest_fen).reduce((s, r) => s + r.principal_fen, 0);
  return {
    loanId: row.id,
    userId: row.user_id,
    product: row.product,
    principalFen: row.principal_fen,
    termMonths: row.term_months,
    annualRateBp: row.annual_rate_bp,
    disbursedAt: toIso(row.disbursed_at),
    status: unpaid.length === 0 ? 'settled' : overdue.length > 0 ? 'overdue' : 'active',
    outstandingFen: unpaid.reduce((s, i) => s + i.amountFen - i.paidFen, 0),
    nextDue: next ? { seq: next.seq, dueDate: next.dueDate, amountFen: next.amountFen - next.paidFen } : null,
    overdue: {
      count: overdue.length,
      amountFen: overdue.reduce((s, i) => s + i.amountFen - i.paidFen, 0),
      maxDays: overdue.reduce((m, i) => Math.max(m, i.overdueDays), 0),
    },
    installments,
    unpaidPrincipalFen: unpaidPrincipal,
  };
}

async function loadLoans(ctx: AppContext, where: 'user' | 'loan', id: string): Promise<(Loan & { unpaidPrincipalFen: number })[]> {
  const loans = await ctx.db.query<LoanRow>(
    where === 'user' ? 'SELECT * FROM loans WHERE user_id = $1 ORDER BY disbursed_at DESC, id' : 'SELECT * FROM loans WHERE id = $1',
    [id],
  );
  if (loans.length === 0) return [];
  const installments = await ctx.db.query<InstallmentRow>(
    `SELECT loan_id, seq, to_char(due_date, 'YYYY-MM-DD') AS due_date, principal_fen, interest_fen, paid_fen, paid_at
     FROM installments WHERE loan_id = ANY($1::text[]) ORDER BY loan_id, seq`,
    [loans.map((l) => l.id)],
  );
  const today = chinaToday(ctx.now());
  return loans.map((loan) => buildLoan(loan, installments.filter((i) => i.loan_id === loan.id), today));
}

function stripInternal(loan: Loan & { unpaidPrincipalFen: number }): Loan {
  const { unpaidPrincipalFen: _unused, ...rest } = loan;
  return rest;
}

interface TrackRow {
  id: string;
  channel: ServiceEvent['channel'];
  at: unknown;
  user_id: string | null;
  number: string | null;
  agent_id: string | null;
  direction: 'inbound' | 'outbound' | null;
  title: string;
  summary: string | null;
  ref_id: string;
  extra: string | null;
  disposition_code: string | null;
  disposition_zh: string | null;
  disposition_en: string | null;
}

/** Calls, IM sessions and tickets on one timeline, newest first. */
async function loadTrack(
  ctx: AppContext,
  match: { userId: string | null; numbers: string[] },
  query: { channel?: ServiceEvent['channel'] | undefined; limit: number; before?: string | undefined },
  masked: boolean,
): Promise<ServiceEvent[]> {
  const rows = await ctx.db.query<TrackRow>(
    `SELECT * FROM (
       SELECT 'call:' || c.call_id AS id, 'call' AS channel, COALESCE(c.connected_at, c.created_at) AS at, c.user_id, c.number, c.agent_id,
              c.direction, c.skill_group AS title, c.note AS summary, c.call_id AS ref_id, c.end_reason AS extra,
              c.disposition_code, d.label_zh AS disposition_zh, d.label_en AS disposition_en
       FROM call_records c LEFT JOIN dispositions d ON d.skill_group = c.skill_group AND d.code = c.disposition_code
       WHERE c.user_id = $1 OR c.number = ANY($2::text[])
       UNION ALL
       SELECT 'im:' || id, 'im', started_at, user_id, phone, agent_id, NULL, topic, summary, id, NULL, NULL, NULL, NULL
       FROM im_sessions WHERE user_id = $1 OR phone = ANY($2::text[])
       UNION ALL
       SELECT 'ticket:' || id, 'ticket', created_at, user_id, NULL, created_by_agent_id, NULL, title, description, id, status, NULL, NULL, NULL
       FROM tickets WHERE user_id = $1
     ) track
     WHERE ($3::text IS NULL OR channel = $3) AND ($4::timestamptz IS NULL OR at < $4)
     ORDER BY at DESC, id DESC LIMIT $5`,
    [match.userId, match.numbers, query.channel ?? null, query.before ?? null, query.limit],
  );
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    at: toIso(row.at),
    userId: row.user_id,
    number: row.number === null ? null : masked ? maskPhone(row.number) : row.number,
    agentId: row.agent_id,
    direction: row.direction,
    title:
      row.channel === 'call'
        ? `${row.direction === 'outbound' ? '外呼' : '来电'}${row.title ? ` · ${row.title}` : ''}`
        : row.channel === 'ticket'
          ? `${row.title} [${row.extra ?? ''}]`
          : row.title,
    summary: row.summary ?? (row.extra ? `结束原因：${row.extra}` : ''),
    refId: row.ref_id,
    disposition: dispositionRef(row.disposition_code, row.disposition_zh, row.disposition_en),
  }));
}

/** Lockout for the agent's identity check: 5 failures per agent and customer in 10 minutes. */
const VERIFY_MAX_FAILURES = 5;
const VERIFY_WINDOW_MS = 10 * 60_000;
/** Lifetime of the verification proof the api hands out (seconds). */
export const VERIFICATION_PROOF_TTL_SECONDS = 5 * 60;

export function registerCustomerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const verifyFailures = new Map<string, number[]>();

  const userOr404 = async (userId: string): Promise<UserRow> => {
    const rows = await ctx.db.query<UserRow>('SELECT * FROM users WHERE id = $1', [userId]);
    if (!rows[0]) throw notFound('user');
    return rows[0];
  };

  app.get('/users/search', async (request): Promise<UserSearchResponse> => {
    const agent = await requireAgent(ctx, request);
    const query = parse(userSearchQuerySchema, request.query, 'query');
    let matchedBy: UserSearchResult['matchedBy'];
    let ids: { id: string }[];
    if (query.phone) {
      matchedBy = 'phone';
      ids = await ctx.db.query('SELECT user_id AS id FROM user_phones WHERE phone = $1', [query.phone]);
    } else if (query.orderId) {
      matchedBy = 'order';
      ids = await ctx.db.query('SELECT user_id AS id FROM orders WHERE id = $1', [query.orderId]);
    } else {
      matchedBy = 'id-suffix';
      const suffix = (query.idSuffix ?? '').toUpperCase();
      ids = await ctx.db.query('SELECT id FROM users WHERE right(id_number, $1) = $2 ORDER BY id LIMIT 20', [suffix.length, suffix]);
    }
    const userIds = ids.map((r) => r.id);
    const users = await ctx.db.query<UserRow & { phones: string[] }>(
      `SELECT u.*, ARRAY(SELECT p.phone FROM user_phones p WHERE p.user_id = u.id ORDER BY p.is_primary DESC, p.phone) AS phones
       FROM users u WHERE u.id = ANY($1::text[]) ORDER BY u.id`,
      [userIds],
    );
    for (const user of users.length ? users : [null]) {
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, userId: user?.id ?? null, action: 'users.search', outcome: 'masked', via: 'search', reason: matchedBy }, ctx.now());
    }
    return {
      results: users.map((u) => ({
        userId: u.id,
        maskedName: maskName(u.name),
        maskedPhones: u.phones.map(maskPhone),
        level: u.level,
        registeredAt: toIso(u.registered_at),
        matchedBy,
      })),
    };
  });

  app.get('/users/:userId', async (request): Promise<UserProfile> => {
    const agent = await requireAgent(ctx, request);
    const { userId } = parse(userParams, request.params, 'params');
    const access = await accessUser(ctx, request, agent, userId, 'users.profile');
    const user = await userOr404(userId);
    const phones = await ctx.db.query<{ phone: string; is_primary: boolean }>(
      'SELECT phone, is_primary FROM user_phones WHERE user_id = $1 ORDER BY is_primary DESC, phone',
      [userId],
    );
    const stats = await ctx.db.query<{ orders: number; open_tickets: number }>(
      `SELECT (SELECT count(*)::int FROM orders WHERE user_id = $1) AS orders,
              (SELECT count(*)::int FROM tickets WHERE user_id = $1 AND status NOT IN ('resolved', 'closed')) AS open_tickets`,
      [userId],
    );
    await auditAccess(ctx, ctx.db, access, 'users.profile');
    const m = access.masked;
    const detail = m ? '****' : user.address_detail;
    const prefix = `${user.province === user.city ? '' : user.province}${user.city}${user.district}`;
    return {
      userId: user.id,
      name: m ? maskName(user.name) : user.name,
      gender: user.gender,
      phones: phones.map((p) => ({ phone: m ? maskPhone(p.phone) : p.phone, primary: p.is_primary })),
      idNumber: m ? maskIdNumber(user.id_number) : user.id_number,
      address: { province: user.province, city: user.city, district: user.district, detail, full: `${prefix}${detail}` },
      level: user.level,
      registeredAt: toIso(user.registered_at),
      stats: { orders: stats[0]?.orders ?? 0, openTickets: stats[0]?.open_tickets ?? 0 },
      access: accessInfo(access),
    };
  });

  app.get('/users/:userId/orders', async (request): Promise<OrderListResponse> => {
    const agent = await requireAgent(ctx, request);
    const { userId } = parse(userParams, request.params, 'params');
    const query = parse(orderListQuerySchema, request.query, 'query');
    const access = await accessUser(ctx, request, agent, userId, 'orders.list');
    const rows = await ctx.db.query<OrderRow>(
      `${ORDER_SELECT} WHERE o.user_id = $1 AND ($2::text IS NULL OR o.status = $2) ORDER BY o.created_at DESC, o.id DESC LIMIT $3 OFFSET $4`,
      [userId, query.status ?? null, query.limit, query.offset],
    );
    const total = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM orders WHERE user_id = $1 AND ($2::text IS NULL OR status = $2)',
      [userId, query.status ?? null],
    );
    await auditAccess(ctx, ctx.db, access, 'orders.list', query.status);
    return { orders: rows.map(orderSummary), total: total[0]?.n ?? 0, access: accessInfo(access) };
  });

  app.get('/orders/:orderId', async (request): Promise<OrderDetail> => {
    const agent = await requireAgent(ctx, request);
    const { orderId } = parse(orderParams, request.params, 'params');
    const owner = await ctx.db.query<{ user_id: string }>('SELECT user_id FROM orders WHERE id = $1', [orderId]);
    // Same answer for "no such order" and "not yours" would hide existence, but order numbers are
    // not secret (search takes them) and a clear 404 helps agents.
    if (!owner[0]) throw notFound('order');
    const access = await accessUser(ctx, request, agent, owner[0].user_id, 'orders.detail');
    const rows = await ctx.db.query<OrderRow>(`${ORDER_SELECT} WHERE o.id = $1`, [orderId]);
    const row = rows[0] as OrderRow;
    const items = await ctx.db.query<{
      line: number; sku: string; brand: string; name: string; category: 'sneakers' | 'apparel' | 'accessories';
      size: string; color: string; price_fen: number; quantity: number;
    }>('SELECT * FROM order_items WHERE order_id = $1 ORDER BY line', [orderId]);
    const events = await ctx.db.query<{ at: unknown; status: string; location: string; description: string }>(
      'SELECT at, status, location, description FROM logistics_events WHERE order_id = $1 ORDER BY seq DESC',
      [orderId],
    );
    await auditAccess(ctx, ctx.db, access, 'orders.detail', orderId);
    const m = access.masked;
    return {
      ...orderSummary(row),
      items: items.map((i) => ({
        line: i.line, sku: i.sku, brand: i.brand, name: i.name, category: i.category, size: i.size, color: i.color,
        priceFen: i.price_fen, quantity: i.quantity,
      })),
      receiver: {
        name: m ? maskName(row.receiver_name) : row.receiver_name,
        phone: m ? maskPhone(row.receiver_phone) : row.receiver_phone,
        address: m ? maskAddressText(row.receiver_address) : row.receiver_address,
      },
      paidAt: toIsoOrNull(row.paid_at),
      paymentMethod: row.payment_method,
      shippedAt: toIsoOrNull(row.shipped_at),
      deliveredAt: toIsoOrNull(row.delivered_at),
      // Courier descriptions may carry the courier's phone, never the customer's: shown as is.
      logistics: events.map((e) => ({ at: toIso(e.at), status: e.status, location: e.location, description: e.description })),
      access: accessInfo(access),
    };
  });

  /** Finance endpoints: verified access only; a masked request is refused (and audited as refused). */
  const financeAccess = async (access: Access, action: string, what: string): Promise<void> => {
    if (access.masked) {
      await auditAccess(ctx, ctx.db, access, action, 'withheld: caller not verified', true);
      requireVerified(access, what);
    }
    await auditAccess(ctx, ctx.db, access, action);
  };

  app.get('/users/:userId/consignments', async (request): Promise<ConsignmentListResponse> => {
    const agent = await requireAgent(ctx, request);
    const { userId } = parse(userParams, request.params, 'params');
    const access = await accessUser(ctx, request, agent, userId, 'consignments.list');
    await financeAccess(access, 'consignments.list', 'consignment data (payouts)');
    const rows = await ctx.db.query<{
      id: string; user_id: string; brand: string; product_name: string; size: string; status: Consignment['status'];
      listed_price_fen: number | null; sold_price_fen: number | null; fee_fen: number | null; payout_fen: number | null;
      payout_account: string; created_at: unknown; sold_at: unknown; paid_out_at: unknown;
    }>('SELECT * FROM consignments WHERE user_id = $1 ORDER BY created_at DESC, id DESC', [userId]);
    return {
      consignments: rows.map((r) => ({
        consignmentId: r.id, userId: r.user_id, brand: r.brand, productName: r.product_name, size: r.size, status: r.status,
        listedPriceFen: r.listed_price_fen, soldPriceFen: r.sold_price_fen, feeFen: r.fee_fen, payoutFen: r.payout_fen,
        payoutAccount: r.payout_account, createdAt: toIso(r.created_at), soldAt: toIsoOrNull(r.sold_at), paidOutAt: toIsoOrNull(r.paid_out_at),
      })),
      access: accessInfo(access),
    };
  });

  app.get('/users/:userId/loans', async (request): Promise<LoanListResponse> => {
    const agent = await requireAgent(ctx, request);
    const { userId } = parse(userParams, request.params, 'params');
    const access = await accessUser(ctx, request, agent, userId, 'loans.list');
    await financeAccess(access, 'loans.list', 'loan data');
    const loans = await loadLoans(ctx, 'user', userId);
    const lines = await ctx.db.query<{ limit_fen: number; frozen_reason: string | null }>(
      'SELECT limit_fen, frozen_reason FROM credit_lines WHERE user_id = $1',
      [userId],
    );
    const line = lines[0];
    const used = loans.reduce((s, l) => s + l.unpaidPrincipalFen, 0);
    const available = line ? Math.max(0, line.limit_fen - used) : 0;
    const hasOverdue = loans.some((l) => l.overdue.count > 0);
    const reason: CreditLine['withdrawBlockedReason'] = !line
      ? 'no_credit_line'
      : line.frozen_reason
        ? 'frozen'
        : hasOverdue
          ? 'overdue'
          : available <= 0
            ? 'limit_exhausted'
            : null;
    return {
      credit: {
        limitFen: line?.limit_fen ?? 0,
        usedFen: used,
        availableFen: available,
        canWithdraw: reason === null,
        withdrawBlockedReason: reason,
        frozenNote: line?.frozen_reason ?? null,
      },
      loans: loans.map(stripInternal),
      access: accessInfo(access),
    };
  });

  app.get('/loans/:loanId', async (request): Promise<LoanDetailResponse> => {
    const agent = await requireAgent(ctx, request);
    const { loanId } = parse(loanParams, request.params, 'params');
    const owner = await ctx.db.query<{ user_id: string }>('SELECT user_id FROM loans WHERE id = $1', [loanId]);
    if (!owner[0]) throw notFound('loan');
    const access = await accessUser(ctx, request, agent, owner[0].user_id, 'loans.detail');
    await financeAccess(access, 'loans.detail', 'loan data');
    const [loan] = await loadLoans(ctx, 'loan', loanId);
    if (!loan) throw notFound('loan');
    return { loan: stripInternal(loan), access: accessInfo(access) };
  });

  app.get('/users/:userId/service-track', async (request): Promise<ServiceTrackResponse> => {
    const agent = await requireAgent(ctx, request);
    const { userId } = parse(userParams, request.params, 'params');
    const query = parse(serviceTrackQuerySchema, request.query, 'query');
    const access = await accessUser(ctx, request, agent, userId, 'service-track.user');
    const phones = await ctx.db.query<{ phone: string }>('SELECT phone FROM user_phones WHERE user_id = $1', [userId]);
    const events = await loadTrack(ctx, { userId, numbers: phones.map((p) => p.phone) }, query, access.masked);
    await auditAccess(ctx, ctx.db, access, 'service-track.user', query.channel);
    return { events, access: accessInfo(access) };
  });

  app.get('/service-track', async (request): Promise<ServiceTrackResponse> => {
    const agent = await requireAgent(ctx, request);
    const query = parse(numberServiceTrackQuerySchema, request.query, 'query');
    const owner = await ctx.db.query<{ user_id: string }>('SELECT user_id FROM user_phones WHERE phone = $1', [query.number]);
    if (owner[0]) {
      // A registered number is that customer's data: the same policy as the customer's own track.
      const userId = owner[0].user_id;
      const access = await accessUser(ctx, request, agent, userId, 'service-track.number');
      const phones = await ctx.db.query<{ phone: string }>('SELECT phone FROM user_phones WHERE user_id = $1', [userId]);
      const events = await loadTrack(ctx, { userId, numbers: phones.map((p) => p.phone) }, query, access.masked);
      await auditAccess(ctx, ctx.db, access, 'service-track.number', query.channel);
      return { events, access: accessInfo(access) };
    }
    // An unregistered number: only an agent who has (had, within a day) a call with it, and masked.
    const since = new Date(ctx.now() - 86_400_000).toISOString();
    const call = await ctx.db.query<{ call_id: string }>(
      'SELECT call_id FROM call_records WHERE agent_id = $1 AND number = $2 AND created_at >= $3 ORDER BY created_at DESC LIMIT 1',
      [agent.sub, query.number, since],
    );
    if (!call[0]) {
      const message = 'no access to this number: it is not on a call of yours';
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, action: 'service-track.number', outcome: 'refused', via: 'call-record', reason: message }, ctx.now());
      throw new HttpError(403, 'no_access', message);
    }
    const events = await loadTrack(ctx, { userId: null, numbers: [query.number] }, query, true);
    await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, userId: null, callId: call[0].call_id, action: 'service-track.number', outcome: 'masked', via: 'call-record', reason: query.channel ?? null }, ctx.now());
    return {
      events,
      access: { via: 'call-record', level: 'unverified', masked: true, callId: call[0].call_id, ticketId: null },
    };
  });

  app.post('/identity/verify', async (request, reply): Promise<AgentIdentityVerifyResponse> => {
    const agent = await requireAgent(ctx, request);
    const body = parse(agentIdentityVerifyRequestSchema, request.body, 'body');
    // Only the agent on the call checks its caller: a live grant of this agent for this customer (and call).
    const grant = readGrant(ctx, request);
    let refusal: { code: string; message: string } | null = null;
    if (grant === null) refusal = { code: 'no_access', message: 'the identity check needs the grant of your call with this customer (X-Octopus-Grant)' };
    else if (!grant.ok) refusal = { code: 'no_access', message: grant.problem };
    else if (grant.claims.agentId !== agent.sub) refusal = { code: 'no_access', message: 'the call grant was issued to another agent' };
    else if (grant.claims.userId !== body.userId) refusal = { code: 'no_access', message: 'the call grant is for another customer' };
    else if (body.callId !== null && grant.claims.callId !== body.callId) refusal = { code: 'no_access', message: 'the call grant is for another call' };
    else if (await grantEnded(ctx.db, grant.claims, ctx.now())) refusal = { code: 'grant_ended', message: 'the call grant ended with your part of the call' };
    if (refusal || !grant?.ok) {
      const r = refusal ?? { code: 'no_access', message: 'no call grant' };
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, userId: body.userId, callId: body.callId, action: 'identity.verify', outcome: 'refused', via: 'agent', reason: r.message }, ctx.now());
      throw new HttpError(403, r.code, `cannot check this caller: ${r.message}`);
    }
    const callId = grant.claims.callId;
    await userOr404(body.userId);
    const key = `${agent.sub}:${body.userId}`;
    const now = ctx.now();
    const recent = (verifyFailures.get(key) ?? []).filter((t) => now - t < VERIFY_WINDOW_MS);
    if (recent.length >= VERIFY_MAX_FAILURES) {
      reply.header('retry-after', String(Math.ceil((VERIFY_WINDOW_MS - (now - (recent[0] ?? now))) / 1000)));
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, userId: body.userId, callId, action: 'identity.verify', outcome: 'refused', via: 'agent', reason: 'locked out: too many failed checks' }, now);
      throw new HttpError(429, 'too_many_attempts', 'too many failed verification attempts for this customer; try again later');
    }
    const input = normaliseIdentityInput(body.input);
    const check: AgentIdentityVerifyResponse['check'] = /^\d{11}$/.test(input) ? 'phone' : 'id-suffix';
    if (check === 'id-suffix' && !/^\d{3,5}[\dX]$/.test(input)) {
      throw new HttpError(400, 'bad_request', 'body.input: must be an 11-digit phone number or the last 4–6 characters of the ID number', 'body.input');
    }
    // A phone proves nothing the agent could not look up (search): it verifies only when it is the number
    // this inbound call comes FROM (possession proven by the network) and belongs to the account. An
    // outbound call (callerNumber null) or another number fails like a wrong answer (and counts for the lockout).
    const ok =
      check === 'phone'
        ? isCallingNumber(input, grant.claims.callerNumber) && (await phoneBelongsTo(ctx.db, input, body.userId))
        : await idSuffixMatches(ctx.db, body.userId, input);
    if (ok) verifyFailures.delete(key);
    else {
      recent.push(now);
      verifyFailures.set(key, recent);
      // Bound the map: drop keys whose failures are all outside the window.
      if (verifyFailures.size > 10_000) {
        for (const [k, times] of verifyFailures) if (times.every((t) => now - t >= VERIFY_WINDOW_MS)) verifyFailures.delete(k);
      }
    }
    await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, userId: body.userId, callId, action: 'identity.verify', outcome: 'masked', via: 'agent', reason: `${check}:${ok ? 'verified' : 'failed'}` }, now);
    // The proof the cti-server requires before it raises this call to verified (bindCustomer.proof).
    const proof = ok
      ? signToken<VerificationClaims>(
          { kind: 'verification', callId, agentId: agent.sub, userId: body.userId, method: 'agent-confirm' },
          { secret: ctx.tokenSecret, ttlSeconds: VERIFICATION_PROOF_TTL_SECONDS, now: ctx.now },
        )
      : null;
    return {
      status: ok ? 'verified' : 'failed',
      method: 'agent-confirm',
      check,
      userId: body.userId,
      attemptsLeft: ok ? VERIFY_MAX_FAILURES : Math.max(0, VERIFY_MAX_FAILURES - recent.length),
      proof,
    };
  });
}

/** Whether the keyed phone (11 national digits) is the grant's calling number (`+86`/`86` prefixes ignored). */
function isCallingNumber(phone: string, callerNumber: string | null | undefined): boolean {
  if (typeof callerNumber !== 'string' || callerNumber === '') return false;
  return nationalNumber(callerNumber.replace(/[\s-]/g, '')) === phone;
}
