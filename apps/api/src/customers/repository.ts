import type { CustomerHistoryEntry, CustomerSummary } from '@octopus/contracts';
import { toIso, type Queryable } from '@octopus/db';
import { dispositionRef } from '../dispositions/repository';

// SQL of the customer panel (`GET /users/:userId/summary`) and history (`GET /users/:userId/history`).

export interface CustomerRow {
  id: string;
  name: string;
  gender: 'male' | 'female';
  id_number: string;
  province: string;
  city: string;
  district: string;
  address_detail: string;
  level: CustomerSummary['level'];
  registered_at: unknown;
}

export async function findCustomer(db: Queryable, userId: string): Promise<CustomerRow | null> {
  const rows = await db.query<CustomerRow>(
    'SELECT id, name, gender, id_number, province, city, district, address_detail, level, registered_at FROM users WHERE id = $1',
    [userId],
  );
  return rows[0] ?? null;
}

export function customerPhones(db: Queryable, userId: string): Promise<{ phone: string; is_primary: boolean }[]> {
  return db.query('SELECT phone, is_primary FROM user_phones WHERE user_id = $1 ORDER BY is_primary DESC, phone', [userId]);
}

/** Counts and the newest of each kind; `count(*) OVER ()` counts all rows before the LIMIT. */
export async function customerActivity(
  db: Queryable,
  userId: string,
  withFinance: boolean,
): Promise<Pick<CustomerSummary, 'orders' | 'openTickets' | 'consignments' | 'loans'>> {
  const orders = await db.query<{ id: string; status: string; created_at: unknown; total_fen: number; headline: string | null; total: number }>(
    `SELECT o.id, o.status, o.created_at, o.total_fen, count(*) OVER ()::int AS total,
            (SELECT i.brand || ' ' || i.name || ' · ' || i.size FROM order_items i WHERE i.order_id = o.id AND i.line = 1) AS headline
       FROM orders o WHERE o.user_id = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT 1`,
    [userId],
  );
  const tickets = await db.query<{ id: string; title: string; status: string; updated_at: unknown; total: number }>(
    `SELECT id, title, status, updated_at, count(*) OVER ()::int AS total FROM tickets
      WHERE user_id = $1 AND status NOT IN ('resolved', 'closed') ORDER BY updated_at DESC, id DESC LIMIT 1`,
    [userId],
  );
  const o = orders[0];
  const t = tickets[0];
  const summary: Pick<CustomerSummary, 'orders' | 'openTickets' | 'consignments' | 'loans'> = {
    orders: {
      count: o?.total ?? 0,
      latest: o
        ? { orderId: o.id, status: o.status as never, createdAt: toIso(o.created_at), totalFen: o.total_fen, headline: o.headline ?? '' }
        : null,
    },
    openTickets: { count: t?.total ?? 0, latest: t ? { ticketId: t.id, title: t.title, status: t.status as never, updatedAt: toIso(t.updated_at) } : null },
    consignments: null,
    loans: null,
  };
  if (!withFinance) return summary;
  const consignments = await db.query<{ id: string; product_name: string; status: string; created_at: unknown; total: number }>(
    `SELECT id, product_name, status, created_at, count(*) OVER ()::int AS total FROM consignments
      WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [userId],
  );
  const loans = await db.query<{ id: string; product: string; principal_fen: number; disbursed_at: unknown; total: number }>(
    `SELECT id, product, principal_fen, disbursed_at, count(*) OVER ()::int AS total FROM loans
      WHERE user_id = $1 ORDER BY disbursed_at DESC, id DESC LIMIT 1`,
    [userId],
  );
  const c = consignments[0];
  const l = loans[0];
  summary.consignments = {
    count: c?.total ?? 0,
    latest: c ? { consignmentId: c.id, productName: c.product_name, status: c.status as never, createdAt: toIso(c.created_at) } : null,
  };
  summary.loans = {
    count: l?.total ?? 0,
    latest: l ? { loanId: l.id, product: l.product, principalFen: l.principal_fen, disbursedAt: toIso(l.disbursed_at) } : null,
  };
  return summary;
}

interface HistoryRow {
  id: string;
  kind: 'call' | 'ticket';
  at: unknown;
  agent_id: string | null;
  direction: 'inbound' | 'outbound' | null;
  skill_group: string | null;
  disposition_code: string | null;
  label_zh: string | null;
  label_en: string | null;
  status: CustomerHistoryEntry['status'];
  title: string | null;
  text: string | null;
}

/**
 * The customer's calls (by account or registered number) and tickets, newest first. `withText` false
 * leaves out free text (ticket titles and descriptions, call notes): the `search` level.
 */
export async function customerHistory(
  db: Queryable,
  userId: string,
  query: { limit: number; before?: string | undefined },
  withText: boolean,
): Promise<CustomerHistoryEntry[]> {
  const rows = await db.query<HistoryRow>(
    `SELECT * FROM (
       SELECT 'call:' || c.call_id AS id, 'call' AS kind, COALESCE(c.connected_at, c.created_at) AS at, c.agent_id, c.direction,
              c.skill_group, c.disposition_code, d.label_zh, d.label_en, NULL AS status, NULL AS title, c.note AS text
         FROM call_records c LEFT JOIN dispositions d ON d.skill_group = c.skill_group AND d.code = c.disposition_code
        WHERE c.user_id = $1 OR c.number IN (SELECT phone FROM user_phones WHERE user_id = $1)
       UNION ALL
       SELECT 'ticket:' || t.id, 'ticket', t.created_at, COALESCE(t.assignee_agent_id, t.created_by_agent_id), NULL,
              NULL, NULL, NULL, NULL, t.status, t.title, t.description
         FROM tickets t WHERE t.user_id = $1
     ) history
     WHERE ($2::timestamptz IS NULL OR at < $2)
     ORDER BY at DESC, id DESC LIMIT $3`,
    [userId, query.before ?? null, query.limit],
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    at: toIso(r.at),
    agentId: r.agent_id,
    direction: r.direction,
    skillGroup: r.skill_group,
    disposition: dispositionRef(r.disposition_code, r.label_zh, r.label_en),
    status: r.status,
    title: withText ? r.title : null,
    // An empty note says nothing: null rather than "".
    text: withText && r.text ? r.text : null,
  }));
}

/** Customers matching a search (by phone, order id, or the ID number's suffix: at most 20), with their phones primary first. */
export async function searchCustomers(
  db: Queryable,
  query: { phone?: string | undefined; orderId?: string | undefined; idSuffix?: string | undefined },
): Promise<{ matchedBy: 'phone' | 'order' | 'id-suffix'; users: (CustomerRow & { phones: string[] })[] }> {
  let matchedBy: 'phone' | 'order' | 'id-suffix';
  let ids: { id: string }[];
  if (query.phone) {
    matchedBy = 'phone';
    ids = await db.query('SELECT user_id AS id FROM user_phones WHERE phone = $1', [query.phone]);
  } else if (query.orderId) {
    matchedBy = 'order';
    ids = await db.query('SELECT user_id AS id FROM orders WHERE id = $1', [query.orderId]);
  } else {
    matchedBy = 'id-suffix';
    const suffix = (query.idSuffix ?? '').toUpperCase();
    ids = await db.query('SELECT id FROM users WHERE right(id_number, $1) = $2 ORDER BY id LIMIT 20', [suffix.length, suffix]);
  }
  const users = await db.query<CustomerRow & { phones: string[] }>(
    `SELECT u.*, ARRAY(SELECT p.phone FROM user_phones p WHERE p.user_id = u.id ORDER BY p.is_primary DESC, p.phone) AS phones
     FROM users u WHERE u.id = ANY($1::text[]) ORDER BY u.id`,
    [ids.map((r) => r.id)],
  );
  return { matchedBy, users };
}

/** The customer's order count and open (not resolved or closed) ticket count. */
export async function customerStats(db: Queryable, userId: string): Promise<{ orders: number; openTickets: number }> {
  const stats = await db.query<{ orders: number; open_tickets: number }>(
    `SELECT (SELECT count(*)::int FROM orders WHERE user_id = $1) AS orders,
            (SELECT count(*)::int FROM tickets WHERE user_id = $1 AND status NOT IN ('resolved', 'closed')) AS open_tickets`,
    [userId],
  );
  return { orders: stats[0]?.orders ?? 0, openTickets: stats[0]?.open_tickets ?? 0 };
}
