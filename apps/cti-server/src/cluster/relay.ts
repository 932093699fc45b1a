// Agents' sockets on any node, one engine (docs/adr/0008 "Relay"): a follower terminates the agent's
// WebSocket itself and relays its frames to the leader over a Redis Stream; the leader's hub serves a
// stand-in socket and writes its frames to the follower's own stream. Every relayed frame carries a
// per-connection sequence number in each direction: a gap closes the connection (the client resyncs).
import { EventEmitter } from 'node:events';
import { CTI_CLOSE_CODES } from '@octopus/contracts';
import type { Redis } from 'ioredis';
import type { WebSocket } from 'ws';
import { errorSummary } from '../log';

/** Stream entries kept per stream (approximate trim): ample for seconds of a 10,000-agent floor's frames. */
const STREAM_MAXLEN = '200000';
/** A client that does not read is dropped (as the hub does on one node) once this much waits in its socket. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** A relayed connection's close code when the leader changed (WebSocket 1012 "service restart": reconnect). */
export const LEADER_CHANGED_CLOSE = 1012;
/** A relayed connection's close code when a frame went missing between nodes (1011: the client resyncs on reconnect). */
export const RELAY_GAP_CLOSE = 1011;

/** Keys of the relay streams under the floor's prefix. */
export const relayKeys = {
  /** What followers send the leader holding `lease` (opens, frames, pongs, closes). */
  inbound: (prefix: string, lease: string) => `${prefix}:relay:in:${lease}`,
  /** What the leader sends the sockets of node `nodeId`. */
  outbound: (prefix: string, nodeId: string) => `${prefix}:relay:out:${nodeId}`,
};

type Fields = Record<string, string>;

function toFields(raw: string[]): Fields {
  const f: Fields = {};
  for (let i = 0; i + 1 < raw.length; i += 2) f[raw[i]!] = raw[i + 1]!;
  return f;
}

/**
 * Reads one stream on a dedicated (blocking) connection until `stop()`; hands each entry's fields to
 * `onEntry` in stream order (Redis Streams keep the order the single writer appended in).
 * `from`: an entry ID, `'0'` (everything kept) or `'$'` (only what is appended after `started` resolves).
 * `'$'` is resolved once to the stream's current last ID and never sent to XREAD: a `$` re-sent after an
 * empty BLOCK, or sent after the writer already appended, would skip the entries in between.
 */
function readStream(
  redis: Redis,
  key: string,
  from: string,
  onEntry: (fields: Fields) => void,
  log: (m: string) => void,
): { stop: () => void; started: Promise<void> } {
  let stopped = false;
  let last = from;
  const resolveStart = async (): Promise<void> => {
    if (from !== '$') return;
    for (;;) {
      try {
        const top = (await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
        last = top[0]?.[0] ?? '0-0';
        return;
      } catch (error) {
        if (stopped) return;
        log(`relay start of ${key} failed: ${errorSummary(error)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  const started = resolveStart();
  const loop = async () => {
    await started;
    while (!stopped) {
      try {
        const reply = (await redis.xread('COUNT', 2000, 'BLOCK', 1000, 'STREAMS', key, last)) as Array<[string, Array<[string, string[]]>]> | null;
        if (!reply) continue;
        for (const [, entries] of reply) {
          for (const [id, raw] of entries) {
            last = id;
            try {
              onEntry(toFields(raw));
            } catch (error) {
              log(`relay entry failed: ${errorSummary(error)}`);
            }
          }
        }
      } catch (error) {
        if (stopped) return;
        log(`relay read of ${key} failed: ${errorSummary(error)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  void loop();
  return {
    started,
    stop: () => {
      stopped = true;
      redis.disconnect();
    },
  };
}

/**
 * The leader's stand-in for an agent's socket held by another node: the subset of `ws.WebSocket` the hub
 * uses. `send`/`close`/`terminate`/`ping` become entries on that node's stream, numbered per connection.
 */
export class RelayedSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  /** Back-pressure lives at the follower (its own socket); nothing is buffered here. */
  readonly bufferedAmount = 0;
  private out = 0;
  private live = false;
  private backlog: Array<() => void> = [];

  constructor(
    readonly conn: string,
    private readonly post: (fields: string[]) => void,
  ) {
    super();
  }

  send(data: string): void {
    if (this.readyState !== 1) return;
    this.post(['c', this.conn, 'n', String(++this.out), 'd', data]);
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState !== 1) return;
    this.post(['c', this.conn, 'n', String(++this.out), 'x', String(code), 'r', reason]);
    this.ended();
  }

  terminate(): void {
    if (this.readyState !== 1) return;
    this.post(['c', this.conn, 'n', String(++this.out), 'x', 'term']);
    this.ended();
  }

  /** The follower pings its client; the client's pong comes back as a `pong` event. */
  ping(): void {
    if (this.readyState !== 1) return;
    this.post(['c', this.conn, 'n', String(++this.out), 'p', '1']);
  }

  // Rate-limited connections are not paused here: the flood waits in Redis, and 4430 still closes it.
  pause(): void {}
  resume(): void {}

  /** The hub listens now: deliver what arrived while the connection was being authorised. */
  goLive(): void {
    this.live = true;
    for (const f of this.backlog.splice(0)) f();
  }

  /** A frame, pong or close from the follower. */
  deliver(kind: 'm' | 'b' | 'p' | 'x', data: string): void {
    const apply = () => {
      if (this.readyState !== 1) return;
      if (kind === 'm' || kind === 'b') this.emit('message', Buffer.from(data, 'utf8'), kind === 'b');
      else if (kind === 'p') this.emit('pong');
      else this.ended();
    };
    if (this.live) apply();
    else this.backlog.push(apply);
  }

  private ended(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    // As with `ws`, 'close' comes after the call that closed it returns.
    setImmediate(() => this.emit('close', 1006, Buffer.alloc(0)));
  }
}

export interface RelayHostOptions {
  prefix: string;
  /** The leader's lease value: its inbound stream's name. */
  lease: string;
  /** A connection for writes (shared). */
  redis: Redis;
  /** A fresh connection for the blocking reads (owned: disconnected on stop). */
  reader: Redis;
  /** Authorises and accepts a relayed socket as the engine's upgrade handler does for a direct one. */
  accept(ws: WebSocket, requestUrl: string): Promise<void>;
  log?: (message: string) => void;
}

/** The leader's side of the relay: reads its inbound stream and serves each relayed connection through the hub. */
export class RelayHost {
  private readonly sockets = new Map<string, { ws: RelayedSocket; node: string; inSeq: number }>();
  private readonly stopReading: () => void;
  readonly inbound: string;
  /** Relayed connections closed because a frame number was skipped (for tests and /health). */
  gaps = 0;

  constructor(private readonly options: RelayHostOptions) {
    const log = options.log ?? (() => undefined);
    this.inbound = relayKeys.inbound(options.prefix, options.lease);
    this.stopReading = readStream(options.reader, this.inbound, '0', (f) => this.onEntry(f), log).stop;
  }

  get connections(): number {
    return this.sockets.size;
  }

  private onEntry(f: Fields): void {
    const conn = f.c;
    if (!conn) return;
    if (f.o !== undefined) {
      const node = f.node ?? '';
      const out = relayKeys.outbound(this.options.prefix, node);
      const ws = new RelayedSocket(conn, (fields) => {
        void this.options.redis.xadd(out, 'MAXLEN', '~', STREAM_MAXLEN, '*', ...fields).catch(() => undefined);
      });
      this.sockets.set(conn, { ws, node, inSeq: 0 });
      ws.once('close', () => this.sockets.delete(conn));
      this.options.accept(ws as unknown as WebSocket, f.o).then(
        () => ws.goLive(),
        () => ws.terminate(),
      );
      return;
    }
    const entry = this.sockets.get(conn);
    if (!entry) return;
    const n = Number(f.n);
    if (n !== entry.inSeq + 1) {
      // A frame from the follower went missing (e.g. Redis lost data): drop the connection; the client resyncs.
      this.gaps++;
      entry.ws.close(RELAY_GAP_CLOSE, 'relay-gap');
      return;
    }
    entry.inSeq = n;
    if (f.d !== undefined) entry.ws.deliver('m', f.d);
    else if (f.b !== undefined) entry.ws.deliver('b', f.b);
    else if (f.p !== undefined) entry.ws.deliver('p', '');
    else if (f.x !== undefined) entry.ws.deliver('x', '');
  }

  stop(): void {
    this.stopReading();
    for (const { ws } of [...this.sockets.values()]) ws.deliver('x', '');
    this.sockets.clear();
  }
}

export interface RelayEdgeOptions {
  prefix: string;
  nodeId: string;
  redis: Redis;
  /** A fresh connection for the blocking reads (owned). */
  reader: Redis;
  log?: (message: string) => void;
}

interface EdgeConnection {
  ws: WebSocket;
  /** The lease of the leader this connection is relayed to. */
  lease: string;
  inbound: string;
  out: number;
  inSeq: number;
}

/**
 * A follower's side of the relay: holds agents' WebSockets and relays each to the current leader. When
 * the leader changes (`leaderChanged`) its connections are closed with 1012, and the clients reconnect —
 * to this node or another — and get their state from the new leader's snapshot.
 */
export class RelayEdge {
  private readonly conns = new Map<string, EdgeConnection>();
  private readonly stopReading: () => void;
  /** Resolves once this node reads its stream: nothing is sent to a leader before, so no reply can be missed. */
  private readonly started: Promise<void>;
  private readonly outbound: string;
  private next = 0;
  /** Connections closed because a frame number was skipped (for tests and /health). */
  gaps = 0;

  constructor(private readonly options: RelayEdgeOptions) {
    this.outbound = relayKeys.outbound(options.prefix, options.nodeId);
    const reading = readStream(options.reader, this.outbound, '$', (f) => this.onEntry(f), options.log ?? (() => undefined));
    this.stopReading = reading.stop;
    this.started = reading.started;
  }

  get connections(): number {
    return this.conns.size;
  }

  /** Keeps this node's stream from lingering after the node is gone (called on every election tick). */
  touch(ttlMs: number): void {
    void this.options.redis.pexpire(this.outbound, ttlMs).catch(() => undefined);
  }

  /** Relays an accepted WebSocket (`requestUrl`: its path and query, token included) to the leader holding `lease`. */
  attach(ws: WebSocket, requestUrl: string, lease: string): void {
    const conn = `${this.options.nodeId}.${(++this.next).toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
    const c: EdgeConnection = { ws, lease, inbound: relayKeys.inbound(this.options.prefix, lease), out: 0, inSeq: 0 };
    this.conns.set(conn, c);
    this.post(c, ['c', conn, 'o', requestUrl, 'node', this.options.nodeId]);
    ws.on('message', (data, isBinary) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
      // The hub refuses binary frames: it is told which they were.
      this.post(c, ['c', conn, 'n', String(++c.out), isBinary ? 'b' : 'd', text]);
    });
    ws.on('pong', () => this.post(c, ['c', conn, 'n', String(++c.out), 'p', '1']));
    ws.on('close', () => {
      if (!this.conns.has(conn)) return;
      this.conns.delete(conn);
      this.post(c, ['c', conn, 'n', String(++c.out), 'x', '1']);
    });
    ws.on('error', () => undefined);
  }

  /** The leader is no longer `lease`'s holder: close its connections so their clients reconnect and resync. */
  leaderChanged(currentLease: string | null): number {
    let n = 0;
    for (const [conn, c] of [...this.conns]) {
      if (c.lease === currentLease) continue;
      this.conns.delete(conn);
      c.ws.close(LEADER_CHANGED_CLOSE, 'leader-changed');
      n++;
    }
    return n;
  }

  private post(c: EdgeConnection, fields: string[]): void {
    // Chained on `started` (callbacks run in the order they were added, so frames keep their order).
    void this.started.then(() => this.options.redis.xadd(c.inbound, 'MAXLEN', '~', STREAM_MAXLEN, '*', ...fields)).catch(() => undefined);
  }

  private onEntry(f: Fields): void {
    const conn = f.c;
    const c = conn ? this.conns.get(conn) : undefined;
    if (!conn || !c) return;
    const n = Number(f.n);
    if (n !== c.inSeq + 1) {
      this.gaps++;
      this.conns.delete(conn);
      this.post(c, ['c', conn, 'n', String(++c.out), 'x', '1']);
      c.ws.close(RELAY_GAP_CLOSE, 'relay-gap');
      return;
    }
    c.inSeq = n;
    if (f.d !== undefined) {
      if (c.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        // The stand-in on the leader has no buffer to watch: the slow-consumer rule is applied here.
        this.conns.delete(conn);
        this.post(c, ['c', conn, 'n', String(++c.out), 'x', '1']);
        c.ws.close(CTI_CLOSE_CODES.slowConsumer, 'slow-consumer');
        return;
      }
      if (c.ws.readyState === c.ws.OPEN) c.ws.send(f.d);
    } else if (f.p !== undefined) {
      if (c.ws.readyState === c.ws.OPEN) c.ws.ping();
    } else if (f.x !== undefined) {
      this.conns.delete(conn);
      if (f.x === 'term') c.ws.terminate();
      else c.ws.close(Number(f.x), f.r ?? '');
    }
  }

  stop(): void {
    this.stopReading();
    for (const c of this.conns.values()) c.ws.terminate();
    this.conns.clear();
  }
}
