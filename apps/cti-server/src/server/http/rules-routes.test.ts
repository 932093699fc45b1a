// The routing rules over HTTP (issue 13 point 1): supervisors and admins only, every rule validated with the
// field named, versioned, rolled back in one call, audited, and applied live to the engine.
import { errorBodySchema, rulesChangeResponseSchema, rulesResponseSchema, type GroupRulesInput, type InternalAuditEvent } from '@octopus/contracts';
import { DEMO_GROUPS } from '../../engine/config';
import { MemoryAuditSink } from '../../engine/ports';
import { startCtiServer, type CtiServer } from '../start';
import { loginFull, post } from '../test-client';

/** The demo's presale rules (version 1) as a PUT body. */
const PRESALE: GroupRulesInput = {
  strategy: 'longest-idle',
  agentLevels: {},
  priorityByLevel: {},
  maxWaitMs: 120_000,
  onMaxWait: { kind: 'overflow', group: 'aftersale' },
  capacity: null,
  onFull: null,
  ringTimeoutMs: 20_000,
  wrapUpMs: 10_000,
  businessHours: null,
  sticky: null,
};

describe('routing rules over HTTP', () => {
  let server: CtiServer;
  const audit = new MemoryAuditSink();
  let agent: string;
  let supervisor: string;
  let admin: string;

  const as = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  const get = (token: string | null) => fetch(`${server.url}/rules`, { headers: as(token) });
  const put = (token: string | null, group: string, body: unknown) =>
    fetch(`${server.url}/rules/groups/${group}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...as(token) }, body: JSON.stringify(body) });
  const rollback = (token: string | null, body: unknown) => post(`${server.url}/rules/rollback`, body, as(token));
  const currentVersion = async () => rulesResponseSchema.parse(await (await get(supervisor)).json()).current.version;
  const rulesEvents = (): InternalAuditEvent[] => audit.events.filter((e) => e.action.startsWith('rules.'));

  beforeAll(async () => {
    server = await startCtiServer({ port: 0, mode: 'test', tokenSecret: 'rules-routes-test-secret', audit });
    agent = (await loginFull(server, '1001')).token;
    supervisor = (await loginFull(server, '2001')).token;
    admin = (await loginFull(server, '2002')).token;
  });
  afterAll(() => server.close());

  it('refuses agents (403) and requests without a token (401), and audits the refusals', async () => {
    expect((await get(agent)).status).toBe(403);
    expect((await put(agent, 'presale', PRESALE)).status).toBe(403);
    expect((await rollback(agent, { version: 1 })).status).toBe(403);
    const refused = await get(null);
    expect(refused.status).toBe(401);
    expect(errorBodySchema.parse(await refused.json()).error).toBe('unauthorized');
    expect((await get('not-a-token')).status).toBe(401);
    expect(rulesEvents().filter((e) => e.outcome === 'refused' && e.agentId === '1001').map((e) => e.action)).toEqual(['rules.read', 'rules.update', 'rules.rollback']);
  });

  it('serves version 1: the configured demo groups (DEMO_GROUPS) with the engine ring and wrap-up times', async () => {
    const response = await get(supervisor);
    expect(response.status).toBe(200);
    const body = rulesResponseSchema.parse(await response.json());
    const first = body.history[body.history.length - 1]!;
    expect(first).toMatchObject({ version: 1, by: 'system', change: { action: 'seed' } });
    for (const g of DEMO_GROUPS) {
      expect(first.groups[g.name]).toMatchObject({ strategy: g.routing, maxWaitMs: g.maxWaitMs, capacity: null, businessHours: null, sticky: null });
    }
    expect(first.groups.presale!.onMaxWait).toEqual({ kind: 'overflow', group: 'aftersale' });
    expect(first.groups.aftersale!.onMaxWait).toEqual({ kind: 'callback' });
    expect(first.groups.finance!.onMaxWait).toEqual({ kind: 'voicemail' });
    expect(first.groups.presale!.ringTimeoutMs).toBe(server.engine.ringTimeoutMs);
    // The groups with their agents, for an editor's skill levels.
    expect(body.groups.map((g) => g.name)).toEqual(DEMO_GROUPS.map((g) => g.name));
    expect(body.groups[0]).toMatchObject({ name: 'presale', label: '售前咨询', labels: { 'en-US': 'Pre-sales' } });
    expect(body.groups[0]!.agents).toEqual(expect.arrayContaining([{ id: '1001', name: '王芳' }, { id: '1008', name: '黄强' }]));
    expect(body.groups[0]!.agents.map((a) => a.id)).not.toContain('1003');
  });

  it('with ?ifVersion, changes only while that version is current (409 otherwise)', async () => {
    const version = await currentVersion();
    const stale = await fetch(`${server.url}/rules/groups/finance?ifVersion=${version - 1 || 99}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...as(supervisor) }, body: JSON.stringify({ ...PRESALE, onMaxWait: { kind: 'voicemail' } }) });
    expect(stale.status).toBe(409);
    expect(errorBodySchema.parse(await stale.json()).error).toBe('version_conflict');
    expect(await currentVersion()).toBe(version);
    const fresh = await fetch(`${server.url}/rules/groups/finance?ifVersion=${version}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...as(supervisor) }, body: JSON.stringify({ ...PRESALE, onMaxWait: { kind: 'voicemail' } }) });
    expect(fresh.status).toBe(200);
    expect((await post(`${server.url}/rules/rollback?ifVersion=${version}`, { version: 1 }, as(supervisor))).status).toBe(409);
    const bad = await fetch(`${server.url}/rules/groups/finance?ifVersion=x`, { method: 'PUT', headers: { 'content-type': 'application/json', ...as(supervisor) }, body: JSON.stringify(PRESALE) });
    expect(bad.status).toBe(400);
    expect(errorBodySchema.parse(await bad.json()).field).toMatch(/ifVersion/);
  });

  it('replaces a group’s rules as a new version, applies them at once and audits who changed what', async () => {
    const before = await currentVersion();
    const response = await put(supervisor, 'presale', { ...PRESALE, strategy: 'round-robin', maxWaitMs: 30_000 });
    expect(response.status).toBe(200);
    const { current } = rulesChangeResponseSchema.parse(await response.json());
    expect(current).toMatchObject({ version: before + 1, by: '2001', change: { action: 'update', group: 'presale', fields: ['strategy', 'maxWaitMs'] } });
    expect(current.groups.presale).toMatchObject({ strategy: 'round-robin', maxWaitMs: 30_000 });
    // Live: the engine's group list and wait limits follow, without a restart.
    expect(server.engine.groupList().find((g) => g.name === 'presale')?.routing).toBe('round-robin');
    expect(server.engine.groupLimits().find((g) => g.name === 'presale')?.maxWaitMs).toBe(30_000);
    const history = rulesResponseSchema.parse(await (await get(admin)).json()).history;
    expect(history[0]!.version).toBe(before + 1);
    expect(history.map((v) => v.version)).toEqual([...history.map((v) => v.version)].sort((a, b) => b - a));
    expect(rulesEvents().at(-1)).toMatchObject({ action: 'rules.update', outcome: 'allowed', agentId: '2001', reason: `group presale: version ${before + 1}, changed strategy, maxWaitMs` });
  });

  it('takes every rule: skill levels, priority, capacity, hours and holidays, sticky agent, ring and wrap-up times', async () => {
    const full: GroupRulesInput = {
      strategy: 'skill-level',
      agentLevels: { '1001': 3, '1002': 7 },
      priorityByLevel: { gold: 2, platinum: 5 },
      maxWaitMs: 60_000,
      onMaxWait: { kind: 'callback' },
      capacity: 20,
      onFull: { kind: 'closed', message: { 'zh-CN': '排队已满，请稍后再拨。', 'en-US': 'The queue is full, please call again later.' } },
      ringTimeoutMs: 15_000,
      wrapUpMs: 30_000,
      businessHours: {
        timeZone: 'Asia/Shanghai',
        weekly: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }, { days: [6], open: '10:00', close: '16:00' }],
        holidays: [{ date: '2026-10-01', name: '国庆节' }],
        outOfHours: { kind: 'overflow', group: 'aftersale' },
      },
      sticky: { withinDays: 7, waitMs: 20_000 },
    };
    const response = await put(admin, 'presale', full);
    expect(response.status).toBe(200);
    const { current } = rulesChangeResponseSchema.parse(await response.json());
    expect(current.groups.presale).toEqual(full);
    expect(current.by).toBe('2002');
    // Defaults: levels and priorities may be left out; the time zone defaults to Asia/Shanghai.
    const { agentLevels: _l, priorityByLevel: _p, ...lean } = full;
    const leanHours = { ...full.businessHours!, timeZone: undefined };
    const second = rulesChangeResponseSchema.parse(await (await put(admin, 'presale', { ...lean, businessHours: leanHours })).json());
    expect(second.current.groups.presale).toMatchObject({ agentLevels: {}, priorityByLevel: {}, businessHours: { timeZone: 'Asia/Shanghai' } });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown strategy', { strategy: 'random' }, 'strategy'],
    ['a wait under a second', { maxWaitMs: 10 }, 'maxWaitMs'],
    ['a fractional wait', { maxWaitMs: 1500.5 }, 'maxWaitMs'],
    ['an overflow to an unknown group', { onMaxWait: { kind: 'overflow', group: 'nowhere' } }, 'onMaxWait.group'],
    ['an overflow to the group itself', { onMaxWait: { kind: 'overflow', group: 'presale' } }, 'onMaxWait.group'],
    ['an unknown exit', { onMaxWait: { kind: 'hang-up' } }, 'onMaxWait.kind'],
    ['a wait limit without an exit', { onMaxWait: null }, 'onMaxWait'],
    ['an exit without a wait limit', { maxWaitMs: null }, 'maxWaitMs'],
    ['a capacity without onFull', { capacity: 10 }, 'onFull'],
    ['a capacity of 0', { capacity: 0, onFull: { kind: 'voicemail' } }, 'capacity'],
    ['a closed message without English', { capacity: 5, onFull: { kind: 'closed', message: { 'zh-CN': '已满' } } }, 'onFull.message.en-US'],
    ['a ring timeout of 1 s', { ringTimeoutMs: 1000 }, 'ringTimeoutMs'],
    ['a negative wrap-up', { wrapUpMs: -1 }, 'wrapUpMs'],
    ['a skill level of 11', { agentLevels: { '1001': 11 } }, 'agentLevels.1001'],
    ['a skill level for an unknown agent', { agentLevels: { '9999': 2 } }, 'agentLevels.9999'],
    ['a priority of 10', { priorityByLevel: { gold: 10 } }, 'priorityByLevel.gold'],
    ['an unknown member level', { priorityByLevel: { diamond: 1 } }, 'priorityByLevel'],
    ['an opening time of 25:00', { businessHours: { weekly: [{ days: [1], open: '25:00', close: '26:00' }], holidays: [], outOfHours: { kind: 'voicemail' } } }, 'businessHours.weekly.0.open'],
    ['a close before the open', { businessHours: { weekly: [{ days: [1], open: '18:00', close: '09:00' }], holidays: [], outOfHours: { kind: 'voicemail' } } }, 'businessHours.weekly.0.close'],
    ['a weekday 8', { businessHours: { weekly: [{ days: [8], open: '09:00', close: '18:00' }], holidays: [], outOfHours: { kind: 'voicemail' } } }, 'businessHours.weekly.0.days.0'],
    ['a holiday that is no date', { businessHours: { weekly: [], holidays: [{ date: '2026-13-01', name: 'x' }], outOfHours: { kind: 'voicemail' } } }, 'businessHours.holidays.0.date'],
    ['an unknown time zone', { businessHours: { timeZone: 'Mars/Olympus', weekly: [], holidays: [], outOfHours: { kind: 'voicemail' } } }, 'businessHours.timeZone'],
    ['hours without an out-of-hours action', { businessHours: { weekly: [], holidays: [] } }, 'businessHours.outOfHours'],
    ['an out-of-hours overflow to an unknown group', { businessHours: { weekly: [], holidays: [], outOfHours: { kind: 'overflow', group: 'x' } } }, 'businessHours.outOfHours.group'],
    ['a sticky window of 0 days', { sticky: { withinDays: 0, waitMs: 1000 } }, 'sticky.withinDays'],
    ['a sticky wait over 10 minutes', { sticky: { withinDays: 1, waitMs: 600_001 } }, 'sticky.waitMs'],
    ['a missing ring timeout', { ringTimeoutMs: undefined }, 'ringTimeoutMs'],
  ])('refuses %s with 400 naming the field, and changes nothing', async (_name, patch, field) => {
    const before = await currentVersion();
    const response = await put(supervisor, 'presale', { ...PRESALE, ...patch });
    expect(response.status).toBe(400);
    const body = errorBodySchema.parse(await response.json());
    expect(body).toMatchObject({ error: 'bad_request', field });
    expect(body.message).toContain(field);
    expect(await currentVersion()).toBe(before);
  });

  it('answers 404 for an unknown group and a bad body shape with 400', async () => {
    expect((await put(supervisor, 'nowhere', PRESALE)).status).toBe(404);
    const notJson = await fetch(`${server.url}/rules/groups/presale`, { method: 'PUT', headers: { 'content-type': 'text/plain', ...as(supervisor) }, body: 'x' });
    expect(notJson.status).toBe(415);
  });

  it('rolls back to a kept version in one call, as a new version, audited', async () => {
    const before = await currentVersion();
    const response = await rollback(admin, { version: 1 });
    expect(response.status).toBe(200);
    const { current } = rulesChangeResponseSchema.parse(await response.json());
    const body = rulesResponseSchema.parse(await (await get(supervisor)).json());
    const first = body.history.find((v) => v.version === 1)!;
    expect(current).toMatchObject({ version: before + 1, by: '2002', change: { action: 'rollback', toVersion: 1 } });
    expect(current.groups).toEqual(first.groups);
    expect(server.engine.groupList().find((g) => g.name === 'presale')?.routing).toBe('longest-idle');
    expect(rulesEvents().at(-1)).toMatchObject({ action: 'rules.rollback', outcome: 'allowed', agentId: '2002' });
    expect((await rollback(admin, { version: 999 })).status).toBe(404);
    const bad = await rollback(admin, { version: 'one' });
    expect(bad.status).toBe(400);
    expect(errorBodySchema.parse(await bad.json()).field).toBe('version');
  });
});
