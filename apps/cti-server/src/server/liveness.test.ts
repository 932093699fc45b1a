import { startCtiServer, type CtiServer } from './start';
import { connect, loginFull, post } from './test-client';

const SECRET = 'liveness-test-secret';

async function waitFor(pred: () => boolean, timeoutMs: number, stepMs = 50): Promise<number> {
  const started = Date.now();
  while (!pred()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return Date.now() - started;
}

describe('liveness with the default heartbeat', () => {
  let server: CtiServer;
  beforeAll(async () => {
    server = await startCtiServer({ port: 0, host: '127.0.0.1', mode: 'test', tokenSecret: SECRET, listFlushMs: 20, reconnectGraceMs: 60_000 });
  });
  afterAll(() => server.close());

  it('tells clients to ping every 1.5 s; a silent connection is not offered calls within 3 s and is dropped within 5 s', async () => {
    const { token } = await loginFull(server, '1005'); // finance only
    const c = await connect(server, token);
    const snap = await c.next((f) => f.type === 'snapshot');
    if (snap.type !== 'snapshot') throw new Error();
    expect(snap.config.heartbeatMs).toBe(1500);
    // The connection goes silent without closing: nothing read, so no pong and no frame.
    const socket = (c.ws as unknown as { _socket: { pause(): void } })._socket;
    const silentAt = Date.now();
    socket.pause();
    await waitFor(() => server.engine.agentList().find((a) => a.id === '1005')!.connected && server.engine.snapshotFor('1005').agent.state === 'idle', 100);
    await new Promise((r) => setTimeout(r, 3000));
    const res = await post(`${server.url}/sim/calls`, { from: '13800138000', skillGroup: 'finance' });
    const { callId } = (await res.json()) as { callId: string };
    await new Promise((r) => setTimeout(r, 100));
    expect(server.engine.callStatus(callId)).toMatchObject({ phase: 'queued' });
    await waitFor(() => server.hub.sessionCount === 0, 5000 - (Date.now() - silentAt));
    expect(Date.now() - silentAt).toBeLessThanOrEqual(5000);
    // Within the grace period the agent keeps its chosen state; the ring it never heard did not make it Busy.
    expect(server.engine.snapshotFor('1005').agent).toMatchObject({ chosenState: 'idle' });
    c.ws.terminate();
  }, 15_000);
});
