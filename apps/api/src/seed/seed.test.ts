import { DEMO_USERS, generateDataset, UNREGISTERED_DEMO_NUMBERS } from './generate';
import { idCheckChar, isValidIdNumber, makeIdNumber } from './id-number';
import { callRecordDtoSchema } from '@octopus/contracts';
import { maskAddressText, maskIdNumber, maskName, maskPhone } from '../mask';

const anchor = Date.UTC(2026, 10, 21);

describe('seed generation', () => {
  const data = generateDataset({ seed: 42, users: 600, anchor });

  it('is deterministic for a seed and anchor, and differs for another seed', () => {
    expect(generateDataset({ seed: 42, users: 600, anchor })).toEqual(data);
    const other = generateDataset({ seed: 43, users: 600, anchor });
    expect(other.users.rows.slice(10, 20)).not.toEqual(data.users.rows.slice(10, 20));
  });

  it('writes only end reasons of the closed list, so the api can parse its own seeded call records', () => {
    const col = data.call_records.columns.indexOf('end_reason');
    const reasons = new Set(data.call_records.rows.map((r) => r[col] as string | null));
    expect(reasons.size).toBeGreaterThan(0);
    for (const reason of reasons) expect(callRecordDtoSchema.shape.endReason.safeParse(reason).success).toBe(true);
    const history = data.call_history.columns.indexOf('end_reason');
    for (const row of data.call_history.rows) expect(callRecordDtoSchema.shape.endReason.safeParse(row[history]).success).toBe(true);
  });

  it('holds five weeks of hotline traffic with the shares the report is judged by', () => {
    const { columns, rows } = data.call_history;
    const get = (row: unknown[], name: string) => row[columns.indexOf(name)] as string | null;
    const seconds = (row: unknown[], a: string, b: string) => (Date.parse(get(row, b)!) - Date.parse(get(row, a)!)) / 1000;
    const days = new Set(rows.map((r) => get(r, 'arrived_at')!.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(34);
    expect(rows.every((r) => Date.parse(get(r, 'arrived_at')!) < anchor)).toBe(true);
    const offered = rows.filter((r) => get(r, 'queued_at'));
    const answered = offered.filter((r) => get(r, 'connected_at'));
    const share = (part: number, whole: number) => part / whole;
    const ivrVerified = rows.filter((r) => get(r, 'verification_status') === 'verified' && get(r, 'verification_method')?.startsWith('ivr-'));
    expect(share(ivrVerified.length, rows.length)).toBeGreaterThan(0.03);
    expect(share(ivrVerified.length, rows.length)).toBeLessThan(0.1);
    expect(share(rows.filter((r) => get(r, 'ivr_outcome') === 'self-service').length, rows.length)).toBeGreaterThan(0.005);
    expect(share(answered.filter((r) => seconds(r, 'queued_at', 'connected_at') <= 20).length, offered.length)).toBeGreaterThan(0.65);
    const abandoned = share(offered.filter((r) => get(r, 'end_reason') === 'abandoned').length, offered.length);
    expect(abandoned).toBeGreaterThan(0.005);
    expect(abandoned).toBeLessThan(0.1);
    const aht = (method: string) => {
      const xs = answered.filter((r) => get(r, 'verification_method')?.startsWith(method)).map((r) => seconds(r, 'connected_at', 'ended_at'));
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    // Verifying in the IVR saves the agent's check: shorter calls.
    expect(aht('ivr-')).toBeLessThan(aht('agent-'));
    expect(rows.some((r) => (JSON.parse(get(r, 'missed_rings')!) as unknown[]).length > 0)).toBe(true);
    expect(rows.some((r) => get(r, 'disposition_code'))).toBe(true);
  });

  it('makes the requested number of users with valid 18-character ID numbers and unique phones', () => {
    expect(data.users.rows).toHaveLength(600);
    const ids = data.users.rows.map((r) => r[3] as string);
    expect(ids.every(isValidIdNumber)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const phones = data.user_phones.rows.map((r) => r[0] as string);
    expect(phones.every((p) => /^1[3-9]\d{9}$/.test(p))).toBe(true);
    expect(new Set(phones).size).toBe(phones.length);
    // Some users have several numbers.
    const perUser = new Map<string, number>();
    for (const row of data.user_phones.rows) perUser.set(row[1] as string, (perUser.get(row[1] as string) ?? 0) + 1);
    expect([...perUser.values()].filter((n) => n > 1).length).toBeGreaterThan(30);
    expect(phones).not.toContain(UNREGISTERED_DEMO_NUMBERS[0]);
  });

  it('has the demo users with their numbers, and 刘洋 has an ID ending in X', () => {
    for (const demo of DEMO_USERS) {
      const row = data.users.rows.find((r) => r[0] === demo.id);
      expect(row?.[1]).toBe(demo.name);
      for (const phone of demo.phones) expect(data.user_phones.rows.find((p) => p[0] === phone)?.[1]).toBe(demo.id);
    }
    expect(data.users.rows.find((r) => r[0] === 'U0000001')?.[3]).toBe('110105199003071239');
    expect(data.users.rows.find((r) => r[0] === 'U0000004')?.[3]).toMatch(/X$/);
  });

  it('looks like the business: sneaker orders with logistics, tickets with history, consignment, loans, IM, calls', () => {
    expect(data.orders.rows.length).toBeGreaterThan(1000);
    const brands = new Set(data.order_items.rows.map((r) => r[3]));
    expect([...brands]).toEqual(expect.arrayContaining(['Nike', 'Adidas', 'New Balance']));
    const statuses = new Set(data.orders.rows.map((r) => r[2]));
    expect([...statuses]).toEqual(expect.arrayContaining(['completed', 'shipped', 'cancelled', 'refunded']));
    expect(data.logistics_events.rows.length).toBeGreaterThan(data.orders.rows.length);
    expect(data.ticket_history.rows.length).toBeGreaterThan(data.tickets.rows.length);
    expect(data.ticket_comments.rows.length).toBeGreaterThan(0);
    expect(data.consignments.rows.length).toBeGreaterThan(0);
    expect(data.installments.rows.length).toBeGreaterThan(data.loans.rows.length);
    expect(data.im_sessions.rows.length).toBeGreaterThan(0);
    expect(data.call_records.rows.length).toBeGreaterThan(0);
    // Totals add up.
    const order = data.orders.rows[0] as unknown[];
    const items = data.order_items.rows.filter((r) => r[0] === order[0]);
    expect(items.reduce((s, r) => s + (r[8] as number) * (r[9] as number), 0)).toBe(order[3]);
  });

  it('never leaves an open ticket of a demo user assigned to a demo agent, except 王芳 → 1008', () => {
    const demoIds = new Set<string>(DEMO_USERS.map((u) => u.id));
    const reachable = data.tickets.rows.filter((t) => demoIds.has(t[1] as string) && t[10] !== null && t[8] !== 'closed' && /^100\d$/.test(t[10] as string));
    expect(reachable.map((t) => [t[1], t[10]])).toEqual([['U0000003', '1008']]);
  });
});

describe('ID numbers', () => {
  it('computes the ISO 7064 check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(makeIdNumber('110105', '19491231', 2)).toBe('11010519491231002X');
    expect(isValidIdNumber('110105199003071239')).toBe(true);
    expect(isValidIdNumber('110105199003071238')).toBe(false);
  });
});

describe('masking', () => {
  it('masks names, phones, ID numbers (suffix hidden) and addresses', () => {
    expect(maskName('张伟')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧**');
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskIdNumber('110105199003071239')).toBe('110***************');
    expect(maskAddressText('北京市朝阳区人民路1号')).toBe('北京市朝阳区****');
    expect(maskAddressText('广东省深圳市南山区科技路8号')).toBe('广东省深圳市南山区****');
  });
});
