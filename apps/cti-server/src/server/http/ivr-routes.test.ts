// The IVR designer's HTTP side (issue 13 point 2): supervisors and admins only, trees validated with the field
// named, versioned, rolled back, audited, applied to the next call; and the caller's side of an interactive
// session through the simulator (`GET /sim/calls/:callId/ivr`, `POST /sim/calls/:callId/keys`).
import { errorBodySchema, ivrChangeResponseSchema, ivrHotlineResponseSchema, ivrResponseSchema, ivrSessionViewSchema, type IvrTreeInput } from '@octopus/contracts';
import { MemoryAuditSink, MemoryDirectory } from '../../engine/ports';
import { startCtiServer, type CtiServer } from '../start';
import { loginFull, post } from '../test-client';

const HOTLINE = '4008001000';
const m = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const TREE: IvrTreeInput = {
  root: 'main',
  agentGroup: null,
  maxRepeats: 3,
  invalidPrompt: m('无效', 'invalid'),
  nodes: {
    main: { kind: 'menu', prompt: m('主菜单', 'main menu'), options: { '1': 'sales', '2': 'order' } },
    sales: { kind: 'group', prompt: null, group: 'presale' },
    order: { kind: 'self-service', service: 'order-status', prompt: m('订单号', 'order number'), next: null },
  },
};
const USERS = [{ userId: 'U0000001', name: '张伟', phone: '13800138000', idNumber: '110105199003071234' }];
const DATA = { U0000001: { orders: [{ orderId: 'SO1000000002', status: 'delivered', latestLogistics: { at: '2026-12-01T08:30:00.000Z', status: 'signed', location: '北京', description: '已签收' } }] } };

describe('IVR over HTTP', () => {
  let server: CtiServer;
  const audit = new MemoryAuditSink();
  let agent: string;
  let supervisor: string;

  const as = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  const get = (token: string | null, path = '/ivr') => fetch(`${server.url}${path}`, { headers: as(token) });
  const put = (token: string | null, body: unknown, query = '') =>
    fetch(`${server.url}/ivr/hotlines/${HOTLINE}${query}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...as(token) }, body: JSON.stringify(body) });

  beforeAll(async () => {
    server = await startCtiServer({ port: 0, mode: 'test', tokenSecret: 'ivr-routes-test-secret', audit, directory: new MemoryDirectory(USERS, DATA) });
    agent = (await loginFull(server, '1001')).token;
    supervisor = (await loginFull(server, '2001')).token;
  });
  afterAll(() => server.close());

  it('refuses agents (403) and requests without a token (401), audited', async () => {
    expect((await get(agent)).status).toBe(403);
    expect((await put(agent, TREE)).status).toBe(403);
    expect((await post(`${server.url}/ivr/rollback`, { version: 1 }, as(agent))).status).toBe(403);
    expect((await get(null)).status).toBe(401);
    expect(audit.events.filter((e) => e.action.startsWith('ivr.') && e.agentId === '1001').map((e) => [e.action, e.outcome])).toEqual([
      ['ivr.read', 'refused'],
      ['ivr.update', 'refused'],
      ['ivr.rollback', 'refused'],
    ]);
  });

  it('serves version 1 (the demo key menu as a tree) per hotline', async () => {
    const all = ivrResponseSchema.parse(await (await get(supervisor)).json());
    expect(all.current).toMatchObject({ version: 1, by: 'system', change: { action: 'seed' } });
    expect(all.groups.map((g) => g.name)).toEqual(['presale', 'aftersale', 'finance']);
    const one = ivrHotlineResponseSchema.parse(await (await get(supervisor, `/ivr/hotlines/${HOTLINE}`)).json());
    expect(one.tree.nodes.main).toMatchObject({ kind: 'menu', options: { '1': 'group-1', '2': 'group-2', '3': 'group-3' } });
    expect((await get(supervisor, '/ivr/hotlines/4009999999')).status).toBe(404);
  });

  it('validates a tree naming the field, saves versions with ifVersion, rolls back, audits who did it', async () => {
    const missing = await put(supervisor, { ...TREE, nodes: { ...TREE.nodes, main: { kind: 'menu', prompt: m('x', 'x'), options: { '1': 'gone' } } } });
    expect(missing.status).toBe(400);
    expect(errorBodySchema.parse(await missing.json()).field).toContain('nodes.main.options.1');
    const unknownGroup = await put(supervisor, { ...TREE, nodes: { ...TREE.nodes, sales: { kind: 'group', prompt: null, group: 'nope' } } });
    expect(errorBodySchema.parse(await unknownGroup.json())).toMatchObject({ error: 'bad_request', field: 'nodes.sales.group' });
    const saved = await put(supervisor, TREE, '?ifVersion=1');
    expect(saved.status).toBe(200);
    expect(ivrChangeResponseSchema.parse(await saved.json()).current).toMatchObject({ version: 2, by: '2001', change: { action: 'update', hotline: HOTLINE } });
    expect((await put(supervisor, TREE, '?ifVersion=1')).status).toBe(409);
    const rolled = await post(`${server.url}/ivr/rollback`, { version: 1 }, as(supervisor));
    expect(ivrChangeResponseSchema.parse(await rolled.json()).current).toMatchObject({ version: 3, change: { action: 'rollback', toVersion: 1 } });
    expect((await put(supervisor, TREE)).status).toBe(200);
    // Allowed reads are not audited (as the routing rules); changes and refusals are, with who made them.
    expect(audit.events.filter((e) => e.action.startsWith('ivr.') && e.agentId === '2001' && e.outcome === 'allowed').map((e) => e.action)).toEqual([
      'ivr.update',
      'ivr.rollback',
      'ivr.update',
    ]);
  });

  it('lets a simulated caller key through to the order status and finish, recorded as resolved in self-service', async () => {
    const { callId } = (await (await post(`${server.url}/sim/calls`, { from: '13800138000', to: HOTLINE, interactive: true })).json()) as { callId: string };
    const session = async (after = 0) => ivrSessionViewSchema.parse(await (await get(null, `/sim/calls/${callId}/ivr?after=${after}`)).json());
    const press = async (digits: string) => {
      const r = (await (await post(`${server.url}/sim/calls/${callId}/keys`, { digits })).json()) as { accepted: boolean };
      for (let i = 0; i < 50 && (await session()).awaiting === 'checking'; i++) await new Promise((res) => setTimeout(res, 10));
      return r.accepted;
    };
    expect((await session()).prompts.map((p) => p.text['en-US'])).toEqual(['main menu']);
    expect(await press('2')).toBe(true);
    expect(await press('13800138000#')).toBe(true);
    expect(await press('1000000002#')).toBe(true);
    const answered = await session();
    expect(answered.prompts.find((p) => p.kind === 'answer')!.text['zh-CN']).toBe('订单SO1000000002的状态是：已签收。最新物流：2026-12-01 16:30，北京，已签收。');
    const last = answered.prompts.at(-1)!.seq;
    expect(await press('9')).toBe(true);
    const done = await session(last);
    expect(done).toMatchObject({ awaiting: 'done', outcome: 'self-service', keyTrack: '2***********#1000000002#9' });
    expect(done.prompts.map((p) => p.text['en-US'])).toEqual(['Thank you for calling. Goodbye.']);
    expect((await (await get(null, `/sim/calls/${callId}`)).json()) as object).toMatchObject({ phase: 'ended', endReason: 'caller-hangup' });
  });
});
