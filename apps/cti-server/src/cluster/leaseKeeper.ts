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
let value = workerData.value;
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
  if (stopped || busy) return;
  // The engine's thread has not ticked for stallMs: treat it as dead and let the lease run out.
  const silent = Date.now() - lastTick[0];
  if (silent > stallMs) { parentPort.postMessage({ type: 'note', message: 'the engine thread has not run for ' + silent + ' ms: the lease is not renewed' }); return; }
  busy = true;
  const sent = Date.now();
  try {
    const r = await run(['EVAL', renewScript, '1', key, value, String(leaseMs)]);
    const took = Date.now() - sent;
    if (took > leaseMs / 3) parentPort.postMessage({ type: 'note', message: 'a lease renewal took ' + took + ' ms (Redis or this machine is overloaded)' });
    if (r !== 1) { stopped = true; parentPort.postMessage({ type: 'lost' }); }
  } catch (e) {
    // Redis unreachable: try again next time; the lease may run out meanwhile (then the next renewal says so).
    parentPort.postMessage({ type: 'note', message: 'a lease renewal failed: ' + (e && e.message) });
  } finally { busy = false; }
}
const timer = setInterval(renew, Math.max(100, Math.floor(leaseMs / 3)));
parentPort.on('message', async (m) => {
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
    if (m.release && socket) { try { await run(['EVAL', "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end", '1', key, value]); } catch (e) {} }
    if (socket) socket.destroy();
    parentPort.postMessage({ type: 'stopped' });
  }
});
`;

export interface LeaseKeeperOptions {
  redisUrl: string;
  key: string;
  /** The lease value this node holds now (it took the lease with `SET NX`). */
  value: string;
  leaseMs: number;
  /** A main thread that has not ticked for this long (ms) is treated as dead. Default 4 × `leaseMs`. */
  stallMs?: number;
  /** The lease is gone (another node holds it, or it ran out): stop leading. */
  onLost: () => void;
  /** Why the lease may be at risk (a slow or failed renewal, a stalled engine thread). */
  log?: (message: string) => void;
}

export interface LeaseKeeper {
  /** Replaces the lease value (still ours) with `next`; false when the lease was no longer ours. */
  swap(next: string): Promise<boolean>;
  /** Stops renewing; `release` deletes the lease at once (a graceful hand-over). */
  stop(release: boolean): Promise<void>;
}

/** Keeps `key` = `value` alive in Redis from a worker thread (see the file comment). */
export function keepLease(options: LeaseKeeperOptions): LeaseKeeper {
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
      value: options.value,
      leaseMs: options.leaseMs,
      stallMs: options.stallMs ?? options.leaseMs * 4,
      renewScript: RENEW_SCRIPT,
      swapScript: SWAP_SCRIPT,
      clock,
    },
  });
  worker.unref();
  let stopped = false;
  worker.on('message', (m: { type: string; message?: string }) => {
    if (m.type === 'lost' && !stopped) options.onLost();
    if (m.type === 'note') options.log?.(`lease: ${m.message ?? ''}`);
  });
  worker.on('error', () => {
    if (!stopped) options.onLost();
  });
  const reply = <T>(type: string) => new Promise<T>((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      worker.off('message', on);
      resolve(m as T);
    };
    worker.on('message', on);
  });
  return {
    async swap(next) {
      const answer = reply<{ ok: boolean }>('swapped');
      worker.postMessage({ type: 'swap', next });
      return (await answer).ok;
    },
    async stop(release) {
      if (stopped) return;
      stopped = true;
      clearInterval(tick);
      const done = reply('stopped');
      worker.postMessage({ type: 'stop', release });
      await Promise.race([done, new Promise((r) => setTimeout(r, 1000))]);
      await worker.terminate();
    },
  };
}
