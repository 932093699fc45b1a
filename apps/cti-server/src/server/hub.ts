import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { verifyTokenOfKind, TokenError, type AgentClaims } from '@octopus/auth';
import {
  CTI_CLOSE_CODES,
  CTI_PROTOCOL_VERSION,
  clientFrameSchema,
  ctiTopicSchema,
  findInvalidText,
  type CtiCommand,
  type CtiEvent,
  type CtiTopic,
} from '@octopus/contracts';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { WebSocket } from 'ws';
import type { CommandOutcome, CtiEngine, EngineOutput } from '../engine/engine';
import type { AccountDirectory, AuditSink } from '../engine/ports';
import { errorSummary } from '../log';

export interface HubOptions {
  engine: CtiEngine;
  tokenSecret: string;
  /** Whose sessions are active (the api); checked on connect and every `sessionCheckMs`. */
  accounts: AccountDirectory;
  /** How often open sessions are checked (revoked, logged out, expired token). Default 5 s. */
  sessionCheckMs?: number;
  /** Open connections one agent may have; the next is refused with 4410. Default 5. */
  maxSessionsPerAgent?: number;
  /** Frames one connection may send per second (burst); excess frames are rejected `rate-limited`. Default 40. */
  framesPerSecond?: number;
  /** Seconds (of any 10) in which a connection may exceed its rate before it is closed with 4430. Default 5. */
  floodWindows?: number;
  /** Where refusals (4401, 4403) go: the api's audit chain. Default: nowhere. */
  audit?: AuditSink;
  /** Called when a token names an agent the engine does not know yet (the roster may be stale). */
  refreshRoster?: () => Promise<void>;
  /**
   * A session that sends nothing (not even a WebSocket pong) for this long is dropped (close 4408).
   * Default `heartbeatMs + 2500` (4 s); checked every ≤ 500 ms, so a dead connection is noticed ≤ 4.5 s.
   */
  heartbeatTimeoutMs?: number;
  /**
   * An agent none of whose sessions sent anything for this long is not offered calls until one speaks
   * again (`engine.agentReachable`). Default `heartbeatMs + 1000` (2.5 s).
   */
  staleAfterMs?: number;
  /**
   * What clients are told to ping at (`config.heartbeatMs`), ms. Default 1500. A session silent this
   * long also gets a WebSocket ping (browsers answer it by themselves).
   */
  heartbeatMs?: number;
  /** Agent and group list changes are batched and sent at most this often. */
  listFlushMs?: number;
  /** A client that does not read is disconnected (it resyncs on reconnect) once this much is queued. */
  maxBufferedBytes?: number;
  log?: (message: string) => void;
}

interface Session {
  id: string;
  agentId: string;
  /** The server-side session (the token's `sid`). */
  sid: string;
  /** When the token last presented for this connection expires (epoch ms); `renewSession` extends it. */
  expiresAt: number;
  ws: WebSocket;
  seq: number;
  topics: Set<CtiTopic>;
  phone: boolean;
  lastSeen: number;
  /** When this connection was last sent a WebSocket ping. */
  lastPing: number;
  closed: boolean;
  /** When this connection was last told it is rate-limited (non-command frames get one notice per second). */
  rateNoticeAt: number;
  /** Not read until its rate window resets. */
  paused: boolean;
}

const KNOWN_TYPES = new Set(['ping', 'sync', 'command']);

/** What the checks before the upgrade decided: accept this agent's session, or refuse in-band. */
export type ConnectVerdict =
  | {
      ok: true;
      agentId: string;
      sid: string;
      expiresAt: number;
      topics: Set<CtiTopic>;
      /** `takeover=1` on the connect URL: take the phone even when another connection of the agent holds it. */
      takeover?: boolean;
    }
  | { ok: false; code: number; errorCode: string; message: string; agentId?: string; sid?: string };

/** Sessions confirmed active within this long are accepted on reconnect while the api does not answer. */
const ACTIVE_CACHE_MS = 60_000;

/** WebSocket sessions: auth, per-session sequence numbers, snapshot-then-live, commands, heartbeats. */
export class Hub implements EngineOutput {
  private readonly engine: CtiEngine;
  private readonly tokenSecret: string;
  private readonly heartbeatTimeoutMs: number;
  private readonly staleAfterMs: number;
  /** Agents the engine was told are unreachable (silent past `staleAfterMs`). */
  private readonly staleAgents = new Set<string>();
  readonly heartbeatMs: number;
  private readonly maxBufferedBytes: number;
  private readonly log: (message: string) => void;
  private readonly sessions = new Map<string, Session[]>();
  private readonly heartbeatTimer: NodeJS.Timeout;
  private readonly listTimer: NodeJS.Timeout;
  private readonly sessionTimer: NodeJS.Timeout;
  private readonly accounts: AccountDirectory;
  private readonly auditSink: AuditSink;
  private readonly maxSessionsPerAgent: number;
  private readonly frameLimiter: RateLimiterMemory;
  private readonly floodLimiter: RateLimiterMemory;
  private readonly refreshRoster: (() => Promise<void>) | null;
  /** sid → when the directory last said it is active. */
  private readonly knownActive = new Map<string, number>();
  private checking = false;
  /** Connect-time session checks waiting to go to the api together (a reconnect storm is one request). */
  private connectChecks: Map<string, Array<{ resolve: (active: boolean) => void; reject: (error: unknown) => void }>> | null = null;
  /** Frames refused by the per-connection rate limit, and connections closed for flooding. */
  rateLimited = 0;
  floodClosed = 0;
  /** Frames received that were rejected as malformed or unknown (for tests and /health). */
  badFrames = 0;
  framesSent = 0;
  /** Frames read from clients (a paused, rate-limited connection is not read). */
  framesReceived = 0;

  constructor(options: HubOptions) {
    this.engine = options.engine;
    this.tokenSecret = options.tokenSecret;
    this.heartbeatMs = options.heartbeatMs ?? 1500;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? this.heartbeatMs + 2500;
    this.staleAfterMs = Math.min(options.staleAfterMs ?? this.heartbeatMs + 1000, this.heartbeatTimeoutMs);
    this.maxBufferedBytes = options.maxBufferedBytes ?? 8 * 1024 * 1024;
    this.log = options.log ?? (() => undefined);
    this.heartbeatTimer = setInterval(() => this.checkHeartbeats(), Math.max(50, Math.min(500, Math.floor(this.staleAfterMs / 3))));
    this.heartbeatTimer.unref();
    this.listTimer = setInterval(() => this.flushLists(), options.listFlushMs ?? 500);
    this.listTimer.unref();
    this.accounts = options.accounts;
    this.auditSink = options.audit ?? { audit: () => undefined };
    this.maxSessionsPerAgent = options.maxSessionsPerAgent ?? 5;
    this.refreshRoster = options.refreshRoster ?? null;
    // One bucket per connection (keyed by its id): a flooding client uses up only its own.
    this.frameLimiter = new RateLimiterMemory({ keyPrefix: 'frames', points: options.framesPerSecond ?? 40, duration: 1 });
    this.floodLimiter = new RateLimiterMemory({ keyPrefix: 'flood', points: options.floodWindows ?? 5, duration: 10 });
    this.sessionTimer = setInterval(() => void this.checkSessions(), Math.min(5000, options.sessionCheckMs ?? 5000));
    this.sessionTimer.unref();
  }

  get sessionCount(): number {
    let n = 0;
    for (const list of this.sessions.values()) n += list.length;
    return n;
  }

  toAgent(agentId: string, event: CtiEvent): void {
    const list = this.sessions.get(agentId);
    if (!list || list.length === 0) return;
    const body = JSON.stringify(event);
    for (const s of list) this.sendRaw(s, body);
  }

  /**
   * The checks before a connection is accepted (run before the upgrade, so no frame arrives meanwhile):
   * protocol version, a valid agent token (4401), a known, enabled agent (4401), an active server-side
   * session (4403). An unreachable account service refuses with 1013 (try again) unless the session
   * was confirmed active recently.
   */
  async authorize(request: Pick<IncomingMessage, 'url'>): Promise<ConnectVerdict> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const protocol = url.searchParams.get('protocol');
    if (protocol !== null && protocol !== String(CTI_PROTOCOL_VERSION)) {
      return { ok: false, code: CTI_CLOSE_CODES.unsupportedProtocol, errorCode: 'unsupported-protocol', message: `this server speaks protocol ${CTI_PROTOCOL_VERSION}` };
    }
    let claims: AgentClaims;
    try {
      claims = verifyTokenOfKind(url.searchParams.get('token') ?? '', 'agent', { secret: this.tokenSecret });
    } catch (error) {
      // A genuine token that ran out: the session is over for this client (renew in time, or log in again).
      if (error instanceof TokenError && error.code === 'expired') {
        return { ok: false, code: CTI_CLOSE_CODES.sessionEnded, errorCode: 'session-ended', message: 'the token has expired: renew it or log in again' };
      }
      const message = error instanceof TokenError ? error.message : 'invalid token';
      return { ok: false, code: CTI_CLOSE_CODES.unauthorized, errorCode: 'unauthorized', message };
    }
    if (typeof claims.sid !== 'string' || claims.sid.length === 0 || typeof claims.sub !== 'string') {
      return { ok: false, code: CTI_CLOSE_CODES.unauthorized, errorCode: 'unauthorized', message: 'the token names no session' };
    }
    if (!this.engine.isActiveAgent(claims.sub) && this.refreshRoster) await this.refreshRoster().catch(() => undefined);
    if (!this.engine.isActiveAgent(claims.sub)) {
      return { ok: false, code: CTI_CLOSE_CODES.unauthorized, errorCode: 'unauthorized', message: 'unknown or disabled agent', agentId: claims.sub, sid: claims.sid };
    }
    try {
      if (!(await this.isSessionActive(claims.sid))) {
        this.knownActive.delete(claims.sid);
        return { ok: false, code: CTI_CLOSE_CODES.sessionEnded, errorCode: 'session-ended', message: 'the session has ended: log in again', agentId: claims.sub, sid: claims.sid };
      }
      this.knownActive.set(claims.sid, Date.now());
    } catch (error) {
      const seen = this.knownActive.get(claims.sid);
      if (seen === undefined || Date.now() - seen > ACTIVE_CACHE_MS) {
        this.log(`session check on connect failed: ${errorSummary(error)}`);
        return { ok: false, code: 1013, errorCode: 'try-again', message: 'the account service does not answer: reconnect shortly' };
      }
    }
    const topicsParam = url.searchParams.get('topics');
    const topics = new Set<CtiTopic>();
    for (const t of topicsParam === null ? ['agents', 'groups'] : topicsParam.split(',')) {
      const parsed = ctiTopicSchema.safeParse(t);
      if (parsed.success) topics.add(parsed.data);
    }
    return { ok: true, agentId: claims.sub, sid: claims.sid, expiresAt: claims.exp * 1000, topics, takeover: url.searchParams.get('takeover') === '1' };
  }

  /** One sid's check, batched with the others asked for within 10 ms. */
  private isSessionActive(sid: string): Promise<boolean> {
    if (!this.connectChecks) {
      const batch = new Map<string, Array<{ resolve: (active: boolean) => void; reject: (error: unknown) => void }>>();
      this.connectChecks = batch;
      setTimeout(() => {
        if (this.connectChecks === batch) this.connectChecks = null;
        const sids = [...batch.keys()];
        this.accounts.inactiveSessions(sids).then(
          (inactive) => {
            const gone = new Set(inactive);
            for (const [s, waiters] of batch) for (const w of waiters) w.resolve(!gone.has(s));
          },
          (error: unknown) => {
            for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
          },
        );
      }, 10);
    }
    const batch = this.connectChecks;
    return new Promise((resolve, reject) => {
      const waiters = batch.get(sid) ?? [];
      waiters.push({ resolve, reject });
      batch.set(sid, waiters);
      // The api takes up to 10,000 ids at once: a full batch goes now.
      if (batch.size >= 5000 && this.connectChecks === batch) this.connectChecks = null;
    });
  }

  /** Accepts an upgraded socket that `authorize` checked; refusals are reported in-band so browsers can read the close code. */
  accept(ws: WebSocket, verdict: ConnectVerdict): void {
    if (!verdict.ok) {
      this.refuse(ws, verdict.code, verdict.errorCode, verdict.message, verdict.agentId ?? null, verdict.sid ?? null);
      return;
    }
    const agentId = verdict.agentId;
    if (!this.engine.isActiveAgent(agentId)) {
      this.refuse(ws, CTI_CLOSE_CODES.unauthorized, 'unauthorized', 'unknown or disabled agent', agentId, verdict.sid);
      return;
    }
    const open = this.sessions.get(agentId) ?? [];
    if (open.length >= this.maxSessionsPerAgent) {
      this.refuse(ws, CTI_CLOSE_CODES.tooManySessions, 'too-many-sessions', `at most ${this.maxSessionsPerAgent} open connections per agent: close another tab`);
      return;
    }
    if (verdict.expiresAt <= Date.now()) {
      this.refuse(ws, CTI_CLOSE_CODES.sessionEnded, 'session-ended', 'the token has expired: renew it or log in again', agentId, verdict.sid);
      return;
    }
    this.engine.agentConnected(agentId);
    // A new connection makes the agent reachable again (the engine cleared its stale mark).
    this.staleAgents.delete(agentId);
    const session: Session = {
      id: randomBytes(6).toString('hex'),
      agentId,
      sid: verdict.sid,
      expiresAt: verdict.expiresAt,
      ws,
      seq: 0,
      topics: verdict.topics,
      phone: false,
      lastSeen: Date.now(),
      lastPing: Date.now(),
      closed: false,
      rateNoticeAt: 0,
      paused: false,
    };
    const list = this.sessions.get(agentId) ?? [];
    // A new connection takes the phone only when nobody holds it, or when it asks to (`takeover=1`: the
    // agent confirmed, or the tab held the phone before it reconnected); else it follows. A second machine
    // logging in never takes a call from under the agent's hands unasked.
    const holder = list.find((other) => other.phone) ?? null;
    session.phone = !holder || verdict.takeover === true;
    if (session.phone && holder) holder.phone = false;
    list.push(session);
    this.sessions.set(agentId, list);
    this.sendSnapshot(session);
    if (session.phone && holder) this.tellPhoneTaken(holder);
    for (const other of list) if (other !== session) this.sendSessionInfo(other);

    ws.on('message', (data, isBinary) => this.onRawMessage(session, data, isBinary));
    ws.on('pong', () => this.heard(session));
    ws.on('close', () => this.onClose(session));
    ws.on('error', () => undefined);
  }

  /** Closes every connection of a server-side session (logout, revoke) with 4403. Returns how many. */
  endSession(sid: string, message = 'the session has ended: log in again'): number {
    this.knownActive.delete(sid);
    let n = 0;
    for (const list of [...this.sessions.values()]) {
      for (const s of [...list]) {
        if (s.sid !== sid) continue;
        this.closeSession(s, CTI_CLOSE_CODES.sessionEnded, 'session-ended', message);
        n++;
      }
    }
    return n;
  }

  /** Closes (4403) every connection of agents the roster no longer lists as enabled. Returns how many. */
  dropInactiveAgents(): number {
    let n = 0;
    for (const [agentId, list] of [...this.sessions]) {
      if (this.engine.isActiveAgent(agentId)) continue;
      for (const s of [...list]) {
        this.closeSession(s, CTI_CLOSE_CODES.sessionEnded, 'session-ended', 'this account is disabled');
        n++;
      }
    }
    return n;
  }

  /** Tells the client why (an `error` frame), closes with `code`, and forgets the connection at once. */
  private closeSession(session: Session, code: number, errorCode: string, message: string): void {
    if (session.closed) return;
    if (code === CTI_CLOSE_CODES.sessionEnded) this.auditRefusal('ws-session-closed', code, message, session.agentId, session.sid);
    this.send(session, { type: 'error', code: errorCode, message });
    session.ws.close(code, errorCode);
    // A client that does not answer the close handshake is cut off.
    const ws = session.ws;
    setTimeout(() => ws.terminate(), 2000).unref();
    this.onClose(session);
  }

  /**
   * Every open connection: a token past its `exp` (not renewed) or a session the account service
   * reports inactive (logout, revoke, idle or max lifetime, disabled account) is closed with 4403.
   */
  async checkSessions(): Promise<void> {
    const now = Date.now();
    const sids = new Set<string>();
    for (const list of [...this.sessions.values()]) {
      for (const s of [...list]) {
        if (s.expiresAt <= now) this.closeSession(s, CTI_CLOSE_CODES.sessionEnded, 'session-ended', 'the token expired without renewSession: log in again');
        else sids.add(s.sid);
      }
    }
    if (sids.size === 0 || this.checking) return;
    this.checking = true;
    try {
      const inactive = new Set(await this.accounts.inactiveSessions([...sids]));
      const checkedAt = Date.now();
      for (const sid of sids) if (!inactive.has(sid)) this.knownActive.set(sid, checkedAt);
      for (const sid of inactive) this.endSession(sid);
      for (const [sid, at] of this.knownActive) if (checkedAt - at > ACTIVE_CACHE_MS) this.knownActive.delete(sid);
    } catch (error) {
      // The account service is down: open sockets stay (their token expiry still applies); ask again next tick.
      this.log(`session check failed: ${errorSummary(error)}`);
    } finally {
      this.checking = false;
    }
  }

  private refuse(ws: WebSocket, code: number, errorCode: string, message: string, agentId: string | null = null, sid: string | null = null): void {
    if (code === CTI_CLOSE_CODES.unauthorized || code === CTI_CLOSE_CODES.sessionEnded) this.auditRefusal('ws-connect', code, message, agentId, sid);
    ws.send(JSON.stringify({ type: 'error', seq: 1, code: errorCode, message }));
    ws.close(code, errorCode);
  }

  /** A 4401/4403 refusal or close, for the api's audit chain (agent null when no valid token named one). */
  private auditRefusal(action: string, code: number, message: string, agentId: string | null, sid: string | null): void {
    this.auditSink.audit({ at: new Date().toISOString(), agentId, sessionId: sid, userId: null, callId: null, action, outcome: 'refused', reason: `${code}: ${message}`.slice(0, 200) });
  }

  /** Per-connection rate limit before any parsing: an excess frame costs a counter update and at most a short reply. */
  private onRawMessage(session: Session, data: unknown, isBinary: boolean): void {
    this.framesReceived++;
    this.heard(session);
    if (session.closed) return;
    this.frameLimiter.consume(session.id).then(
      () => {
        if (!session.closed) this.onMessage(session, data, isBinary);
      },
      (limit: unknown) => this.onExcessFrame(session, data, isBinary, (limit as { msBeforeNext?: number } | null)?.msBeforeNext ?? 1000),
    );
  }

  /**
   * An excess frame is not processed: a command gets a `rate-limited` reject (its promise settles),
   * other frames one `rate-limited` error per second. The connection is then not read until its window
   * resets, so a flood waits in the flooder's own TCP buffers instead of taking this process's time.
   * A connection that keeps exceeding (`floodWindows` windows within 10 s) is closed with 4430.
   */
  private onExcessFrame(session: Session, data: unknown, isBinary: boolean, waitMs: number): void {
    if (session.closed) return;
    this.rateLimited++;
    const id = isBinary ? null : commandIdOf(data);
    if (id) this.send(session, { type: 'reject', id, reason: 'rate-limited', message: 'too many frames: slow down' });
    else if (Date.now() - session.rateNoticeAt >= 1000) {
      session.rateNoticeAt = Date.now();
      this.send(session, { type: 'error', code: 'rate-limited', message: 'too many frames: slow down' });
    }
    if (session.paused) return;
    session.paused = true;
    session.ws.pause();
    setTimeout(
      () => {
        session.paused = false;
        if (!session.closed) session.ws.resume();
      },
      Math.max(10, waitMs),
    ).unref();
    this.floodLimiter.consume(session.id).catch(() => {
      if (session.closed) return;
      this.floodClosed++;
      this.log(`session ${session.id} of ${session.agentId} flooded: closed`);
      // Read again so the close handshake completes (what is still queued is dropped unread).
      session.paused = false;
      session.ws.resume();
      this.closeSession(session, CTI_CLOSE_CODES.flooding, 'flooding', 'too many frames for too long');
    });
  }

  private onMessage(session: Session, data: unknown, isBinary: boolean): void {
    try {
      if (isBinary) return this.badFrame(session, 'bad-frame', 'binary frames are not supported');
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : String(data);
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return this.badFrame(session, 'bad-json', 'frame is not JSON');
      }
      // NUL, other control characters and lone surrogates are refused before anything looks at them.
      const invalid = findInvalidText(raw);
      if (invalid) {
        const r = raw as { type?: unknown; id?: unknown } | null;
        const message = `${invalid.field} ${invalid.problem}`;
        if (r && typeof r === 'object' && r.type === 'command' && typeof r.id === 'string' && r.id.length > 0 && r.id.length <= 64 && invalid.field !== 'id') {
          this.badFrames++;
          this.send(session, { type: 'reject', id: r.id, reason: 'invalid-command', message });
          return;
        }
        return this.badFrame(session, 'invalid-text', message);
      }
      const parsed = clientFrameSchema.safeParse(raw);
      if (!parsed.success) {
        const r = raw as { type?: unknown; id?: unknown } | null;
        const issue = parsed.error.issues[0];
        const detail = issue ? `${issue.path.join('.') || '(frame)'}: ${issue.message}` : 'invalid';
        if (r && typeof r === 'object' && r.type === 'command' && typeof r.id === 'string' && r.id.length > 0 && r.id.length <= 64) {
          this.badFrames++;
          this.send(session, { type: 'reject', id: r.id, reason: 'invalid-command', message: detail });
          return;
        }
        if (r && typeof r === 'object' && typeof r.type === 'string' && !KNOWN_TYPES.has(r.type)) {
          return this.badFrame(session, 'unknown-type', `unknown frame type ${JSON.stringify(r.type.slice(0, 40))}`);
        }
        return this.badFrame(session, 'bad-frame', detail);
      }
      const frame = parsed.data;
      switch (frame.type) {
        case 'ping':
          this.send(session, { type: 'pong', id: frame.id ?? null, serverTime: Date.now() });
          return;
        case 'sync':
          this.sendSnapshot(session);
          return;
        case 'command':
          this.onCommand(session, frame.id, frame.command);
          return;
      }
    } catch (error) {
      // Never let one frame take the server down.
      this.log(`frame from ${session.agentId} failed: ${errorSummary(error)}`);
      this.send(session, { type: 'error', code: 'internal', message: 'internal error' });
    }
  }

  private badFrame(session: Session, code: string, message: string): void {
    this.badFrames++;
    this.send(session, { type: 'error', code, message });
  }

  private onCommand(session: Session, id: string, command: CtiCommand): void {
    if (command.name === 'takePhone') {
      const list = this.sessions.get(session.agentId) ?? [];
      const holder = list.find((s) => s.phone && s !== session) ?? null;
      for (const s of list) s.phone = s === session;
      this.send(session, { type: 'ack', id, result: null });
      if (holder) this.tellPhoneTaken(holder);
      for (const s of list) this.sendSessionInfo(s);
      return;
    }
    if (command.name === 'subscribe') {
      session.topics = new Set(command.topics);
      this.send(session, { type: 'ack', id, result: null });
      // A fresh snapshot carries the full lists for the new topics.
      this.sendSnapshot(session);
      return;
    }
    if (command.name === 'renewSession') {
      this.renewSession(session, id, command.token);
      return;
    }
    if (!session.phone) {
      this.send(session, { type: 'reject', id, reason: 'not-phone-session', message: 'another session of this agent holds the phone' });
      return;
    }
    const reply = (outcome: CommandOutcome) => {
      // Events caused by the command were sent synchronously before, so the client sees them before the ack.
      if (outcome.ok) this.send(session, { type: 'ack', id, result: outcome.result });
      else this.send(session, { type: 'reject', id, reason: outcome.reason, message: outcome.message });
    };
    const outcome = this.engine.handle(session.agentId, command, session.sid);
    if (!(outcome instanceof Promise)) return reply(outcome);
    outcome.then(reply, (error: unknown) => {
      this.log(`command ${command.name} of ${session.agentId} failed: ${errorSummary(error)}`);
      reply({ ok: false, reason: 'internal', message: 'internal error' });
    });
  }

  /** A newer token of the same agent and server-side session keeps this connection open past the old expiry. */
  private renewSession(session: Session, id: string, token: string): void {
    let claims: AgentClaims;
    try {
      claims = verifyTokenOfKind(token, 'agent', { secret: this.tokenSecret });
    } catch (error) {
      const message = error instanceof TokenError ? error.message : 'invalid token';
      this.send(session, { type: 'reject', id, reason: 'invalid-command', message });
      return;
    }
    if (claims.sub !== session.agentId || claims.sid !== session.sid) {
      this.send(session, { type: 'reject', id, reason: 'invalid-command', message: 'the token belongs to another session' });
      return;
    }
    session.expiresAt = Math.max(session.expiresAt, claims.exp * 1000);
    this.send(session, { type: 'ack', id, result: null });
  }

  private onClose(session: Session): void {
    if (session.closed) return;
    session.closed = true;
    void this.frameLimiter.delete(session.id).catch(() => undefined);
    void this.floodLimiter.delete(session.id).catch(() => undefined);
    const list = (this.sessions.get(session.agentId) ?? []).filter((s) => s !== session);
    if (list.length === 0) {
      this.sessions.delete(session.agentId);
      // The engine forgets staleness on the next connect; so does the hub.
      this.staleAgents.delete(session.agentId);
    }
    else {
      this.sessions.set(session.agentId, list);
      if (session.phone) list[list.length - 1]!.phone = true;
      for (const s of list) this.sendSessionInfo(s);
    }
    this.engine.agentDisconnected(session.agentId);
  }

  /** The connection that lost the phone is told so (a `phone-taken` notice), not left to guess. */
  private tellPhoneTaken(session: Session): void {
    this.send(session, {
      type: 'notice',
      notice: { id: `phone-${randomBytes(6).toString('hex')}`, code: 'phone-taken', message: 'another tab or device of this agent took the phone', callId: null, at: Date.now() },
    });
  }

  private sendSessionInfo(session: Session): void {
    const count = this.sessions.get(session.agentId)?.length ?? 0;
    this.send(session, { type: 'session', session: { id: session.id, phone: session.phone, sessions: count } });
  }

  private sendSnapshot(session: Session): void {
    const { agent, calls } = this.engine.snapshotFor(session.agentId);
    this.send(session, {
      type: 'snapshot',
      protocol: CTI_PROTOCOL_VERSION,
      epoch: this.engine.epoch,
      rev: this.engine.currentRev,
      serverTime: Date.now(),
      session: { id: session.id, phone: session.phone, sessions: this.sessions.get(session.agentId)?.length ?? 1 },
      agent,
      calls,
      agents: session.topics.has('agents') ? this.engine.agentList() : null,
      groups: session.topics.has('groups') ? this.engine.groupList() : null,
      config: {
        ringTimeoutMs: this.engine.ringTimeoutMs,
        wrapUpMs: this.engine.wrapUpMs,
        heartbeatMs: this.heartbeatMs,
        reconnectGraceMs: this.engine.reconnectGraceMs,
      },
    });
  }

  private send(session: Session, body: object): void {
    this.sendRaw(session, JSON.stringify(body));
  }

  /** `body` is a serialised object; the session's sequence number is spliced in without re-serialising. */
  private sendRaw(session: Session, body: string): void {
    if (session.closed) return;
    const ws = session.ws;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > this.maxBufferedBytes) {
      this.log(`session ${session.id} of ${session.agentId} is not reading: dropped`);
      ws.close(CTI_CLOSE_CODES.slowConsumer, 'slow-consumer');
      this.onClose(session);
      return;
    }
    session.seq++;
    this.framesSent++;
    ws.send(`{"seq":${session.seq},${body.slice(1)}`);
  }

  private flushLists(): void {
    const { agents, groups } = this.engine.takeListChanges();
    if (agents.length === 0 && groups.length === 0) return;
    const agentsBody = agents.length ? JSON.stringify({ type: 'agents', agents }) : null;
    const groupsBody = groups.length ? JSON.stringify({ type: 'groups', groups }) : null;
    for (const list of this.sessions.values()) {
      for (const s of list) {
        if (agentsBody && s.topics.has('agents')) this.sendRaw(s, agentsBody);
        if (groupsBody && s.topics.has('groups')) this.sendRaw(s, groupsBody);
      }
    }
  }

  /** Something arrived on this connection (a frame or a pong): it is alive, and so is its agent. */
  private heard(session: Session): void {
    session.lastSeen = Date.now();
    if (this.staleAgents.size > 0 && this.staleAgents.delete(session.agentId) && !session.closed) this.engine.agentReachable(session.agentId, true);
  }

  /**
   * Every ≤ 500 ms: pings connections silent for `heartbeatMs`, marks agents whose connections are all
   * silent past `staleAfterMs` unreachable (no calls offered), and drops connections silent past
   * `heartbeatTimeoutMs` (close 4408; the agent's grace period starts).
   */
  private checkHeartbeats(): void {
    const now = Date.now();
    for (const [agentId, list] of [...this.sessions]) {
      let fresh = false;
      for (const s of [...list]) {
        const silent = now - s.lastSeen;
        if (silent > this.heartbeatTimeoutMs) {
          s.ws.close(CTI_CLOSE_CODES.heartbeatTimeout, 'heartbeat-timeout');
          s.ws.terminate();
          this.onClose(s);
          continue;
        }
        if (silent <= this.staleAfterMs) fresh = true;
        if (silent >= this.heartbeatMs && now - s.lastPing >= this.heartbeatMs && s.ws.readyState === s.ws.OPEN) {
          s.lastPing = now;
          s.ws.ping();
        }
      }
      if (!fresh && this.sessions.has(agentId) && !this.staleAgents.has(agentId)) {
        this.staleAgents.add(agentId);
        this.log(`agent ${agentId}: no frame for ${this.staleAfterMs} ms: not offered calls until it answers`);
        this.engine.agentReachable(agentId, false);
      }
    }
  }

  /** Drops every connection of an agent as a network failure would (tests). */
  dropAgent(agentId: string): number {
    const list = [...(this.sessions.get(agentId) ?? [])];
    for (const s of list) s.ws.terminate();
    return list.length;
  }

  close(): void {
    clearInterval(this.heartbeatTimer);
    clearInterval(this.listTimer);
    clearInterval(this.sessionTimer);
    for (const list of [...this.sessions.values()]) {
      for (const s of [...list]) {
        s.ws.close(CTI_CLOSE_CODES.shutdown, 'shutdown');
        s.closed = true;
      }
    }
    this.sessions.clear();
  }
}

/** The `id` of a small frame that looks like a command, without validating the rest. */
function commandIdOf(data: unknown): string | null {
  const text = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data as Buffer[]) : null;
  if (!text || text.length > 2048) return null;
  try {
    const raw = JSON.parse(text.toString('utf8')) as { type?: unknown; id?: unknown } | null;
    return raw && raw.type === 'command' && typeof raw.id === 'string' && raw.id.length > 0 && raw.id.length <= 64 ? raw.id : null;
  } catch {
    return null;
  }
}
