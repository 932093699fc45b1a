import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoginResponse } from '@octopus/contracts';
import { MemoryAccountDirectory, demoAccounts, startCtiServer, type CtiServer } from '../index';
import { createCtiDriver, TelephonyClient, type WebSocketConstructor } from '@octopus/telephony';
import WS from 'ws';

const SECRET = 'telephony-restart-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(pred: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!pred()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(10);
  }
  return Date.now() - started;
}

describe('telephony client across a cti-server restart on its journal', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'telephony-restart-'));
  // Sessions live in the api in production; one directory for both server instances plays that part.
  const accounts = new MemoryAccountDirectory({ tokenSecret: SECRET, accounts: demoAccounts().filter((a) => a.id === '1001') });
  const options = { host: '127.0.0.1', mode: 'test' as const, tokenSecret: SECRET, accounts, dataDir, ringTimeoutMs: 20_000, reconnectGraceMs: 30_000, listFlushMs: 20 };
  let server: CtiServer | null = null;
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gets its talking call and state back from the restarted server, same epoch, nothing lost or applied twice', async () => {
    server = await startCtiServer({ ...options, port: 0 });
    const port = server.port;
    const res = await fetch(`${server.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agentId: '1001', password: 'octopus' }) });
    const { token } = (await res.json()) as LoginResponse;
    const client = new TelephonyClient();
    const store = client.store;
    const driver = createCtiDriver({ url: server.url, token, WebSocket: WS as unknown as WebSocketConstructor, backoff: { initialMs: 50, maxMs: 200 } });
    const stop = client.connect(driver);
    try {
      await until(() => store.getState().agent?.state === 'idle', 3000);
      const callId = server.simulator!.createCall({ from: '13800138000', skillGroup: 'presale' });
      await until(() => store.getState().calls.get(callId)?.state === 'ringing', 3000);
      await client.actions.send({ name: 'answer', callId });
      await client.actions.send({ name: 'hold', callId });
      await client.actions.send({ name: 'setState', state: 'break' });
      const before = { agent: store.getState().agent, call: store.getState().calls.get(callId) };
      const epoch = server.engine.epoch;

      await server.close();
      server = await startCtiServer({ ...options, port });
      const answeredAt = Date.now();
      expect(server.engine.epoch).toBe(epoch);
      await until(() => store.getState().connection === 'connected' && driver.stats.snapshots >= 2, 5000);
      expect(Date.now() - answeredAt).toBeLessThan(5000);
      const truth = server.engine.snapshotFor('1001');
      expect(store.getState().agent).toEqual(truth.agent);
      expect(store.getState().calls.get(callId)).toMatchObject({ state: 'held', rev: truth.calls[0]!.rev });
      expect(store.getState().agent).toMatchObject({ state: 'talking', nextState: 'break' });
      expect(before.call).toMatchObject({ state: 'held' });
      expect(before.agent).toMatchObject({ nextState: 'break' });
      // Live again: the next change arrives and is applied once.
      await client.actions.send({ name: 'resume', callId });
      await until(() => store.getState().calls.get(callId)?.state === 'talking', 2000);
      expect(store.getState().calls.get(callId)!.rev).toBe(server.engine.snapshotFor('1001').calls[0]!.rev);
    } finally {
      stop();
    }
  }, 20_000);
});
