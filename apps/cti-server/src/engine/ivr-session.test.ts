import { ivrTreeSchema, type IvrTreeInput } from '@octopus/contracts';
import { MemoryDirectory, type CustomerDirectory } from './ports';
import { ManualClock } from './clock';
import { MemoryStateStore } from './journal';
import { USERS, settle, setup } from './testing/engine-harness';

const HOTLINE = '4008001000';
const m = (zh: string, en = zh) => ({ 'zh-CN': zh, 'en-US': en });

/** A tree with every node kind: 1 sales, 2 verify → support, 3 self-service order status, 4 loans, 5 sub-menu. */
const TREE: IvrTreeInput = {
  root: 'main',
  agentGroup: 'vip',
  maxRepeats: 2,
  invalidPrompt: m('无效按键', 'invalid key'),
  nodes: {
    main: { kind: 'menu', prompt: m('主菜单', 'main menu'), options: { '1': 'sales', '2': 'check', '3': 'order', '4': 'loan', '5': 'sub' } },
    sub: { kind: 'menu', prompt: m('子菜单', 'sub menu'), options: { '1': 'support', '*': 'main' } },
    sales: { kind: 'group', prompt: m('转售前', 'to sales'), group: 'sales' },
    support: { kind: 'group', prompt: null, group: 'support' },
    check: { kind: 'verify', prompt: m('请验证', 'verify please'), next: 'support', onFail: 'sales' },
    order: { kind: 'self-service', service: 'order-status', prompt: m('请输入订单号', 'order number please'), next: null },
    loan: { kind: 'self-service', service: 'loan-next-due', prompt: m('贷款查询', 'loans'), next: 'main' },
  },
};

const DATA = {
  u1: {
    orders: [{ orderId: 'SO1000000002', status: 'shipped', latestLogistics: { at: '2026-12-01T08:30:00.000Z', status: 'in_transit', location: '上海', description: '运输中' } }],
    nextDue: { dueDate: '2026-12-15', amountFen: 123456 },
  },
};

function withTree(directory: CustomerDirectory = new MemoryDirectory(USERS, DATA)) {
  const t = setup({ directory, hotlines: [HOTLINE, '4008002000'] });
  const outcome = t.engine.updateIvrTree(HOTLINE, ivrTreeSchema.parse(TREE), 'sup1');
  if (!outcome.ok) throw new Error(outcome.message);
  const dial = (from: string) => t.engine.inboundCall({ from, to: HOTLINE, interactive: true });
  const press = async (id: string, digits: string) => {
    const accepted = t.engine.ivrKeys(id, digits);
    await settle();
    await settle();
    return accepted;
  };
  const texts = (id: string) => t.engine.ivrSession(id)!.prompts.map((p) => p.text['en-US']);
  return { ...t, dial, press, texts, session: (id: string) => t.engine.ivrSession(id)! };
}

describe('interactive IVR session', () => {
  it('plays the menu and takes a group option into that queue, recording the key track', async () => {
    const t = withTree();
    t.login('a1');
    const id = t.dial('13800138000');
    expect(t.session(id)).toMatchObject({ node: 'main', awaiting: 'key', version: 2 });
    expect(t.texts(id)).toEqual(['main menu']);
    await t.press(id, '1');
    expect(t.texts(id)).toEqual(['main menu', 'to sales']);
    expect(t.session(id)).toMatchObject({ awaiting: 'done', outcome: 'queued', keyTrack: '1' });
    expect(t.ringingAgent(id)).toBe('a1');
  });

  it('walks a sub-menu and back, and 0 reaches the agent group from any menu', async () => {
    const t = withTree();
    t.login('a3', 'a6');
    const id = t.dial('13800138000');
    await t.press(id, '5');
    expect(t.session(id).node).toBe('sub');
    await t.press(id, '*');
    expect(t.session(id).node).toBe('main');
    await t.press(id, '5');
    await t.press(id, '0');
    expect(t.session(id)).toMatchObject({ awaiting: 'done', keyTrack: '5*50' });
    expect(t.texts(id).at(-1)).toBe('Transferring you to an agent, please hold.');
    expect(t.ringingAgent(id)).toBe('a6'); // agentGroup vip
  });

  it('repeats the menu on an invalid key, then sends the caller to an agent after maxRepeats', async () => {
    const t = withTree();
    t.login('a6');
    const id = t.dial('13800138000');
    await t.press(id, '7');
    expect(t.texts(id)).toEqual(['main menu', 'invalid key', 'main menu']);
    expect(t.session(id).awaiting).toBe('key');
    await t.press(id, '#');
    expect(t.session(id)).toMatchObject({ awaiting: 'done', keyTrack: '7#' });
    expect(t.ringingAgent(id)).toBe('a6');
  });

  it('verifies at a verify node, then continues to its next node with a verified caller', async () => {
    const t = withTree();
    t.login('a4');
    const id = t.dial('13800138000');
    await t.press(id, '2');
    expect(t.session(id)).toMatchObject({ node: 'check', awaiting: 'digits' });
    await t.press(id, '13800138000#');
    expect(t.session(id)).toMatchObject({ awaiting: 'done', keyTrack: '2***********#' });
    const view = t.view('a4', id)!;
    expect(view.customer).toMatchObject({ userId: 'u1', verification: { status: 'verified', method: 'ivr-phone' } });
  });

  it('asks the ID suffix when a keyed phone only identifies an account; a failed check repeats, then onFail', async () => {
    const t = withTree();
    t.login('a1', 'a4');
    const other = t.dial('13700000000');
    await t.press(other, '2');
    await t.press(other, '13800138000#');
    expect(t.texts(other).at(-1)).toContain('ID number');
    await t.press(other, '1234#');
    expect(t.view('a4', other)!.customer.verification.status).toBe('verified');

    const failing = t.dial('13800138000');
    await t.press(failing, '2');
    await t.press(failing, '0000#');
    expect(t.session(failing)).toMatchObject({ node: 'check', awaiting: 'digits' });
    expect(t.texts(failing).slice(-2)).toEqual(['Verification failed.', 'verify please']);
    await t.press(failing, '9999#');
    expect(t.session(failing).awaiting).toBe('done');
    expect(t.ringingAgent(failing)).toBe('a1'); // onFail: sales
    expect(t.view('a1', failing)!.customer.verification.status).toBe('failed');
  });

  it('self-service requires verification first, then answers the order status and latest logistics; 9 ends it resolved', async () => {
    const t = withTree();
    const id = t.dial('13800138000');
    await t.press(id, '3');
    expect(t.texts(id).at(-1)).toContain('Please verify first');
    // The order number cannot be asked before the caller verified: nothing reached the api's self-service.
    expect(t.session(id)).toMatchObject({ node: 'order', awaiting: 'digits' });
    await t.press(id, '1234#');
    expect(t.texts(id).at(-1)).toBe('order number please');
    await t.press(id, '1000000002#');
    const answer = t.engine.ivrSession(id)!.prompts.find((p) => p.kind === 'answer')!;
    expect(answer.text['en-US']).toBe('Order SO1000000002 is shipped. Latest logistics: 2026-12-01 16:30, 上海, 运输中.');
    expect(answer.text['zh-CN']).toContain('已发货');
    await t.press(id, '9');
    expect(t.session(id)).toMatchObject({ awaiting: 'done', outcome: 'self-service', keyTrack: '3****#1000000002#9' });
    const record = t.records.records.get(id)!;
    expect(record).toMatchObject({ ivrOutcome: 'self-service', endReason: 'caller-hangup', skillGroup: null });
  });

  it('counts a hang-up after an answer as resolved in self-service, and a hang-up before as hung-up', async () => {
    const t = withTree();
    const answered = t.dial('13800138000');
    await t.press(answered, '4');
    await t.press(answered, '13800138000#');
    expect(t.texts(answered)).toContain('Your next instalment of 1234.56 yuan is due on 2026-12-15.');
    t.engine.callerHangup(answered);
    expect(t.records.records.get(answered)).toMatchObject({ ivrOutcome: 'self-service' });
    const early = t.dial('13800138000');
    await t.press(early, '4');
    t.engine.callerHangup(early);
    expect(t.records.records.get(early)).toMatchObject({ ivrOutcome: 'hung-up' });
  });

  it('never answers self-service for an unverified caller: the api refuses and the caller goes to an agent', async () => {
    const inner = new MemoryDirectory(USERS, DATA);
    const asked: string[] = [];
    const directory: CustomerDirectory = {
      userByPhone: (p) => inner.userByPhone(p),
      userById: (u) => inner.userById(u),
      verify: (p, i, u) => inner.verify(p, i, u),
      selfService: (r) => {
        asked.push(r.input);
        return inner.selfService(r);
      },
    };
    const t = withTree(directory);
    t.login('a6');
    const id = t.dial('13800138000');
    await t.press(id, '3');
    await t.press(id, '0000#'); // wrong suffix: not verified, asked again
    await t.press(id, '0001#'); // second failure: maxRepeats 2 → agent
    expect(asked).toEqual([]);
    expect(t.session(id).awaiting).toBe('done');
    expect(t.ringingAgent(id)).toBe('a6');
    await expect(inner.selfService({ callerPhone: '13800138000', input: '0000', service: 'loan-next-due' })).rejects.toThrow('not_verified');
  });

  it('applies a changed tree to the next call without a restart; a call already in the IVR keeps its version', async () => {
    const t = withTree();
    t.login('a1', 'a4');
    const before = t.dial('13800138000');
    const changed = ivrTreeSchema.parse({ ...TREE, nodes: { ...TREE.nodes, main: { kind: 'menu', prompt: m('新菜单', 'new menu'), options: { '1': 'support' } } } });
    const outcome = t.engine.updateIvrTree(HOTLINE, changed, 'sup1', 2);
    expect(outcome).toMatchObject({ ok: true, current: { version: 3, by: 'sup1', change: { action: 'update', hotline: HOTLINE } } });
    const after = t.dial('13800138000');
    expect(t.texts(after)).toEqual(['new menu']);
    await t.press(after, '1');
    expect(t.ringingAgent(after)).toBe('a4');
    await t.press(before, '1');
    expect(t.ringingAgent(before)).toBe('a1'); // version 2's 1 = sales
    // Stale ifVersion, unknown hotline and unknown group are refused; rollback makes version 2 current again.
    expect(t.engine.updateIvrTree(HOTLINE, changed, 'sup1', 2)).toMatchObject({ ok: false, status: 409 });
    expect(t.engine.updateIvrTree('4009999999', changed, 'sup1')).toMatchObject({ ok: false, status: 404 });
    const badGroup = ivrTreeSchema.parse({ ...TREE, nodes: { ...TREE.nodes, sales: { kind: 'group', prompt: null, group: 'nope' } } });
    expect(t.engine.updateIvrTree(HOTLINE, badGroup, 'sup1')).toMatchObject({ ok: false, status: 400, field: 'nodes.sales.group' });
    expect(t.engine.rollbackIvr(2, 'sup2')).toMatchObject({ ok: true, current: { version: 4, change: { action: 'rollback', toVersion: 2 } } });
    expect(t.texts(t.dial('13800138000'))).toEqual(['main menu']);
    expect(t.engine.ivr().history.map((v) => v.version)).toEqual([4, 3, 2, 1]);
  });

  it('keeps up-front keys working through the tree: menu keys pick, others reach the agent group', async () => {
    const t = withTree();
    t.login('a1', 'a6');
    const sales = await t.call('13800138000', '1');
    expect(t.ringingAgent(sales)).toBe('a1');
    const invalid = await t.call('13800138000', '8');
    expect(t.ringingAgent(invalid)).toBe('a6');
  });

  it('keeps the IVR versions across a restart (journal)', () => {
    const store = new MemoryStateStore();
    const clock = new ManualClock();
    const a = setup({ store, clock, hotlines: [HOTLINE] });
    expect(a.engine.updateIvrTree(HOTLINE, ivrTreeSchema.parse(TREE), 'sup1').ok).toBe(true);
    const b = setup({ store, clock, hotlines: [HOTLINE] });
    expect(b.engine.ivr().current).toMatchObject({ version: 2, by: 'sup1' });
    expect(b.engine.ivr().current.hotlines[HOTLINE]!.root).toBe('main');
  });
});

describe('IVR tree schema', () => {
  it('names missing nodes and refuses 0 as an option', () => {
    const zero = ivrTreeSchema.safeParse({ ...TREE, nodes: { ...TREE.nodes, sub: { kind: 'menu', prompt: m('x'), options: { '0': 'main' } } } });
    expect(zero.error!.issues.map((i) => i.path.join('.'))).toEqual(['nodes.sub.options.0']);
    const noRoot = ivrTreeSchema.safeParse({ ...TREE, root: 'nowhere' });
    expect(noRoot.error!.issues.map((i) => i.path.join('.'))).toEqual(['root']);
    const missing = ivrTreeSchema.safeParse({ ...TREE, nodes: { ...TREE.nodes, sub: { kind: 'menu', prompt: m('x'), options: { '1': 'gone' } } } });
    expect(missing.error!.issues.map((i) => i.path.join('.'))).toEqual(['nodes.sub.options.1']);
  });
});
