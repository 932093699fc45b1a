import { randomBytes } from 'node:crypto';
import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorBody } from '@octopus/contracts';
import httpProxy from 'http-proxy';
import { Redis } from 'ioredis';
import { WebSocketServer } from 'ws';
import { MemoryAccountDirectory, type MemorySession } from '../accounts/memory';
import { errorSummary } from '../log';
import { originPolicy, startCtiServer, type CtiServer, type CtiServerOptions } from '../server/start';
import { RedisStateStore, redisKeys } from './redisStore';
import { createLeaseKeeper } from './leaseKeeper';
import { RelayEdge, RelayHost } from './relay';

/** A follower's answer while no leader holds the lease (503 with `Retry-After: 1`): the one `ErrorBody`. */
const NO_LEADER = JSON.stringify(errorBody('no_leader', 'the telephony floor is electing a leader: retry'));

export interface ClusterNodeOptions {
  /** `redis://…` or `redis+unix:` style URL understood by ioredis. */
  redisUrl: string;
  /** Key prefix shared by the nodes of one floor. Default `octopus:cti`. */
  prefix?: string;
  /** Public port (HTTP + WebSocket) this node answers on; 0 picks one. */
  port: number;
  host?: string;
  /** Host other nodes reach this node's engine on when it leads. Default `127.0.0.1`. */
  advertiseHost?: string;
  /** This node's id (logs, lease). Default random. */
  nodeId?: string;
  /** How long a lease lives without renewal, ms (renewed every third of it, from a worker thread). Default 3000. */
  leaseMs?: number;
  /**
   * A leader whose event loop has not run for this long (ms) stops renewing its lease (treated as dead);
   * shorter stalls (a burst, a reconnect storm) keep it. Default 4 × `leaseMs`.
   */
  stallMs?: number;
  /** What the engine server is started with when this node leads (its port/host/state are set here). */
  server: CtiServerOptions;
  /** Called when this node lost the lease while leading; default exits the process (its supervisor restarts it). */
  onDeposed?: () => void;
  log?: (message: string) => void;
}

export interface ClusterNode {
  readonly nodeId: string;
  readonly url: string;
  readonly port: number;
  /** The engine server while this node leads, else null. */
  readonly leader: CtiServer | null;
  /** Agents' sockets this node holds and relays to another node's engine. */
  readonly relayed: number;
  close(): Promise<void>;
}

/**
 * One cti-server node of a Redis-backed floor (see docs/adr/0008): the nodes elect one leader with a
 * Redis lease; the leader runs the engine, journalling every step to Redis (fenced by the lease). Any
 * node accepts any agent: a follower holds the agent's WebSocket itself and relays it over Redis Streams
 * to the leader's hub (`RelayEdge` / `RelayHost`); HTTP (login, simulator, ingress) is proxied to the
 * leader. When the leader dies its lease expires (≤ `leaseMs`), another node restores the state from
 * Redis and leads; followers close the sockets they relayed to the old leader (1012) and agents
 * reconnect (to any node) and get their calls, states and queue positions back. Without an api the
 * demo accounts' sessions are kept in Redis too, so a token outlives the leader that issued it.
 * `GET /cluster/node` is answered by the node itself: `{ nodeId, leader, leading, relayed }`.
 */
export async function startClusterNode(options: ClusterNodeOptions): Promise<ClusterNode> {
  const log = options.log ?? (() => undefined);
  const nodeId = options.nodeId ?? randomBytes(4).toString('hex');
  const keys = redisKeys(options.prefix ?? 'octopus:cti');
  const leaseMs = options.leaseMs ?? 3000;
  // Auto-pipelining: the relay's and the journal's writes of one tick go out as one batch, in order.
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, enableAutoPipelining: true });

  let lease = '';
  /** Renews the lease from a worker thread while this node leads (a stalled engine keeps it; a dead one does not). */
  const keeper = createLeaseKeeper({ redisUrl: options.redisUrl, key: keys.leader, leaseMs, ...(options.stallMs !== undefined && { stallMs: options.stallMs }), log });
  let leader: CtiServer | null = null;
  let leaderTarget: string | null = null;
  /** The current leader's lease value (`<node>|<url>`), as last read. */
  let leaderLease: string | null = null;
  let host: RelayHost | null = null;
  const edge = new RelayEdge({ prefix: keys.prefix, nodeId, redis, reader: redis.duplicate(), log });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const allowedOrigin = originPolicy(options.server.corsOrigins ?? []);
  const sessionsKey = `${keys.prefix}:sessions`;
  const sharedSessions = !options.server.apiUrl && !options.server.accounts;
  let closed = false;
  let becoming = false;

  // Kept-alive connections to the leader: a request does not pay for a new TCP connection.
  const proxyAgent = new Agent({ keepAlive: true, maxSockets: 256 });
  const proxy = httpProxy.createProxyServer({ ws: true, xfwd: true });
  proxy.on('error', (error, _req, res) => {
    log(`proxy to the leader failed: ${errorSummary(error)}`);
    // The leader may have died: look again now rather than at the next tick.
    void refreshTarget();
    if (res && 'writeHead' in res && !res.headersSent) {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(NO_LEADER);
    } else if (res && 'destroy' in res) res.destroy();
  });

  const refreshTarget = async () => {
    const value = await redis.get(keys.leader).catch(() => undefined);
    if (value === undefined) return; // Redis did not answer: keep what we know until the lease says otherwise
    const url = value?.split('|')[1];
    leaderTarget = url && url !== 'pending' ? url : null;
    const current = leaderTarget ? value : null;
    if (current !== leaderLease) {
      leaderLease = current;
      // Sockets relayed to a leader that is gone: their clients reconnect and resync from the new one.
      const closed = edge.leaderChanged(current);
      if (closed > 0) log(`node ${nodeId}: leader changed, ${closed} relayed connections closed to resync`);
    }
  };

  const publicServer: Server = createServer((req, res) => {
    if (req.url === '/cluster/node') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ nodeId, leader: leader ? nodeId : (leaderLease?.split('|')[0] ?? null), leading: leader !== null, relayed: edge.connections }));
      return;
    }
    if (!leaderTarget) {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(NO_LEADER);
      return;
    }
    proxy.web(req, res, { target: leaderTarget, agent: proxyAgent });
  });
  publicServer.on('upgrade', (req, socket, head) => {
    socket.on('error', () => undefined);
    if (!leaderTarget) {
      socket.write('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\n\r\n');
      socket.destroy();
      return;
    }
    // The leader's own agents reach its engine directly.
    if (leader) return proxy.ws(req, socket, head, { target: leaderTarget });
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname !== '/ws') {
      socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigin(origin)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    const to = leaderLease;
    if (!to) {
      socket.write('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\n\r\n');
      socket.destroy();
      return;
    }
    // A follower holds the socket and relays it; the leader's hub checks token and session as for its own.
    wss.handleUpgrade(req, socket, head, (ws) => edge.attach(ws, req.url ?? '/ws', to));
  });

  const becomeLeader = async () => {
    becoming = true;
    try {
      const store = new RedisStateStore(redis, keys, () => lease, log);
      await store.preload();
      const accounts = sharedSessions ? await sharedDirectory() : undefined;
      leader = await startCtiServer({ ...options.server, ...(accounts && { accounts }), port: 0, host: options.advertiseHost ?? '127.0.0.1', state: store });
      const url = `http://${options.advertiseHost ?? '127.0.0.1'}:${leader.port}`;
      const next = `${nodeId}|${url}`;
      const server = leader;
      host = new RelayHost({ prefix: keys.prefix, lease: next, redis, reader: redis.duplicate(), accept: (ws, requestUrl) => server.acceptRelayed(ws, requestUrl), log });
      if (!(await keeper.swap(next))) throw new Error('lost the lease while starting');
      lease = next;
      leaderTarget = url;
      leaderLease = next;
      edge.leaderChanged(next);
      log(`node ${nodeId} leads (engine at ${url}; restored ${leader.engine.restored.calls} calls, ${leader.engine.restored.agents} agents)`);
    } finally {
      becoming = false;
    }
  };

  /** The demo accounts with their sessions in Redis (api-less floors: a token outlives its leader). */
  const sharedDirectory = async () => {
    const saved = await redis.hgetall(sessionsKey);
    const sessions = Object.values(saved).map((v) => JSON.parse(v) as MemorySession);
    return new MemoryAccountDirectory({
      tokenSecret: options.server.tokenSecret ?? '',
      sessions,
      onSessionChange: (s) => void redis.hset(sessionsKey, s.id, JSON.stringify(s)).catch(() => undefined),
    });
  };

  let deposing = false;
  const deposed = async () => {
    if (deposing) return;
    deposing = true;
    log(`node ${nodeId} lost the leader lease: stopping its engine`);
    const server = leader;
    leader = null;
    lease = '';
    await keeper.release(false);
    host?.stop();
    host = null;
    await server?.close();
    (options.onDeposed ?? (() => process.exit(1)))();
  };

  const tick = async () => {
    if (closed || becoming) return;
    try {
      edge.touch(leaseMs * 20);
      if (lease) {
        // The keeper renews the lease; this only keeps the relay's inbound stream from outliving us.
        if (host) void redis.pexpire(host.inbound, leaseMs * 20).catch(() => undefined);
        return;
      }
      const candidate = `${nodeId}|pending`;
      if ((await redis.set(keys.leader, candidate, 'PX', leaseMs, 'NX')) === 'OK') {
        lease = candidate;
        keeper.hold(candidate, () => void deposed());
        try {
          await becomeLeader();
        } catch (error) {
          log(`node ${nodeId} could not start leading: ${errorSummary(error)}`);
          await deposed();
        }
      } else await refreshTarget();
    } catch (error) {
      log(`election step failed: ${errorSummary(error)}`);
    }
  };
  const timer = setInterval(() => void tick(), Math.max(100, Math.floor(leaseMs / 3)));
  timer.unref();

  await new Promise<void>((resolve, reject) => {
    publicServer.once('error', reject);
    publicServer.listen(options.port, options.host, () => resolve());
  });
  await tick();
  const port = (publicServer.address() as AddressInfo).port;
  log(`node ${nodeId} listening on :${port} (${lease ? 'leader' : 'follower'})`);

  return {
    nodeId,
    url: `http://127.0.0.1:${port}`,
    port,
    get leader() {
      return leader;
    },
    get relayed() {
      return edge.connections;
    },
    async close() {
      closed = true;
      clearInterval(timer);
      publicServer.closeAllConnections();
      await new Promise<void>((resolve) => publicServer.close(() => resolve()));
      proxy.close();
      proxyAgent.destroy();
      edge.stop();
      host?.stop();
      wss.close();
      await leader?.close();
      // Hand over at once instead of letting the lease run out.
      await keeper.release(lease !== '');
      await keeper.close();
      redis.disconnect();
    },
  };
}
