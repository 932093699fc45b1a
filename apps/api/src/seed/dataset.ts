// The seed's tables (column lists in insert order) and the time helpers its generators share.

export type Row = unknown[];
export interface Table {
  columns: readonly string[];
  rows: Row[];
}
export type Dataset = Record<
  | 'users' | 'user_phones' | 'orders' | 'order_items' | 'logistics_events' | 'tickets' | 'ticket_history' | 'ticket_comments'
  | 'consignments' | 'credit_lines' | 'loans' | 'installments' | 'im_sessions' | 'call_records'
  /** The report's call history (seed/call-history.ts), inserted into `call_records`. */
  | 'call_history',
  Table
>;

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** YYYY-MM-DD in China time (UTC+8, no DST). */
export function chinaDate(ms: number): string {
  return new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
}

export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

/** Every table of the seed, empty. */
export function emptyDataset(): Dataset {
  return {
    users: { columns: ['id', 'name', 'gender', 'id_number', 'province', 'city', 'district', 'address_detail', 'level', 'registered_at'], rows: [] },
    user_phones: { columns: ['phone', 'user_id', 'is_primary', 'added_at'], rows: [] },
    orders: {
      columns: ['id', 'user_id', 'status', 'total_fen', 'created_at', 'paid_at', 'payment_method', 'shipped_at', 'delivered_at', 'receiver_name', 'receiver_phone', 'receiver_address', 'logistics_company', 'tracking_no'],
      rows: [],
    },
    order_items: { columns: ['order_id', 'line', 'sku', 'brand', 'name', 'category', 'size', 'color', 'price_fen', 'quantity'], rows: [] },
    logistics_events: { columns: ['order_id', 'seq', 'at', 'status', 'location', 'description'], rows: [] },
    tickets: {
      columns: ['id', 'user_id', 'order_id', 'call_id', 'recording_ref', 'category', 'title', 'description', 'status', 'priority', 'assignee_agent_id', 'created_by_agent_id', 'created_at', 'updated_at'],
      rows: [],
    },
    ticket_history: { columns: ['ticket_id', 'at', 'actor_agent_id', 'action', 'from_status', 'to_status', 'note'], rows: [] },
    ticket_comments: { columns: ['ticket_id', 'at', 'author_agent_id', 'body'], rows: [] },
    consignments: {
      columns: ['id', 'user_id', 'brand', 'product_name', 'size', 'status', 'listed_price_fen', 'sold_price_fen', 'fee_fen', 'payout_fen', 'payout_account', 'created_at', 'sold_at', 'paid_out_at'],
      rows: [],
    },
    credit_lines: { columns: ['user_id', 'limit_fen', 'frozen_reason'], rows: [] },
    loans: { columns: ['id', 'user_id', 'product', 'principal_fen', 'term_months', 'annual_rate_bp', 'disbursed_at'], rows: [] },
    installments: { columns: ['loan_id', 'seq', 'due_date', 'principal_fen', 'interest_fen', 'paid_fen', 'paid_at'], rows: [] },
    im_sessions: { columns: ['id', 'user_id', 'phone', 'agent_id', 'started_at', 'topic', 'summary'], rows: [] },
    call_records: {
      columns: ['call_id', 'agent_id', 'direction', 'number', 'province', 'city', 'skill_group', 'key_track', 'verification_status', 'verification_method', 'user_id', 'connected_at', 'ended_at', 'transfers', 'rating', 'end_reason', 'note', 'created_at', 'updated_at'],
      rows: [],
    },
    call_history: {
      columns: [
        'call_id', 'agent_id', 'direction', 'number', 'province', 'city', 'skill_group', 'key_track', 'verification_status', 'verification_method',
        'user_id', 'connected_at', 'ended_at', 'transfers', 'rating', 'end_reason', 'note', 'created_at', 'updated_at', 'arrived_at', 'queued_at',
        'offered_at', 'ivr_outcome', 'missed_rings', 'disposition_code', 'disposition_at',
      ],
      rows: [],
    },
  };
}
