import type { Prng } from '@octopus/prng';
import {
  APPAREL_SIZES, BANKS, COMPOUNDS, DEMO_AGENT_IDS, FEMALE_GIVEN, HISTORY_AGENT_IDS, IM_TOPICS, LOGISTICS,
  MOBILE_PREFIXES, PAYMENT_METHODS, PRODUCTS, REGIONS, SHOE_SIZES, SKILL_GROUPS, STREETS, SURNAMES, TICKET_COMMENTS,
  TICKET_TEMPLATES, type Product, type Region,
} from './vocabulary';
import { addMonths, chinaDate, DAY, HOUR, iso, pad, type Dataset } from './dataset';

// The record writers of the seed: each appends one customer, order, ticket, consignment, loan, IM session
// or call (with their child rows) to the dataset, drawing from the one PRNG in call order, so the same
// stories in the same order give the same data.

/** A customer as the writers need it. */
export interface UserCtx {
  id: string;
  name: string;
  phones: string[];
  region: Region;
  district: string;
  addressFull: string;
  registeredAt: number;
}

/**
 * The writers over `ds`, drawing from `rng`, with `now` the world's anchor (ms since epoch). `reservedPhones`
 * are never handed out by `newPhone` (the demo numbers).
 */
export function recordWriters(ds: Dataset, rng: Prng, now: number, reservedPhones: Iterable<string>) {
  const usedPhones = new Set<string>(reservedPhones);
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

  return { newPhone, addUser, addOrder, addTicket, addConsignment, addLoan, addIm, addCall };
}
