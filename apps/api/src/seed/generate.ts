import { Prng } from '@octopus/prng';
import { makeIdNumber } from './id-number';
import { DAY, emptyDataset, pad, type Dataset, type Row } from './dataset';
import { addCallHistory } from './call-history';
import { recordWriters, type UserCtx } from './records';
import { DEMO_AGENT_IDS, FEMALE_GIVEN, MALE_GIVEN, PRODUCTS, REGIONS, SURNAMES, TICKET_TEMPLATES, type Product, type Region } from './vocabulary';

export type { Dataset, Row, Table } from './dataset';

export interface SeedOptions {
  /** PRNG seed: same seed + same anchor = same data. */
  seed: number;
  /** Total users including the well-known demo users. */
  users: number;
  /** "Now" of the generated world (ms since epoch); history lies before it, due dates around it. */
  anchor: number;
}

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

/** A sequence that makes the check character X (demo user 刘洋's ID ends in X on purpose). */
function sequenceForX(region: string, birth: string, male: boolean): number {
  for (let s = male ? 1 : 2; s < 1000; s += 2) if (makeIdNumber(region, birth, s).endsWith('X')) return s;
  throw new Error('no X sequence');
}

export function generateDataset(options: SeedOptions): Dataset {
  const rng = new Prng(options.seed);
  const now = options.anchor;
  const ds = emptyDataset();
  const usedIds = new Set<string>();
  const { newPhone, addUser, addOrder, addTicket, addConsignment, addLoan, addIm, addCall } = recordWriters(ds, rng, now, [
    ...DEMO_USERS.flatMap((u) => u.phones),
    ...UNREGISTERED_DEMO_NUMBERS,
  ]);

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
  // Weeks of hotline traffic for the effectiveness report (its own PRNG stream).
  addCallHistory(ds, options.seed, now, new Set(DEMO_USERS.map((u) => u.id)));
  return ds;
}
