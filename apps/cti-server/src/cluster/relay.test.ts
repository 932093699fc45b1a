// The relay between a follower's socket and the leader's hub, over a throwaway Debian redis-server
// (skipped when it is not installed): order, per-connection numbering, gaps, leader change.
import { createServer, type Server } from 'node:http';
import { Redis } from 'ioredis';
import WebSocket, { WebSocketServer } from 'ws';
import { hasRedisServer, startThrowawayRedis, type ThrowawayRedis } from './test-redis';
import { LEADER_CHANGED_CLOSE, RELAY_GAP_CLOSE, RelayEdge, RelayHost, relayKeys, type RelayedSocket } from './relay';

const until = async (pred: () => boolean, what: string, timeoutMs = 10_000) => {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

(hasRedisServer() ? describe : describe.skip)('relay over Redis Streams', () => {
  let redisServer: ThrowawayRedis;
  let redis: Redis;
  let url = '';
  const prefix = 'relay-test';
  const lease = 'leader|http://127.0.0.1:1';
  let host: RelayHost;
  let edge: RelayEdge;
  let server: Server;
  let port = 0;
  const served: RelayedSocket[] = [];
  const received: string[] = [];

  beforeAll(async () => {
    redisServer = await startThrowawayRedis();
    url = redisServer.url;
    redis = new Redis(url, { maxRetriesPerRequest: 50, enableAutoPipelining: true });
    await until(() => redis.status === 'ready', 'redis');
    // The leader's side: a stand-in hub that echoes every frame back, numbered.
    host = new RelayHost({
      prefix,
      lease,
      redis,
      reader: redis.duplicate(),
      accept: async (ws, requestUrl) => {
        const socket = ws as unknown as RelayedSocket;
        served.push(socket);
        socket.send(JSON.stringify({ type: 'hello', url: requestUrl }));
        socket.on('message', (data: Buffer) => {
          received.push(String(data));
          socket.send(`echo ${String(data)}`);
        });
      },
    });
    edge = new RelayEdge({ prefix, nodeId: 'f1', redis, reader: redis.duplicate() });
    const wss = new WebSocketServer({ noServer: true });
    server = createServer();
    server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => edge.attach(ws, req.url ?? '/ws', lease)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    edge.stop();
    host.stop();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    redis.disconnect();
    redisServer.stop();
  });

  const open = async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=t`);
    const frames: string[] = [];
    let closed: number | null = null;
    ws.on('message', (d) => frames.push(String(d)));
    ws.on('close', (code) => (closed = code));
    await new Promise((r) => ws.once('open', r));
    return { ws, frames, closed: () => closed };
  };

  it('relays the open (path and query), every frame in order both ways, and the close', async () => {
    const c = await open();
    await until(() => c.frames.length === 1, 'hello');
    expect(JSON.parse(c.frames[0]!)).toEqual({ type: 'hello', url: '/ws?token=t' });
    for (let i = 0; i < 200; i++) c.ws.send(`f${i}`);
    await until(() => c.frames.length === 201, 'echoes');
    expect(c.frames.slice(1)).toEqual(Array.from({ length: 200 }, (_, i) => `echo f${i}`));
    expect(received.slice(-200)).toEqual(Array.from({ length: 200 }, (_, i) => `f${i}`));
    const socket = served[served.length - 1]!;
    let hubSawClose = false;
    socket.once('close', () => (hubSawClose = true));
    c.ws.close();
    await until(() => hubSawClose, 'the hub sees the close');
    expect(edge.connections).toBe(0);
  });

  it('a skipped entry number closes the connection with 1011 (the client resyncs) instead of going on', async () => {
    const c = await open();
    await until(() => c.frames.length === 1, 'hello');
    const socket = served[served.length - 1]!;
    // Entry 2 goes missing (as if Redis lost it); entry 3 arrives.
    await redis.xadd(relayKeys.outbound(prefix, 'f1'), '*', 'c', socket.conn, 'n', '3', 'd', 'after the hole');
    await until(() => c.closed() !== null, 'closed');
    expect(c.closed()).toBe(RELAY_GAP_CLOSE);
    expect(c.frames).not.toContain('after the hole');
  });

  it('a leader change closes the relayed connections with 1012 so their clients reconnect and resync', async () => {
    const c = await open();
    await until(() => c.frames.length === 1, 'hello');
    expect(edge.leaderChanged(lease)).toBe(0);
    expect(edge.leaderChanged('other|http://127.0.0.1:2')).toBe(1);
    await until(() => c.closed() !== null, 'closed');
    expect(c.closed()).toBe(LEADER_CHANGED_CLOSE);
  });

  it('a reply the leader writes before the follower\'s first blocking read is still delivered', async () => {
    // The follower's reader is slow to issue its first XREAD (a busy node, a slow connect): the leader's
    // hello lands in the stream before that read. Reading from '$' at that moment would skip it.
    const reader = redis.duplicate();
    const xread = reader.xread.bind(reader) as (...args: unknown[]) => Promise<unknown>;
    let first = true;
    (reader as unknown as { xread: (...args: unknown[]) => Promise<unknown> }).xread = async (...args: unknown[]) => {
      if (first) {
        first = false;
        await new Promise((r) => setTimeout(r, 700));
      }
      return xread(...args);
    };
    const slowEdge = new RelayEdge({ prefix, nodeId: 'f2', redis, reader });
    const wss = new WebSocketServer({ noServer: true });
    const slowServer = createServer();
    slowServer.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => slowEdge.attach(ws, req.url ?? '/ws', lease)));
    await new Promise<void>((r) => slowServer.listen(0, '127.0.0.1', () => r()));
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${(slowServer.address() as { port: number }).port}/ws?token=slow`);
      const frames: string[] = [];
      ws.on('message', (d) => frames.push(String(d)));
      await new Promise((r) => ws.once('open', r));
      await until(() => frames.length === 1, 'hello through the slow reader');
      expect(JSON.parse(frames[0]!)).toEqual({ type: 'hello', url: '/ws?token=slow' });
      ws.close();
    } finally {
      slowEdge.stop();
      slowServer.closeAllConnections();
      await new Promise((r) => slowServer.close(r));
    }
  });
});
