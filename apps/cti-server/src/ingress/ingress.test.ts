import { MemoryAccountDirectory, demoAccounts } from '../accounts/memory';
import { startCtiServer, type CtiServer } from '../server/start';
import { connect, loginFull, post } from '../server/test-client';
import type { IngressEvent } from './ingress';

const SECRET = 'ingress-test-secret';
const TOKEN = 'pbx-token-0123456789-abcdefghijklmnop';

/** Follows `GET /ingress/events` (Server-Sent Events) and collects the events. */
function follow(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const events: IngressEvent[] = [];
  const done = (async () => {
    const res = await fetch(`${url}/ingress/events`, { headers: { authorization: `Bearer ${TOKEN}`, ...headers }, signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) return;
      buffer += decoder.decode(value, { stream: true });
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) events.push(JSON.parse(data.slice(6)) as IngressEvent);
      }
    }
  })().catch(() => undefined);
  return { events, stop: () => (controller.abort(), done) };
}

async function until(pred: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error('not in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('call ingress (production: the only way in for a call)', () => {
  let server: CtiServer;
  beforeAll(async () => {
    server = await startCtiServer({
      port: 0,
      host: '127.0.0.1',
      mode: 'production',
      tokenSecret: SECRET,
      accounts: new MemoryAccountDirectory({ tokenSecret: SECRET, accounts: demoAccounts() }),
      ingressToken: TOKEN,
      wrapUpMs: 50,
      listFlushMs: 20,
    });
  });
  afterAll(() => server.close());

  it('refuses requests without the PBX token; the simulator does not exist', async () => {
    expect((await post(`${server.url}/ingress/calls`, { from: '13800138000' })).status).toBe(401);
    expect((await post(`${server.url}/ingress/calls`, { from: '13800138000' }, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await post(`${server.url}/sim/calls`, { from: '13800138000' })).status).toBe(404);
    const bad = await post(`${server.url}/ingress/calls`, { from: 'x' }, { authorization: `Bearer ${TOKEN}` });
    expect(bad.status).toBe(400);
  });

  it('takes a call from the PBX, streams the call control (ring, bridge, survey, end), and takes the DTMF rating', async () => {
    const stream = follow(server.url);
    const { token } = await loginFull(server, '1005'); // finance
    const agent = await connect(server, token, '&topics=');
    await agent.next((f) => f.type === 'snapshot');
    const auth = { authorization: `Bearer ${TOKEN}` };
    const res = await post(`${server.url}/ingress/calls`, { from: '13800138000', keys: '3' }, auth);
    expect(res.status).toBe(200);
    const { callId } = (await res.json()) as { callId: string };
    // Ring agent 1005's phone.
    await until(() => stream.events.some((e) => e.type === 'call' && e.call.callId === callId && e.call.legs.some((l) => l.agentId === '1005' && l.status === 'ringing')));
    await agent.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'ringing');
    agent.ws.send(JSON.stringify({ type: 'command', id: 'a', command: { name: 'answer', callId } }));
    // Bridge it.
    await until(() => stream.events.some((e) => e.type === 'call' && e.call.callId === callId && e.call.phase === 'connected' && e.call.legs.some((l) => l.status === 'active')));
    agent.ws.send(JSON.stringify({ type: 'command', id: 'h', command: { name: 'hold', callId } }));
    await until(() => stream.events.some((e) => e.type === 'call' && e.call.callId === callId && e.call.held));
    agent.ws.send(JSON.stringify({ type: 'command', id: 'r', command: { name: 'resume', callId } }));
    agent.ws.send(JSON.stringify({ type: 'command', id: 's', command: { name: 'transferToSurvey', callId } }));
    await until(() => stream.events.some((e) => e.type === 'survey' && e.callId === callId));
    const dtmf = await post(`${server.url}/ingress/calls/${callId}/dtmf`, { digits: '5' }, auth);
    expect(await dtmf.json()).toEqual({ callId, done: true });
    await until(() => stream.events.some((e) => e.type === 'ended' && e.callId === callId));
    expect(server.records).toBeDefined();
    const status = await (await fetch(`${server.url}/ingress/calls/${callId}`, { headers: auth })).json();
    expect(status).toMatchObject({ phase: 'ended', rating: 5 });
    // In order, each once.
    const seqs = stream.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    await stream.stop();
    // A subscriber that resumes after an event gets exactly the ones after it.
    const middle = stream.events[Math.floor(stream.events.length / 2)]!.seq;
    const resumed = follow(server.url, { 'last-event-id': String(middle) });
    const expected = stream.events.filter((e) => e.seq > middle).map((e) => e.seq);
    await until(() => resumed.events.length >= expected.length);
    // (Later events, e.g. the end of wrap-up, may follow.)
    expect(resumed.events.slice(0, expected.length).map((e) => e.seq)).toEqual(expected);
    await resumed.stop();
    agent.ws.terminate();
  });

  it('reports the caller hanging up and an outbound callee answering', async () => {
    const stream = follow(server.url);
    const { token } = await loginFull(server, '1001');
    const agent = await connect(server, token, '&topics=');
    await agent.next((f) => f.type === 'snapshot');
    agent.ws.send(JSON.stringify({ type: 'command', id: 'o', command: { name: 'callOut', number: '13900000000' } }));
    const ack = await agent.next((f) => f.type === 'ack' && f.id === 'o');
    const callId = ack.type === 'ack' ? ack.result!.callId! : '';
    await until(() => stream.events.some((e) => e.type === 'dial' && e.callId === callId && e.number === '13900000000'));
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect(await (await post(`${server.url}/ingress/calls/${callId}/answer`, {}, auth)).json()).toEqual({ callId, done: true });
    await agent.next((f) => f.type === 'call' && f.call.id === callId && f.call.state === 'talking');
    expect(await (await post(`${server.url}/ingress/calls/${callId}/hangup`, {}, auth)).json()).toEqual({ callId, done: true });
    await until(() => stream.events.some((e) => e.type === 'ended' && e.callId === callId));
    await stream.stop();
    agent.ws.terminate();
  });
});
