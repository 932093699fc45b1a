// The leader lease is kept by a worker thread, not the engine's event loop: a busy engine (10,000 agents
// reconnecting, a burst of calls) that stalls for a few seconds keeps its lease, while a dead process
// (kill -9) loses it within `leaseMs` as before. A main thread stalled past `stallMs` is treated as dead:
// the worker stops renewing and the lease runs out (docs/adr/0008, failure cases).
import { Worker } from 'node:worker_threads';

/** Extends the lease only while it is still ours. */
export const RENEW_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
/** Replaces the lease value (same owner) — to publish the leader's URL once it listens. */
export const SWAP_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end`;

// Plain JavaScript run with `eval: true` (the bundled build has no separate worker file); builtins only,
// with a minimal RESP client: one command at a time, integer / status / error replies.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const tls = require('node:tls');
const { url, key, leaseMs, stallMs, renewScript, swapScript, clock } = workerData;
// null while this node holds no lease (the worker is started ahead, so holding one costs no start-up).
let value = null;
let generation = 0;
const lastTick = new Float64Array(clock);
const u = new URL(url);
let socket = null, buffer = '', waiting = [], stopped = false;
const encode = (args) => '*' + args.length + '\\r\\n' + args.map((a) => { const s = String(a); return '$' + Buffer.byteLength(s) + '\\r\\n' + s + '\\r\\n'; }).join('');
function connect() {
  return new Promise((resolve, reject) => {
    const opts = { host: u.hostname || '127.0.0.1', port: Number(u.port || 6379) };
    const s = u.protocol === 'rediss:' ? tls.connect({ ...opts, servername: opts.host }) : net.connect(opts);
    s.setNoDelay(true);
    s.once(u.protocol === 'rediss:' ? 'secureConnect' : 'connect', async () => {
      socket = s;
      try {
        if (u.password) await command(u.username ? ['AUTH', decodeURIComponent(u.username), decodeURIComponent(u.password)] : ['AUTH', decodeURIComponent(u.password)]);
        const db = u.pathname.replace('/', '');
        if (db) await command(['SELECT', db]);
        resolve();
      } catch (e) { reject(e); }
    });
    s.on('data', (d) => {
      buffer += d.toString('utf8');
      let i;
      while ((i = buffer.indexOf('\\r\\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const w = waiting.shift();
        if (!w) continue;
        if (line[0] === '-') w.reject(new Error(line.slice(1)));
        else w.resolve(line[0] === ':' ? Number(line.slice(1)) : line.slice(1));
      }
    });
    const fail = (e) => { if (socket === s) socket = null; for (const w of waiting.splice(0)) w.reject(e || new Error('closed')); reject(e || new Error('closed')); };
    s.on('error', fail);
    s.on('close', () => fail());
  });
}
function command(args) {
  return new Promise((resolve, reject) => {
    waiting.push({ resolve, reject });
    socket.write(encode(args));
  });
}
async function run(args) {
  if (!socket) { buffer = ''; await connect(); }
  return command(args);
}
let busy = false;
async function renew() {
  if (stopped || busy || value === null) return;
  const held = generation;
  // The engine's thread has not ticked for stallMs: treat it as dead and let the lease run out.
  const silent = Date.now() - lastTick[0];
  if (silent > stallMs) { parentPort.postMessage({ type: 'note', message: 'the engine thread has not run for ' + silent + ' ms: the lease is not renewed' }); return; }
  busy = true;
  const sent = Date.now();
  try {
    const r = await run(['EVAL', renewScript, '1', key, value, String(leaseMs)]);
    const took = Date.now() - sent;
    if (took > leaseMs / 3) parentPort.postMessage({ type: 'note', message: 'a lease renewal took ' + took + ' ms (Redis or this machine is overloaded)' });
    if (r !== 1 && held === generation && value !== null) { value = null; parentPort.postMessage({ type: 'lost', generation: held }); }
  } catch (e) {
    // Redis unreachable: try again next time; the lease may run out meanwhile (then the next renewal says so).
    parentPort.postMessage({ type: 'note', message: 'a lease renewal failed: ' + (e && e.message) });
  } finally { busy = false; }
}
const timer = setInterval(renew, Math.max(100, Math.floor(leaseMs / 3)));
parentPort.on('message', async (m) => {
  if (m.type === 'hold') {
    value = m.value;
    generation = m.generation;
    renew();
  }
  if (m.type === 'release') {
    const was = value;
    value = null;
    generation = m.generation;
    if (m.del && was !== null) { try { await run(['EVAL', "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end", '1', key, was]); } catch (e) {} }
    parentPort.postMessage({ type: 'released' });
  }
  if (m.type === 'swap') {
    busy = true;
    try {
      const r = await run(['EVAL', swapScript, '1', key, value, m.next, String(leaseMs)]);
      if (r === 1) value = m.next;
      parentPort.postMessage({ type: 'swapped', ok: r === 1 });
    } catch (e) { parentPort.postMessage({ type: 'swapped', ok: false }); }
    finally { busy = false; }
  }
  if (m.type === 'stop') {
    stopped = true;
    clearInterval(timer);
    if (socket) socket.destroy();
    parentPort.postMessage({ type: 'stopped' });
  }
});
`;

export interface LeaseKeeperOptions {
  redisUrl: string;
  key: string;
  leaseMs: number;
  /** A main thread that has not ticked for this long (ms) is treated as dead. Default 4 × `leaseMs`. */
  stallMs?: number;
  /** Why the lease may be at risk (a slow or failed renewal, a stalled engine thread). */
  log?: (message: string) => void;
}

export interface LeaseKeeper {
  /** Starts renewing `value` (this node just took the lease with `SET NX`); `onLost` when it is gone. */
  hold(value: string, onLost: () => void): void;
  /** Replaces the held value (still ours) with `next`; false when the lease was no longer ours. */
  swap(next: string): Promise<boolean>;
  /** Stops renewing; `del` deletes the lease at once (a graceful hand-over). */
  release(del: boolean): Promise<void>;
  /** Ends the worker. */
  close(): Promise<void>;
}

/**
 * A lease keeper: its worker thread is started now, idle, so that taking a lease later renews it at
 * once (starting a worker on a loaded machine took longer than a 3 s lease).
 */
export function createLeaseKeeper(options: LeaseKeeperOptions): LeaseKeeper {
  const clock = new SharedArrayBuffer(8);
  const lastTick = new Float64Array(clock);
  lastTick[0] = Date.now();
  const tick = setInterval(() => (lastTick[0] = Date.now()), 100);
  tick.unref();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      url: options.redisUrl,
      key: options.key,
      leaseMs: options.leaseMs,
      stallMs: options.stallMs ?? options.leaseMs * 4,
      renewScript: RENEW_SCRIPT,
      swapScript: SWAP_SCRIPT,
      clock,
    },
  });
  worker.unref();
  let generation = 0;
  let onLost: (() => void) | null = null;
  let closed = false;
  worker.on('message', (m: { type: string; message?: string; generation?: number }) => {
    if (m.type === 'lost' && m.generation === generation && onLost) {
      const lost = onLost;
      onLost = null;
      lost();
    }
    if (m.type === 'note') options.log?.(`lease: ${m.message ?? ''}`);
  });
  worker.on('error', (error) => {
    options.log?.(`lease keeper failed: ${error.message}`);
    const lost = onLost;
    onLost = null;
    lost?.();
  });
  const reply = <T>(type: string, timeoutMs = 5000) =>
    new Promise<T | null>((resolve) => {
      const timer = setTimeout(() => {
        worker.off('message', on);
        resolve(null);
      }, timeoutMs);
      const on = (m: { type: string }) => {
        if (m.type !== type) return;
        clearTimeout(timer);
        worker.off('message', on);
        resolve(m as T);
      };
      worker.on('message', on);
    });
  return {
    hold(value, lost) {
      generation++;
      onLost = lost;
      worker.postMessage({ type: 'hold', value, generation });
    },
    async swap(next) {
      const answer = reply<{ ok: boolean }>('swapped');
      worker.postMessage({ type: 'swap', next });
      return (await answer)?.ok ?? false;
    },
    async release(del) {
      generation++;
      onLost = null;
      if (closed) return;
      const done = reply('released', 1000);
      worker.postMessage({ type: 'release', del, generation });
      await done;
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(tick);
      const done = reply('stopped', 1000);
      worker.postMessage({ type: 'stop' });
      await done;
      await worker.terminate();
    },
  };
}

/** A keeper that holds `value` from now on (tests; nodes use `createLeaseKeeper` ahead of time). */
export function keepLease(options: LeaseKeeperOptions & { value: string; onLost: () => void }): { swap(next: string): Promise<boolean>; stop(release: boolean): Promise<void> } {
  const keeper = createLeaseKeeper(options);
  keeper.hold(options.value, options.onLost);
  return {
    swap: (next) => keeper.swap(next),
    async stop(release) {
      await keeper.release(release);
      await keeper.close();
    },
  };
}
