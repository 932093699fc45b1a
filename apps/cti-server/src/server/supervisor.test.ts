// The supervisor board's HTTP side: the floor and the two supervisor commands, supervisors and admins only.
import type { FloorView } from '@octopus/contracts';
import { floorViewSchema } from '@octopus/contracts';
import { MemoryAuditSink } from '../engine/ports';
import { startCtiServer, type CtiServer } from './start';
import { connect, loginFull, post } from './test-client';

const SECRET = 'supervisor-test-secret';

describe('cti-server /supervisor/*', () => {
  let server: CtiServer;
  const audit = new MemoryAuditSink();
  beforeAll(async () => {
    server = await startCtiServer({ port: 0, host: '127.0.0.1', mode: 'test', tokenSecret: SECRET, ringTimeoutMs: 5000, wrapUpMs: 100, listFlushMs: 20, audit, simulator: { outboundAnswerMs: 20, ratingDelayMs: 10 } });
  });
  afterAll(() => server.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const floor = async (token: string): Promise<FloorView> => {
    const res = await fetch(`${server.url}/supervisor/floor`, { headers: bearer(token) });
    expect(res.status).toBe(200);
    return floorViewSchema.parse(await res.json());
  };

  it('answers 401 without a token and 403 (audited) to an agent on every route', async () => {
    expect((await fetch(`${server.url}/supervisor/floor`)).status).toBe(401);
    const { token } = await loginFull(server, '1001');
    const before = audit.events.length;
    const read = await fetch(`${server.url}/supervisor/floor`, { headers: bearer(token) });
    expect(read.status).toBe(403);
    expect(await read.json()).toMatchObject({ error: 'forbidden' });
    expect((await post(`${server.url}/supervisor/agents/1002/state`, { state: 'busy' }, bearer(token))).status).toBe(403);
    expect((await post(`${server.url}/supervisor/calls/x/route`, { agentId: '1002' }, bearer(token))).status).toBe(403);
    const refused = audit.events.slice(before);
    expect(refused.map((e) => [e.agentId, e.action, e.outcome])).toEqual([
      ['1001', 'supervisor-floor', 'refused'],
      ['1001', 'supervisor-set-state', 'refused'],
      ['1001', 'supervisor-route-call', 'refused'],
    ]);
  });

  it('shows a supervisor the floor; a queued call appears, is routed to a chosen agent, answered in time; an agent state is set (audited)', async () => {
    const { token: boss } = await loginFull(server, '2001');
    const command = (c: Awaited<ReturnType<typeof connect>>, id: string, cmd: unknown) => c.ws.send(JSON.stringify({ type: 'command', id, command: cmd }));
    const a1 = await connect(server, (await loginFull(server, '1001')).token);
    const a3 = await connect(server, (await loginFull(server, '1003')).token);
    const a7 = await connect(server, (await loginFull(server, '1007')).token);
    for (const c of [a1, a3, a7]) await c.next((f) => f.type === 'snapshot');
    // Nobody of aftersale free (1003 and 1007 busy), so an aftersale caller waits; 1001 (presale) is idle.
    for (const c of [a3, a7]) command(c, 'busy', { name: 'setState', state: 'busy' });
    await a3.next((f) => f.type === 'ack' && f.id === 'busy');
    await a7.next((f) => f.type === 'ack' && f.id === 'busy');
    const admin = await loginFull(server, '2002');
    const before = await floor(admin.token);
    expect(before.agents.find((a) => a.id === '1003')).toMatchObject({ state: 'busy', connected: true, callId: null, role: 'agent', missedToday: 0 });
    expect(before.agents.find((a) => a.id === '2001')).toMatchObject({ role: 'supervisor' });
    expect(before.serviceLevelSeconds).toBe(20);

    const created = await post(`${server.url}/sim/calls`, { from: '13800138000', keys: '2' });
    const { callId } = (await created.json()) as { callId: string };
    let view = await floor(boss);
    for (let i = 0; i < 100 && !view.calls.some((c) => c.id === callId && c.phase === 'queued'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      view = await floor(boss);
    }
    expect(view.calls.find((c) => c.id === callId)).toMatchObject({ phase: 'queued', skillGroup: 'aftersale', agentId: null, number: '138****8000' });
    expect(view.queues.find((q) => q.name === 'aftersale')).toMatchObject({ waiting: 1, offeredToday: 1, answeredToday: 0, serviceLevel: null });

    // A busy agent or an unknown call: refused, nothing changes.
    const refused = await post(`${server.url}/supervisor/calls/${callId}/route`, { agentId: '1003' }, bearer(boss));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: 'agent_unavailable' });
    expect((await post(`${server.url}/supervisor/calls/nope/route`, { agentId: '1001' }, bearer(boss))).status).toBe(404);
    expect((await floor(boss)).calls.find((c) => c.id === callId)).toMatchObject({ phase: 'queued' });

    // Routed to 1001, outside the group: it rings there, 1001 answers, the group counts it answered within 20 s.
    expect((await post(`${server.url}/supervisor/calls/${callId}/route`, { agentId: '1001' }, bearer(boss))).status).toBe(200);
    await a1.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'ringing');
    const ringing = await floor(boss);
    expect(ringing.calls.find((c) => c.id === callId)).toMatchObject({ phase: 'ringing', agentId: '1001' });
    expect(ringing.agents.find((a) => a.id === '1001')).toMatchObject({ state: 'ringing', callId });
    command(a1, 'answer', { name: 'answer', callId });
    await a1.next((f) => f.type === 'ack' && f.id === 'answer');
    const answered = await floor(boss);
    expect(answered.calls.find((c) => c.id === callId)).toMatchObject({ phase: 'connected', agentId: '1001' });
    expect(answered.queues.find((q) => q.name === 'aftersale')).toMatchObject({ waiting: 0, answeredToday: 1, answeredInTimeToday: 1, serviceLevel: 1 });

    // The supervisor puts 1003 on a break: its own session follows.
    expect((await post(`${server.url}/supervisor/agents/1003/state`, { state: 'break' }, bearer(boss))).status).toBe(200);
    await a3.next((f) => f.type === 'agent' && f.agent.state === 'break');
    expect((await floor(boss)).agents.find((a) => a.id === '1003')).toMatchObject({ state: 'break' });
    expect((await post(`${server.url}/supervisor/agents/9999/state`, { state: 'idle' }, bearer(boss))).status).toBe(404);
    expect((await post(`${server.url}/supervisor/agents/1003/state`, { state: 'talking' }, bearer(boss))).status).toBe(400);
    expect(audit.events.filter((e) => e.outcome === 'allowed' && e.action.startsWith('supervisor-')).map((e) => [e.agentId, e.action, e.callId, e.reason])).toEqual([
      ['2001', 'supervisor-route-call', callId, `call ${callId} → agent 1001`],
      ['2001', 'supervisor-set-state', null, 'agent 1003 → break'],
    ]);
    for (const c of [a1, a3, a7]) c.ws.close();
  });
});
