import { isDeepStrictEqual } from 'node:util';
import type { CtiCommand, LoginResponse } from '@octopus/contracts';
import { MemoryAccountDirectory, demoAccounts, startCtiServer, type CtiServer } from '../index';
import { type CommandError, createCtiDriver, type CtiDriver, TelephonyClient, type TelephonyStore, type WebSocketConstructor, type WebSocketLike } from '@octopus/telephony';
import WS from 'ws';
import { Prng } from '@octopus/prng';

const SECRET = 'telephony-test-secret';

async function login(url: string, agentId: string): Promise<LoginResponse> {
  const res = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agentId, password: 'octopus' }) });
  if (res.status !== 200) throw new Error(`login ${agentId}: ${res.status}`);
  return (await res.json()) as LoginResponse;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(pred: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (pred()) return true;
    await sleep(3);
  }
  return pred();
}

interface ChaosCounters {
  frames: number;
  duplicated: number;
  reordered: number;
  fuzzed: number;
}

/** A WebSocket that duplicates, swaps and injects malformed frames on the way in. */
function chaosSocket(random: () => number, counters: ChaosCounters, p: { dup: number; swap: number; fuzz: number }): WebSocketConstructor {
  const junk = (): string => {
    const kind = Math.floor(random() * 6);
    if (kind === 0) return '{"seq":' + '9'.repeat(Math.floor(random() * 5));
    if (kind === 1) return JSON.stringify([1, 2, 3]);
    if (kind === 2) return JSON.stringify({ seq: 5, type: 'teleport', call: {} });
    if (kind === 3) return JSON.stringify({ type: 'call', call: { id: 'x' } });
    if (kind === 4) return JSON.stringify({ seq: -1, type: 'agent', agent: null });
    return '\u0000\u0001garbage';
  };
  return class ChaosSocket implements WebSocketLike {
    onopen: WebSocketLike['onopen'] = null;
    onmessage: WebSocketLike['onmessage'] = null;
    onclose: WebSocketLike['onclose'] = null;
    onerror: WebSocketLike['onerror'] = null;
    private readonly inner: WS;
    private held: unknown = null;
    private heldTimer: ReturnType<typeof setTimeout> | null = null;

    constructor(url: string) {
      this.inner = new WS(url);
      this.inner.onopen = (e) => this.onopen?.(e);
      this.inner.onerror = (e) => this.onerror?.(e);
      this.inner.onclose = (e) => {
        this.release();
        this.onclose?.({ code: e.code, reason: e.reason });
      };
      this.inner.onmessage = (e) => this.deliver(e.data);
    }

    get readyState(): number {
      return this.inner.readyState;
    }

    send(data: string): void {
      this.inner.send(data);
    }

    close(code?: number, reason?: string): void {
      this.inner.close(code, reason);
    }

    terminate(): void {
      this.inner.terminate();
    }

    private emit(data: unknown): void {
      this.onmessage?.({ data });
    }

    private release(): void {
      if (this.heldTimer) clearTimeout(this.heldTimer);
      this.heldTimer = null;
      if (this.held !== null) {
        const h = this.held;
        this.held = null;
        this.emit(h);
      }
    }

    private deliver(data: unknown): void {
      counters.frames++;
      const r = random();
      if (r < p.dup) {
        counters.duplicated++;
        this.emit(data);
        this.emit(data);
        this.release();
      } else if (r < p.dup + p.swap && this.held === null) {
        counters.reordered++;
        this.held = data; // delivered after the next frame
        this.heldTimer = setTimeout(() => this.release(), 15);
      } else {
        this.emit(data);
        this.release();
      }
      if (random() < p.fuzz) {
        counters.fuzzed++;
        this.emit(junk());
      }
    }
  };
}

interface Client {
  id: string;
  telephony: TelephonyClient;
  store: TelephonyStore;
  driver: CtiDriver;
  stop: () => void;
}

describe('telephony client + store against a real cti-server on loopback', () => {
  let server: CtiServer;
  const clients: Client[] = [];

  beforeAll(async () => {
    server = await startCtiServer({
      port: 0,
      host: '127.0.0.1',
      mode: 'test',
      tokenSecret: SECRET,
      // Only two presale agents, so every call lands on one of the clients under test.
      accounts: new MemoryAccountDirectory({ tokenSecret: SECRET, accounts: demoAccounts().filter((a) => a.id === '1001' || a.id === '1002') }),
      ringTimeoutMs: 1500,
      wrapUpMs: 20,
      reconnectGraceMs: 10_000,
      listFlushMs: 10,
    });
  });
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    for (const id of ['1001', '1002']) tokens.set(id, (await login(server.url, id)).token);
  });
  afterAll(async () => {
    for (const c of clients) c.stop();
    await server.close();
  });

  function client(id: string, random: () => number, WebSocket: WebSocketConstructor = WS as unknown as WebSocketConstructor): Client {
    const token = tokens.get(id)!;
    const telephony = new TelephonyClient();
    const store = telephony.store;
    const driver = createCtiDriver({ url: server.url, token, WebSocket, heartbeatMs: 2000, commandTimeoutMs: 1500, backoff: { initialMs: 5, maxMs: 40 }, random });
    const stop = telephony.connect(driver);
    const c = { id, telephony, store, driver, stop };
    clients.push(c);
    return c;
  }

  /** The store equals what the server would put in a fresh snapshot for this agent. */
  function matchesServer(c: Client): boolean {
    const truth = server.engine.snapshotFor(c.id);
    const s = c.store.getState();
    if (!isDeepStrictEqual(s.agent, truth.agent)) return false;
    const live = s.callIds
      .map((id) => s.calls.get(id)!)
      .filter((call) => call.state !== 'ended')
      .map(({ from: _from, ...view }) => view)
      .sort((a, b) => a.id.localeCompare(b.id));
    const expected = [...truth.calls].sort((a, b) => a.id.localeCompare(b.id));
    return isDeepStrictEqual(live, expected);
  }

  async function send(c: Client, command: CtiCommand, drop: boolean): Promise<boolean> {
    for (let attempt = 0; attempt < 30; attempt++) {
      const pending = c.telephony.actions.send(command);
      if (drop && attempt === 0) c.driver.dropConnection(); // drop with the command in flight
      try {
        await pending;
        return true;
      } catch (error) {
        const reason = (error as CommandError).reason;
        if (reason === 'offline' || reason === 'connection-lost' || reason === 'timeout') {
          await until(() => c.store.getState().connection === 'connected', 2000);
          continue;
        }
        return false; // the server said no (the call moved on meanwhile)
      }
    }
    return false;
  }

  function ownerOf(callId: string, state?: string): string | null {
    for (const id of ['1001', '1002']) {
      const view = server.engine.snapshotFor(id).calls.find((c) => c.id === callId && c.role === 'owner');
      if (view && (!state || view.state === state)) return id;
    }
    return null;
  }

  async function runCalls(list: Client[], random: () => number, calls: number, dropRate: number): Promise<{ mismatches: number; drops: number; calls: number }> {
    const byId = new Map(list.map((c) => [c.id, c]));
    let drops = 0;
    let mismatches = 0;
    const maybeDrop = () => {
      if (random() < dropRate) {
        drops++;
        list[Math.floor(random() * list.length)]!.driver.dropConnection();
      }
    };
    for (let i = 0; i < calls; i++) {
      await until(() => list.every((c) => c.store.getState().agent?.state === 'idle'), 3000);
      const from = `139${String(10_000_000 + Math.floor(random() * 89_999_999)).slice(0, 8)}`;
      const callId = server.simulator!.createCall({ from, skillGroup: 'presale' });
      maybeDrop();
      await until(() => ownerOf(callId, 'ringing') !== null, 3000);
      const scenario = Math.floor(random() * 6);
      const owner = ownerOf(callId, 'ringing');
      if (owner && scenario !== 5) {
        const c = byId.get(owner)!;
        const other = list.find((x) => x !== c)!;
        const dropInFlight = () => random() < dropRate;
        if (dropInFlight()) drops++;
        await send(c, { name: 'answer', callId }, dropInFlight());
        maybeDrop();
        if (scenario === 1) {
          await send(c, { name: 'hold', callId }, false);
          maybeDrop();
          await send(c, { name: 'resume', callId }, false);
        } else if (scenario === 2) {
          const d = dropInFlight();
          if (d) drops++;
          if (await send(c, { name: 'transfer', callId, target: { kind: 'agent', agentId: other.id } }, d)) {
            maybeDrop();
            if (random() < 0.5) await send(c, { name: 'cancelTransfer', callId }, false);
            else await send(other, { name: 'answer', callId }, false);
          }
        } else if (scenario === 3) {
          if (await send(c, { name: 'consult', callId, target: { kind: 'agent', agentId: other.id } }, false)) {
            maybeDrop();
            await send(other, { name: 'answer', callId }, false);
            await send(c, { name: random() < 0.5 ? 'consultReturn' : 'consultConference', callId }, false);
          }
        } else if (scenario === 4) {
          await send(c, { name: 'mute', callId }, false);
          maybeDrop();
        }
        maybeDrop();
      }
      // End the call from whichever side is convenient.
      if (random() < 0.5) server.simulator!.hangup(callId);
      else {
        for (const id of ['1001', '1002']) {
          const view = server.engine.snapshotFor(id).calls.find((x) => x.id === callId && x.state !== 'wrap-up');
          if (view) await send(byId.get(id)!, { name: 'hangup', callId }, false);
        }
        server.simulator!.hangup(callId);
      }
      maybeDrop();
      await until(() => list.every((c) => c.store.getState().connection === 'connected'), 3000);
      if (!(await until(() => list.every(matchesServer), 3000))) {
        mismatches++;
        for (const c of list) if (!matchesServer(c)) console.error(`mismatch for ${c.id} after call ${i} (scenario ${scenario})`, JSON.stringify(c.store.getState().agent), JSON.stringify(server.engine.snapshotFor(c.id).agent));
      }
      // Make sure no state is stuck (a call in wrap-up ends by itself).
      for (const c of list) await send(c, { name: 'setState', state: 'idle' }, false);
    }
    return { mismatches, drops, calls };
  }

  it('converges to the server truth after connections drop at random points over many calls (seeded)', async () => {
    const prng = new Prng(1234);
    const random = () => prng.next();
    const a = client('1001', random);
    const b = client('1002', random);
    await until(() => a.store.getState().connection === 'connected' && b.store.getState().connection === 'connected');
    const result = await runCalls([a, b], random, 40, 0.3);
    const reconnects = a.driver.stats.connects + b.driver.stats.connects - 2;
    console.log(`reconnect chaos: ${result.calls} calls, ${result.drops} connections dropped, ${reconnects} reconnects, ${a.driver.stats.snapshots + b.driver.stats.snapshots} snapshots, mismatches: ${result.mismatches}`);
    expect(result.drops).toBeGreaterThan(10);
    expect(reconnects).toBeGreaterThan(10);
    expect(result.mismatches).toBe(0);
    a.stop();
    b.stop();
    clients.length = 0;
    await sleep(50);
  }, 60_000);

  it('stays correct with duplicated, reordered and malformed frames', async () => {
    const prng = new Prng(777);
    const random = () => prng.next();
    const counters: ChaosCounters = { frames: 0, duplicated: 0, reordered: 0, fuzzed: 0 };
    const Chaos = chaosSocket(random, counters, { dup: 0.15, swap: 0.1, fuzz: 0.15 });
    const a = client('1001', random, Chaos);
    const b = client('1002', random, Chaos);
    await until(() => a.store.getState().connection === 'connected' && b.store.getState().connection === 'connected');
    const result = await runCalls([a, b], random, 25, 0.1);
    const stats = [a.driver.stats, b.driver.stats];
    const invalid = stats.reduce((n, s) => n + s.framesInvalid, 0);
    const dups = stats.reduce((n, s) => n + s.duplicates, 0);
    const gaps = stats.reduce((n, s) => n + s.gaps, 0);
    console.log(
      `frame chaos: ${counters.frames} frames, ${counters.duplicated} duplicated, ${counters.reordered} reordered, ${counters.fuzzed} malformed injected; ` +
        `client saw ${dups} duplicates, ${gaps} gaps (→ ${stats.reduce((n, s) => n + s.resyncs, 0)} resyncs), ${invalid} invalid frames; mismatches: ${result.mismatches}`,
    );
    expect(counters.duplicated).toBeGreaterThan(10);
    expect(counters.reordered).toBeGreaterThan(5);
    expect(invalid).toBe(counters.fuzzed);
    expect(result.mismatches).toBe(0);
  }, 60_000);
});
