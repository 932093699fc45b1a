import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { verifyTokenOfKind, TokenError } from '@octopus/auth';
import {
  CTI_CLOSE_CODES,
  CTI_PROTOCOL_VERSION,
  clientFrameSchema,
  ctiTopicSchema,
  type CtiCommand,
  type CtiEvent,
  type CtiTopic,
} from '@octopus/contracts';
import type { WebSocket } from 'ws';
import type { CtiEngine, EngineOutput } from '../engine/engine';

export interface HubOptions {
  engine: CtiEngine;
  tokenSecret: string;
  /** A session that sends nothing (not even a WebSocket pong) for this long is dropped. */
  heartbeatTimeoutMs?: number;
  /** What clients are told to ping at. */
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
  ws: WebSocket;
  seq: number;
  topics: Set<CtiTopic>;
  phone: boolean;
  lastSeen: number;
  closed: boolean;
}

const KNOWN_TYPES = new Set(['ping', 'sync', 'command']);

/** WebSocket sessions: auth, per-session sequence numbers, snapshot-then-live, commands, heartbeats. */
export class Hub implements EngineOutput {
  private readonly engine: CtiEngine;
  private readonly tokenSecret: string;
  private readonly heartbeatTimeoutMs: number;
  readonly heartbeatMs: number;
  private readonly maxBufferedBytes: number;
  private readonly log: (message: string) => void;
  private readonly sessions = new Map<string, Session[]>();
  private readonly heartbeatTimer: NodeJS.Timeout;
  private readonly listTimer: NodeJS.Timeout;
  /** Frames received that were rejected as malformed or unknown (for tests and /health). */
  badFrames = 0;
  framesSent = 0;

  constructor(options: HubOptions) {
    this.engine = options.engine;
    this.tokenSecret = options.tokenSecret;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? this.heartbeatMs * 3;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 8 * 1024 * 1024;
    this.log = options.log ?? (() => undefined);
    this.heartbeatTimer = setInterval(() => this.checkHeartbeats(), Math.max(50, Math.floor(this.heartbeatTimeoutMs / 3)));
    this.heartbeatTimer.unref();
    this.listTimer = setInterval(() => this.flushLists(), options.listFlushMs ?? 500);
    this.listTimer.unref();
    this.engine.setOutput(this);
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

  /** Accepts an upgraded socket; auth failures are reported in-band so browsers can read the close code. */
  accept(ws: WebSocket, request: IncomingMessage): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const protocol = url.searchParams.get('protocol');
    if (protocol !== null && protocol !== String(CTI_PROTOCOL_VERSION)) {
      this.refuse(ws, CTI_CLOSE_CODES.unsupportedProtocol, 'unsupported-protocol', `this server speaks protocol ${CTI_PROTOCOL_VERSION}`);
      return;
    }
    let agentId: string;
    try {
      const claims = verifyTokenOfKind(url.searchParams.get('token') ?? '', 'agent', { secret: this.tokenSecret });
      agentId = claims.sub;
    } catch (error) {
      const message = error instanceof TokenError ? error.message : 'invalid token';
      this.refuse(ws, CTI_CLOSE_CODES.unauthorized, 'unauthorized', message);
      return;
    }
    if (!this.engine.hasAgent(agentId)) {
      this.refuse(ws, CTI_CLOSE_CODES.unauthorized, 'unauthorized', `unknown agent ${agentId}`);
      return;
    }
    const topicsParam = url.searchParams.get('topics');
    const topics = new Set<CtiTopic>();
    for (const t of topicsParam === null ? ['agents', 'groups'] : topicsParam.split(',')) {
      const parsed = ctiTopicSchema.safeParse(t);
      if (parsed.success) topics.add(parsed.data);
    }
    this.engine.agentConnected(agentId);
    const session: Session = {
      id: randomBytes(6).toString('hex'),
      agentId,
      ws,
      seq: 0,
      topics,
      phone: true,
      lastSeen: Date.now(),
      closed: false,
    };
    const list = this.sessions.get(agentId) ?? [];
    // The newest session takes the phone (a reload replaces the old tab); the others follow.
    for (const other of list) other.phone = false;
    list.push(session);
    this.sessions.set(agentId, list);
    this.sendSnapshot(session);
    for (const other of list) if (other !== session) this.sendSessionInfo(other);

    ws.on('message', (data, isBinary) => this.onMessage(session, data, isBinary));
    ws.on('pong', () => {
      session.lastSeen = Date.now();
    });
    ws.on('close', () => this.onClose(session));
    ws.on('error', () => undefined);
  }

  private refuse(ws: WebSocket, code: number, errorCode: string, message: string): void {
    ws.send(JSON.stringify({ type: 'error', seq: 1, code: errorCode, message }));
    ws.close(code, errorCode);
  }

  private onMessage(session: Session, data: unknown, isBinary: boolean): void {
    session.lastSeen = Date.now();
    try {
      if (isBinary) return this.badFrame(session, 'bad-frame', 'binary frames are not supported');
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : String(data);
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return this.badFrame(session, 'bad-json', 'frame is not JSON');
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
      this.log(`frame from ${session.agentId} failed: ${(error as Error).stack ?? String(error)}`);
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
      for (const s of list) s.phone = s === session;
      this.send(session, { type: 'ack', id, result: null });
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
    if (!session.phone) {
      this.send(session, { type: 'reject', id, reason: 'not-phone-session', message: 'another session of this agent holds the phone' });
      return;
    }
    const outcome = this.engine.command(session.agentId, command);
    // Events caused by the command were sent synchronously above, so the client sees them before the ack.
    if (outcome.ok) this.send(session, { type: 'ack', id, result: outcome.result });
    else this.send(session, { type: 'reject', id, reason: outcome.reason, message: outcome.message });
  }

  private onClose(session: Session): void {
    if (session.closed) return;
    session.closed = true;
    const list = (this.sessions.get(session.agentId) ?? []).filter((s) => s !== session);
    if (list.length === 0) this.sessions.delete(session.agentId);
    else {
      this.sessions.set(session.agentId, list);
      if (session.phone) list[list.length - 1]!.phone = true;
      for (const s of list) this.sendSessionInfo(s);
    }
    this.engine.agentDisconnected(session.agentId);
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

  private checkHeartbeats(): void {
    const now = Date.now();
    for (const list of [...this.sessions.values()]) {
      for (const s of [...list]) {
        if (now - s.lastSeen > this.heartbeatTimeoutMs) {
          s.ws.close(CTI_CLOSE_CODES.heartbeatTimeout, 'heartbeat-timeout');
          s.ws.terminate();
          this.onClose(s);
        } else if (s.ws.readyState === s.ws.OPEN) s.ws.ping();
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
    for (const list of [...this.sessions.values()]) {
      for (const s of [...list]) {
        s.ws.close(CTI_CLOSE_CODES.shutdown, 'shutdown');
        s.closed = true;
      }
    }
    this.sessions.clear();
  }
}
