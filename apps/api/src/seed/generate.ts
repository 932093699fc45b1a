import { Prng } from './prng';
import { makeIdNumber } from './id-number';
import {
  APPAREL_SIZES, BANKS, COMPOUNDS, DEMO_AGENT_IDS, FEMALE_GIVEN, HISTORY_AGENT_IDS, IM_TOPICS, LOGISTICS, MALE_GIVEN,
  MOBILE_PREFIXES, PAYMENT_METHODS, PRODUCTS, REGIONS, SHOE_SIZES, SKILL_GROUPS, STREETS, SURNAMES, TICKET_COMMENTS,
  TICKET_TEMPLATES, type Product, type Region,
} from './vocabulary';

export interface SeedOptions {
  /** PRNG seed: same seed + same anchor = same data. */
  seed: number;
  /** Total users including the well-known demo users. */
  users: number;
  /** "Now" of the generated world (ms since epoch); history lies before it, due dates around it. */
  anchor: number;
}

export type Row = unknown[];
export interface Table {
  columns: readonly string[];
  rows: Row[];
}
export type Dataset = Record<
  | 'users' | 'user_phones' | 'orders' | 'order_items' | 'logistics_events' | 'tickets' | 'ticket_history' | 'ticket_comments'
  | 'consignments' | 'credit_lines' | 'loans' | 'installments' | 'im_sessions' | 'call_records',
  Table
>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The well-known demo customers (docs/api.md). Their data is fixed, not random. */
export const DEMO_USERS = [
  { id: 'U0000001', name: '张伟', gender: 'male', phones: ['13800138000', '13912345678'], region: '110105', birth: '19900307', seq: 123, level: 'gold' },
  { id: 'U0000002', name: '李娜', gender: 'female', phones: ['13800138001'], region: '310115', birth: '19880512', seq: 246, level: 'silver' },
  { id: 'U0000003', name: '王芳', gender: 'female', phones: ['13800138002'], region: '440305', birth: '19951120', seq: 358, level: 'normal' },
  { id: 'U0000004', name: '刘洋', gender: 'male', phones: ['13800138003', '18600186003'], region: '330106', birth: '19920815', seq: 0, level: 'platinum' },
  { id: 'U0000005', name: '陈静', gender: 'female', phones: ['13800138004'], region: '510107', birth: '20000101', seq: 88, level: 'normal' },
] as const;

/** Numbers tests rely on being unregistered. */
export const UNREGISTERED_DEMO_NUMBERS = ['13700000000'] as const;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** YYYY-MM-DD in China time (UTC+8, no DST). */
function chinaDate(ms: number): string {
  return new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
}

function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

/** A sequence that makes the check character X (demo user 刘洋's ID ends in X on purpose). */
function sequenceForX(region: string, birth: string, male: boolean): number {
  for (let s = male ? 1 : 2; s < 1000; s += 2) if (makeIdNumber(region, birth, s).endsWith('X')) return s;
  throw new Error('no X sequence');
}

export function generateDataset(options: SeedOptions): Dataset {
  const rng = new Prng(options.seed);
  const now = options.anchor;
  const ds: Dataset = {
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
  };

  const usedPhones = new Set<string>([...DEMO_USERS.flatMap((u) => u.phones), ...UNREGISTERED_DEMO_NUMBERS]);
  const usedIds = new Set<string>();
  const counters = { order: 0, ticket: 0, consignment: 0, loan: 0, im: 0, call: 0 };

  const newPhone = (): string => {
    for (;;) {
      const phone = rng.pick(MOBILE_PREFIXES) + rng.digits(8);
      // Keep the 1380013800x / 137000000xx blocks free for demo numbers.
      if (!usedPhones.has(phone) && !phone.startsWith('1380013') && !phone.startsWith('1370000')) {
        usedPhones.add(phone);
        return phone;
      }
    }
  };

  interface UserCtx {
    id: string;
    name: string;
    phones: string[];
    region: Region;
    district: string;
    addressFull: string;
    registeredAt: number;
  }

  const regionOf = (code: string): { region: Region; district: string } => {
    for (const region of REGIONS) {
      const district = region.districts.find((d) => d.code === code);
      if (district) return { region, district: district.name };
    }
    throw new Error(`unknown region ${code}`);
  };

  const streetAddress = (): string =>
    `${rng.pick(STREETS)}${rng.int(1, 999)}号${rng.pick(COMPOUNDS)}${rng.int(1, 30)}栋${rng.int(1, 4)}单元${rng.int(1, 32)}${pad(rng.int(1, 4), 2)}室`;

  const addUser = (u: {
    id: string; name: string; gender: string; idNumber: string; regionCode: string; level: string; phones: string[]; registeredAt: number;
  }): UserCtx => {
    const { region, district } = regionOf(u.regionCode);
    const detail = streetAddress();
    ds.users.rows.push([u.id, u.name, u.gender, u.idNumber, region.province, region.city, district, detail, u.level, iso(u.registeredAt)]);
    u.phones.forEach((phone, i) => {
      ds.user_phones.rows.push([phone, u.id, i === 0, iso(u.registeredAt + i * 97 * DAY)]);
    });
    const province = region.province === region.city ? '' : region.province;
    return { id: u.id, name: u.name, phones: u.phones, region, district, addressFull: `${province}${region.city}${district}${detail}`, registeredAt: u.registeredAt };
  };

  // ---------- orders ----------
  const sizeFor = (p: Product): string =>
    p.category === 'sneakers' ? rng.pick(SHOE_SIZES) : p.category === 'apparel' ? rng.pick(APPAREL_SIZES) : '均码';

  const addLogistics = (orderId: string, user: UserCtx, shippedAt: number, deliveredAt: number | null, courierPhone: string): void => {
    const hub = `${user.region.city}转运中心`;
    const steps: [number, string, string, string][] = [
      [shippedAt, '已揽收', '上海市青浦区', '快件已由【上海青浦鉴别仓】揽收，鉴别通过后发出'],
      [shippedAt + 9 * HOUR, '运输中', '上海转运中心', '快件已到达【上海转运中心】，准备发往下一站'],
      [shippedAt + 26 * HOUR, '运输中', hub, `快件已到达【${hub}】`],
      [shippedAt + 34 * HOUR, '派送中', `${user.region.city}${user.district}`, `快递员正在为您派送，联系电话：${courierPhone}`],
    ];
    if (deliveredAt !== null) steps.push([deliveredAt, '已签收', `${user.region.city}${user.district}`, '您的快件已签收，签收人：本人，感谢使用']);
    // Old, delivered orders keep only pickup and delivery (as carriers archive the rest); this also
    // keeps first-start seeding within a few seconds.
    if (deliveredAt !== null && now - deliveredAt > 30 * DAY) steps.splice(1, 3);
    const limit = deliveredAt === null ? now : Number.POSITIVE_INFINITY;
    steps
      .filter(([at]) => at <= limit)
      .forEach(([at, status, location, description], i) => ds.logistics_events.rows.push([orderId, i + 1, iso(at), status, location, description]));
  };

  const addOrder = (user: UserCtx, spec: { ageDays: number; status?: string; products?: Product[] }): string => {
    counters.order += 1;
    const id = `SO${1_000_000_000 + counters.order}`;
    const createdAt = now - spec.ageDays * DAY - rng.int(0, 20) * HOUR;
    const age = (now - createdAt) / DAY;
    const status =
      spec.status ??
      (age < 1
        ? rng.weighted([['pending_payment', 1], ['paid', 2], ['authenticating', 3], ['cancelled', 1]] as const)
        : age < 4
          ? rng.weighted([['authenticating', 2], ['shipped', 5], ['refunding', 1]] as const)
          : age < 8
            ? rng.weighted([['shipped', 1], ['delivered', 4], ['completed', 3]] as const)
            : rng.weighted([['completed', 20], ['cancelled', 2], ['refunded', 2]] as const));
    const products = spec.products ?? Array.from({ length: rng.weighted([[1, 8], [2, 2], [3, 1]] as const) }, () => rng.pick(PRODUCTS));
    let total = 0;
    products.forEach((p, i) => {
      const price = rng.int(p.minYuan, p.maxYuan) * 100;
      const quantity = p.category === 'sneakers' ? 1 : rng.weighted([[1, 5], [2, 1]] as const);
      total += price * quantity;
      ds.order_items.rows.push([id, i + 1, p.sku, p.brand, p.name, p.category, sizeFor(p), rng.pick(p.colors), price, quantity]);
    });
    const paid = status !== 'pending_payment' && !(status === 'cancelled' && rng.chance(0.5));
    const paidAt = paid ? createdAt + rng.int(1, 30) * 60_000 : null;
    const shippedStatuses = ['shipped', 'delivered', 'completed', 'refunding', 'refunded'];
    const shipped = shippedStatuses.includes(status) && !(status === 'refunding' && rng.chance(0.5));
    const shippedAt = shipped && paidAt !== null ? Math.min(paidAt + rng.int(20, 60) * HOUR, now - 2 * HOUR) : null;
    const delivered = ['delivered', 'completed', 'refunded'].includes(status) && shippedAt !== null;
    const deliveredAt = delivered && shippedAt !== null ? Math.min(shippedAt + rng.int(40, 72) * HOUR, now - HOUR) : null;
    const carrier = rng.pick(LOGISTICS);
    const tracking = shippedAt !== null ? carrier.prefix + rng.digits(carrier.digits) : null;
    const receiverPhone = rng.chance(0.9) ? (user.phones[0] as string) : newPhone();
    const receiverName = receiverPhone === user.phones[0] ? user.name : rng.pick(SURNAMES) + rng.pick(FEMALE_GIVEN);
    ds.orders.rows.push([
      id, user.id, status, total, iso(createdAt), paidAt === null ? null : iso(paidAt), paidAt === null ? null : rng.pick(PAYMENT_METHODS),
      shippedAt === null ? null : iso(shippedAt), deliveredAt === null ? null : iso(deliveredAt), receiverName, receiverPhone, user.addressFull,
      shippedAt === null ? null : carrier.company, tracking,
    ]);
    if (shippedAt !== null) addLogistics(id, user, shippedAt, deliveredAt, newPhone());
    return id;
  };

  // ---------- tickets ----------
  const addTicket = (
    user: UserCtx,
    spec: { orderId: string | null; template?: (typeof TICKET_TEMPLATES)[number]; status?: string; assignee?: string | null; ageDays: number; callId?: string | null },
  ): string => {
    counters.ticket += 1;
    const id = `TK${pad(counters.ticket, 8)}`;
    const template = spec.template ?? rng.pick(TICKET_TEMPLATES);
    const createdAt = now - spec.ageDays * DAY - rng.int(0, 10) * HOUR;
    const creator = rng.pick([...DEMO_AGENT_IDS, ...HISTORY_AGENT_IDS]);
    const status =
      spec.status ?? (spec.ageDays > 10 ? rng.weighted([['closed', 6], ['resolved', 2]] as const) : rng.pick(['open', 'in_progress', 'pending_customer', 'resolved'] as const));
    const assignee = spec.assignee !== undefined ? spec.assignee : status === 'open' && rng.chance(0.5) ? null : rng.pick([...HISTORY_AGENT_IDS, ...DEMO_AGENT_IDS]);
    const description = spec.orderId ? `${template.description}（订单号 ${spec.orderId}）` : template.description;
    const callId = spec.callId ?? null;
    let at = createdAt;
    ds.ticket_history.rows.push([id, iso(at), creator, 'created', null, 'open', null]);
    if (assignee) {
      at += rng.int(5, 90) * 60_000;
      ds.ticket_history.rows.push([id, iso(at), creator, 'assigned', null, null, `指派给 ${assignee}`]);
    }
    const path = ['in_progress', 'pending_customer', 'resolved', 'closed'];
    const steps = status === 'open' ? [] : path.slice(0, path.indexOf(status) + 1).filter((s) => s !== 'pending_customer' || status === 'pending_customer');
    let from = 'open';
    for (const to of steps) {
      at += rng.int(1, 20) * HOUR;
      if (rng.chance(0.6)) ds.ticket_comments.rows.push([id, iso(at - 30 * 60_000), assignee ?? creator, rng.pick(TICKET_COMMENTS)]);
      ds.ticket_history.rows.push([id, iso(at), assignee ?? creator, 'status_changed', from, to, null]);
      from = to;
    }
    const updatedAt = Math.min(at, now);
    ds.tickets.rows.push([
      id, user.id, spec.orderId, callId, callId ? `recording:${callId}` : null, template.category, template.title, description, status,
      template.category === 'complaint' ? 'high' : rng.weighted([['low', 1], ['normal', 6], ['high', 2], ['urgent', 1]] as const),
      assignee, creator, iso(createdAt), iso(updatedAt),
    ]);
    return id;
  };

  // ---------- consignment ----------
  const addConsignment = (user: UserCtx, spec: { status?: string; ageDays: number; product?: Product }): string => {
    counters.consignment += 1;
    const id = `CS${pad(counters.consignment, 8)}`;
    const p = spec.product ?? rng.pick(PRODUCTS.filter((x) => x.category !== 'accessories'));
    const createdAt = now - spec.ageDays * DAY - rng.int(0, 12) * HOUR;
    const status =
      spec.status ??
      (spec.ageDays < 3
        ? rng.pick(['pending_inspection', 'inspecting'] as const)
        : spec.ageDays < 20
          ? rng.weighted([['listed', 4], ['sold', 2], ['returned', 1]] as const)
          : rng.weighted([['paid_out', 6], ['listed', 1], ['cancelled', 1]] as const));
    const listed = ['listed', 'sold', 'paid_out'].includes(status) ? rng.int(p.minYuan, p.maxYuan) * 100 : null;
    const sold = status === 'sold' || status === 'paid_out' ? listed : null;
    const fee = sold !== null ? Math.round(sold * 0.08) : null;
    const soldAt = sold !== null ? Math.min(createdAt + rng.int(3, 15) * DAY, now - 2 * HOUR) : null;
    const paidOutAt = status === 'paid_out' && soldAt !== null ? Math.min(soldAt + rng.int(1, 3) * DAY, now - HOUR) : null;
    ds.consignments.rows.push([
      id, user.id, p.brand, p.name, sizeFor(p), status, listed, sold, fee, sold !== null && fee !== null ? sold - fee : null,
      `${rng.pick(BANKS)} 尾号${rng.digits(4)}`, iso(createdAt), soldAt === null ? null : iso(soldAt), paidOutAt === null ? null : iso(paidOutAt),
    ]);
    return id;
  };

  // ---------- loans ----------
  const addLoan = (user: UserCtx, spec: { termMonths: number; monthsAgo: number; principalYuan: number; overdueCount?: number; product?: string }): string => {
    counters.loan += 1;
    const id = `LN${pad(counters.loan, 8)}`;
    const disbursedAt = addMonths(now, -spec.monthsAgo) - rng.int(1, 20) * DAY;
    const principal = spec.principalYuan * 100;
    const rateBp = rng.pick([720, 1080, 1440, 1800]);
    ds.loans.rows.push([id, user.id, spec.product ?? `分期付 ${spec.termMonths}期`, principal, spec.termMonths, rateBp, iso(disbursedAt)]);
    const per = Math.floor(principal / spec.termMonths);
    const pastDue: number[] = [];
    for (let seq = 1; seq <= spec.termMonths; seq++) {
      const due = addMonths(disbursedAt, seq);
      if (due < now - DAY) pastDue.push(seq);
    }
    const unpaid = new Set(pastDue.slice(pastDue.length - (spec.overdueCount ?? 0)));
    let remaining = principal;
    for (let seq = 1; seq <= spec.termMonths; seq++) {
      const due = addMonths(disbursedAt, seq);
      const p = seq === spec.termMonths ? remaining : per;
      const interest = Math.round((remaining * rateBp) / 10_000 / 12);
      remaining -= p;
      // Paid through the China date after the anchor, so a loan meant to be current never shows a
      // one-day "overdue" when viewed late on the seeding day (China is UTC+8).
      const isPaid = due < now + 2 * DAY && !unpaid.has(seq);
      const paidAt = isPaid ? Math.min(due - rng.int(0, 5) * DAY - rng.int(1, 20) * HOUR, now - HOUR) : null;
      ds.installments.rows.push([id, seq, chinaDate(due), p, interest, isPaid ? p + interest : 0, paidAt === null ? null : iso(paidAt)]);
    }
    return id;
  };

  // ---------- service track: IM and calls ----------
  const addIm = (user: UserCtx, ageDays: number): void => {
    counters.im += 1;
    const t = rng.pick(IM_TOPICS);
    ds.im_sessions.rows.push([`IM${pad(counters.im, 8)}`, user.id, user.phones[0], rng.pick(HISTORY_AGENT_IDS), iso(now - ageDays * DAY - rng.int(0, 23) * HOUR), t.topic, t.summary]);
  };

  const addCall = (user: UserCtx, spec: { ageDays: number; agentId?: string; verified?: boolean; note?: string }): string => {
    counters.call += 1;
    const callId = `seed-call-${pad(counters.call, 6)}`;
    const inbound = rng.chance(0.85);
    const connectedAt = now - spec.ageDays * DAY - rng.int(0, 20) * HOUR - rng.int(0, 59) * 60_000;
    const endedAt = connectedAt + rng.int(45, 900) * 1000;
    const verified = spec.verified ?? rng.chance(0.7);
    const transfers = rng.chance(0.1) ? [{ from: rng.pick(HISTORY_AGENT_IDS), to: rng.pick(HISTORY_AGENT_IDS), kind: 'agent', at: iso(connectedAt + 60_000) }] : [];
    const agentId = spec.agentId ?? rng.pick([...HISTORY_AGENT_IDS, ...DEMO_AGENT_IDS]);
    ds.call_records.rows.push([
      callId, agentId, inbound ? 'inbound' : 'outbound', user.phones[0], user.region.province, user.region.city, rng.pick(SKILL_GROUPS),
      inbound ? rng.pick(['1', '2', '1-1', '2-3', '3']) : null, verified ? 'verified' : 'unverified', verified ? rng.pick(['ivr-phone', 'ivr-id-suffix', 'agent-confirm'] as const) : null,
      user.id, iso(connectedAt), iso(endedAt), JSON.stringify(transfers), rng.chance(0.6) ? rng.int(1, 5) : null,
      rng.pick(['customer-hangup', 'agent-hangup']), spec.note ?? (rng.chance(0.4) ? rng.pick(['客户咨询物流进度', '已告知退款时效', '客户要求回电', '已建工单跟进']) : ''),
      iso(endedAt), iso(endedAt),
    ]);
    return callId;
  };

  // ---------- the demo users: fixed stories for docs and e2e tests ----------
  const demo: UserCtx[] = DEMO_USERS.map((u) => {
    const male = u.gender === 'male';
    const seq = u.seq === 0 ? sequenceForX(u.region, u.birth, male) : u.seq;
    const idNumber = makeIdNumber(u.region, u.birth, seq);
    usedIds.add(idNumber);
    return addUser({ id: u.id, name: u.name, gender: u.gender, idNumber, regionCode: u.region, level: u.level, phones: [...u.phones], registeredAt: now - 900 * DAY });
  });
  const [zhang, li, wang, liu] = demo as [UserCtx, UserCtx, UserCtx, UserCtx, UserCtx];
  const product = (sku: string): Product => PRODUCTS.find((p) => p.sku === sku) as Product;

  // 张伟 13800138000: the verified-demo customer with a bit of everything.
  addOrder(zhang, { ageDays: 60, status: 'completed', products: [product('DZ5485-612')] });
  const zhangShipped = addOrder(zhang, { ageDays: 3, status: 'shipped', products: [product('CP1920-010')] });
  addOrder(zhang, { ageDays: 1, status: 'authenticating', products: [product('BB550WT1')] });
  const zhangRefunded = addOrder(zhang, { ageDays: 30, status: 'refunded', products: [product('192HO2450'), product('70331911')] });
  addOrder(zhang, { ageDays: 0, status: 'pending_payment', products: [product('DD1391-100')] });
  addTicket(zhang, { orderId: zhangShipped, template: TICKET_TEMPLATES[0], status: 'open', assignee: null, ageDays: 1 });
  addTicket(zhang, { orderId: zhangRefunded, template: TICKET_TEMPLATES[3], status: 'closed', assignee: '1101', ageDays: 25 });
  addConsignment(zhang, { status: 'paid_out', ageDays: 40, product: product('DM7866-140') });
  addConsignment(zhang, { status: 'listed', ageDays: 6, product: product('M990GL6') });
  ds.credit_lines.rows.push([zhang.id, 2_000_000, null]);
  addLoan(zhang, { termMonths: 12, monthsAgo: 3, principalYuan: 6000 });
  addLoan(zhang, { termMonths: 3, monthsAgo: 8, principalYuan: 1500 });
  addIm(zhang, 12);
  addIm(zhang, 45);
  addCall(zhang, { ageDays: 20, agentId: '1101', verified: true, note: '客户咨询寄售货款，已解答' });
  addCall(zhang, { ageDays: 5, agentId: '1102', verified: true });

  // 李娜 13800138001: overdue loan, so no withdrawal.
  addOrder(li, { ageDays: 15, status: 'completed', products: [product('M2002RDA')] });
  addOrder(li, { ageDays: 2, status: 'shipped', products: [product('NF0A3C8D')] });
  ds.credit_lines.rows.push([li.id, 1_000_000, null]);
  addLoan(li, { termMonths: 6, monthsAgo: 4, principalYuan: 3000, overdueCount: 2 });
  addConsignment(li, { status: 'sold', ageDays: 10, product: product('DD1391-100') });
  addIm(li, 3);

  // 王芳 13800138002: a ticket assigned to agent 1008 (the ticket access path).
  const wangOrder = addOrder(wang, { ageDays: 9, status: 'delivered', products: [product('U9060MUS')] });
  addTicket(wang, { orderId: wangOrder, template: TICKET_TEMPLATES[4], status: 'in_progress', assignee: '1008', ageDays: 2 });

  // 刘洋 13800138003 (ID ends in X): a regular with many orders and a second number.
  for (const age of [2, 20, 50, 120]) addOrder(liu, { ageDays: age });
  addConsignment(liu, { ageDays: 2, status: 'inspecting' });
  addIm(liu, 7);

  // 陈静 13800138004: brand new, nothing yet (empty states).

  // ---------- everyone else ----------
  for (let n = DEMO_USERS.length + 1; n <= options.users; n++) {
    const male = rng.chance(0.62);
    const name = rng.pick(SURNAMES) + rng.pick(male ? MALE_GIVEN : FEMALE_GIVEN);
    const region = rng.weighted(REGIONS.map((r) => [r, r.weight] as const));
    const district = rng.pick(region.districts);
    let idNumber: string;
    do {
      const birth = `${rng.int(1965, 2005)}${pad(rng.int(1, 12), 2)}${pad(rng.int(1, 28), 2)}`;
      const seq = rng.int(0, 499) * 2 + (male ? 1 : 0);
      idNumber = makeIdNumber(district.code, birth, seq);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    const phoneCount = rng.weighted([[1, 80], [2, 17], [3, 3]] as const);
    const user = addUser({
      id: `U${pad(n, 7)}`, name, gender: male ? 'male' : 'female', idNumber, regionCode: district.code,
      level: rng.weighted([['normal', 60], ['silver', 25], ['gold', 12], ['platinum', 3]] as const),
      phones: Array.from({ length: phoneCount }, newPhone), registeredAt: now - rng.int(30, 2000) * DAY,
    });
    const orderIds: string[] = [];
    const orderCount = rng.weighted([[0, 15], [1, 32], [2, 25], [3, 13], [4, 8], [6, 5], [10, 2]] as const);
    for (let i = 0; i < orderCount; i++) orderIds.push(addOrder(user, { ageDays: rng.int(0, 365) }));
    if (rng.chance(0.35)) {
      const tickets = rng.weighted([[1, 4], [2, 1]] as const);
      for (let i = 0; i < tickets; i++) {
        addTicket(user, { orderId: orderIds.length && rng.chance(0.7) ? rng.pick(orderIds) : null, ageDays: rng.int(0, 120) });
      }
    }
    if (rng.chance(0.2)) for (let i = rng.int(1, 3); i > 0; i--) addConsignment(user, { ageDays: rng.int(0, 200) });
    if (rng.chance(0.2)) {
      ds.credit_lines.rows.push([user.id, rng.pick([300_000, 500_000, 1_000_000, 2_000_000, 5_000_000]), rng.chance(0.03) ? '风控冻结' : null]);
      for (let i = rng.int(1, 2); i > 0; i--) {
        const term = rng.pick([3, 6, 12]);
        addLoan(user, { termMonths: term, monthsAgo: rng.int(0, term + 3), principalYuan: rng.int(5, 80) * 100, overdueCount: rng.chance(0.08) ? rng.int(1, 2) : 0 });
      }
    }
    if (rng.chance(0.5)) for (let i = rng.int(1, 3); i > 0; i--) addIm(user, rng.int(0, 180));
    if (rng.chance(0.4)) for (let i = rng.int(1, 2); i > 0; i--) addCall(user, { ageDays: rng.int(0, 120) });
  }

  // Recent calls for each demo agent, so the call list is not empty on first login (never demo users).
  const others = ds.users.rows.length > DEMO_USERS.length ? ds.users.rows.length : 0;
  if (others > 0) {
    for (const agentId of DEMO_AGENT_IDS) {
      for (let i = 0; i < 3; i++) {
        const row = ds.users.rows[rng.int(DEMO_USERS.length, ds.users.rows.length - 1)] as Row;
        const userId = row[0] as string;
        const phones = ds.user_phones.rows.filter((p) => p[1] === userId).map((p) => p[0] as string);
        const districtName = row[6] as string;
        const region = REGIONS.find((r) => r.province === row[4] && r.city === row[5]) as Region;
        addCall({ id: userId, name: row[1] as string, phones, region, district: districtName, addressFull: '', registeredAt: 0 }, { ageDays: i + 1, agentId });
      }
    }
  }
  return ds;
}
