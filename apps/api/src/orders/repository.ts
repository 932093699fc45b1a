import type { OrderDetail, OrderSummary } from '@octopus/contracts';
import { toIso, type Queryable } from '@octopus/db';

// SQL of the orders routes (`GET /users/:userId/orders`, `GET /orders/:orderId`).

export interface OrderRow {
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

/** The list view of an order row. */
export function orderSummary(row: OrderRow): OrderSummary {
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

/** A page of the customer's orders (newest first) and the total matching `status`. */
export async function listOrders(
  db: Queryable,
  userId: string,
  query: { status?: OrderSummary['status'] | undefined; limit: number; offset: number },
): Promise<{ rows: OrderRow[]; total: number }> {
  const rows = await db.query<OrderRow>(
    `${ORDER_SELECT} WHERE o.user_id = $1 AND ($2::text IS NULL OR o.status = $2) ORDER BY o.created_at DESC, o.id DESC LIMIT $3 OFFSET $4`,
    [userId, query.status ?? null, query.limit, query.offset],
  );
  const total = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE user_id = $1 AND ($2::text IS NULL OR status = $2)', [
    userId,
    query.status ?? null,
  ]);
  return { rows, total: total[0]?.n ?? 0 };
}

/** The customer an order belongs to; null when there is no such order. */
export async function orderOwner(db: Queryable, orderId: string): Promise<string | null> {
  const rows = await db.query<{ user_id: string }>('SELECT user_id FROM orders WHERE id = $1', [orderId]);
  return rows[0]?.user_id ?? null;
}

/** An order with its items (by line) and logistics events (newest first); null when there is none. */
export async function findOrder(
  db: Queryable,
  orderId: string,
): Promise<{ row: OrderRow; items: OrderDetail['items']; logistics: OrderDetail['logistics'] } | null> {
  const rows = await db.query<OrderRow>(`${ORDER_SELECT} WHERE o.id = $1`, [orderId]);
  const row = rows[0];
  if (!row) return null;
  const items = await db.query<{
    line: number; sku: string; brand: string; name: string; category: 'sneakers' | 'apparel' | 'accessories';
    size: string; color: string; price_fen: number; quantity: number;
  }>('SELECT * FROM order_items WHERE order_id = $1 ORDER BY line', [orderId]);
  const events = await db.query<{ at: unknown; status: string; location: string; description: string }>(
    'SELECT at, status, location, description FROM logistics_events WHERE order_id = $1 ORDER BY seq DESC',
    [orderId],
  );
  return {
    row,
    items: items.map((i) => ({
      line: i.line, sku: i.sku, brand: i.brand, name: i.name, category: i.category, size: i.size, color: i.color,
      priceFen: i.price_fen, quantity: i.quantity,
    })),
    logistics: events.map((e) => ({ at: toIso(e.at), status: e.status, location: e.location, description: e.description })),
  };
}
