import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { verifyTokenOfKind, TokenError, type AgentClaims } from '@octopus/auth';
import { CTI_CLOSE_CODES, type CtiCommand, type CtiEvent } from '@octopus/contracts';
import type { WebSocket } from 'ws';
import type { CommandOutcome, CtiEngine, EngineOutput } from '../../engine/engine';
import type { AccountDirectory, AuditSink } from '../../engine/ports';
import { errorSummary } from '../../log';
import { ConnectChecks, type ConnectVerdict } from './connect-checks';
import { FloodControl } from './flood-control';
import { readClientFrame } from './frames';
import { Liveness } from './liveness';
import { phoneTakenFrame, sessionFrame, snapshotFrame } from './outgoing';
import type { HubOptions } from './options';
import { SessionTable, type Session } from './session';

export type { ConnectVerdict } from './connect-checks';
export type { HubOptions } from './options';

/**
 * WebSocket sessions: per-session sequence numbers, snapshot-then-live, commands, which connection holds
 * the phone, and session endings. The mechanisms it composes live beside it: the checks before a
 * connection is accepted (`connect-checks.ts`), the session table and sending (`session.ts`), frame
 * reading (`frames.ts`) and the frames written (`outgoing.ts`), the frame rate limit (`flood-control.ts`) and heartbeats (`liveness.ts`).
 */
export class Hub implements EngineOutput {
  private readonly engine: CtiEngine;
  private readonly tokenSecret: string;
  readonly heartbeatMs: number;
  private readonly log: (message: string) => void;
  private readonly table: SessionTable;
  private readonly checks: ConnectChecks;
  private readonly flood: FloodControl;
  private readonly liveness: Liveness;
  private readonly heartbeatTimer: NodeJS.Timeout;
  private readonly listTimer: NodeJS.Timeout;
  private readonly sessionTimer: NodeJS.Timeout;
  private readonly accounts: AccountDirectory;
  private readonly auditSink: AuditSink;
  private readonly maxSessionsPerAgent: number;
  private checking = false;
  /** Frames received that were rejected as malformed or unknown (for tests and /health). */
  badFrames = 0;
  /** Frames read from clients (a paused, rate-limited connection is not read). */
  framesReceived = 0;

  constructor(options: HubOptions) {
    this.engine = options.engine;
    this.tokenSecret = options.tokenSecret;
    this.heartbeatMs = options.heartbeatMs ?? 1500;
    const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? this.heartbeatMs + 2500;
    const staleAfterMs = Math.min(options.staleAfterMs ?? this.heartbeatMs + 1000, heartbeatTimeoutMs);
    this.log = options.log ?? (() => undefined);
    this.accounts = options.accounts;
    this.auditSink = options.audit ?? { audit: () => undefined };
    this.maxSessionsPerAgent = options.maxSessionsPerAgent ?? 5;
    this.table = new SessionTable(options.maxBufferedBytes ?? 8 * 1024 * 1024, (s) => this.onClose(s), this.log);
    this.checks = new ConnectChecks(this.engine, this.accounts, this.tokenSecret, options.refreshRoster ?? null, this.log);
    this.flood = new FloodControl(options.framesPerSecond ?? 40, options.floodWindows ?? 5, this.table, (s, code, errorCode, message) => this.closeSession(s, code, errorCode, message), this.log);
    this.liveness = new Liveness({ heartbeatMs: this.heartbeatMs, staleAfterMs, heartbeatTimeoutMs }, this.engine, this.table, (s) => this.onClose(s), this.log);
    this.heartbeatTimer = setInterval(() => this.liveness.check(), Math.max(50, Math.min(500, Math.floor(staleAfterMs / 3))));
    this.heartbeatTimer.unref();
    this.listTimer = setInterval(() => this.flushLists(), options.listFlushMs ?? 500);
    this.listTimer.unref();
    this.sessionTimer = setInterval(() => void this.checkSessions(), Math.min(5000, options.sessionCheckMs ?? 5000));
    this.sessionTimer.unref();
  }

  get sessionCount(): number {
    return this.table.count;
  }

  /** Frames refused by the per-connection rate limit. */
  get rateLimited(): number {
    return this.flood.rateLimited;
  }

  /** Connections closed for flooding (4430). */
  get floodClosed(): number {
    return this.flood.floodClosed;
  }

  /** Frames written to clients. */
  get framesSent(): number {
    return this.table.framesSent;
  }

  toAgent(agentId: string, event: CtiEvent): void {
    if (this.table.of(agentId).length === 0) return;
    this.table.toAgent(agentId, JSON.stringify(event));
  }

  /** See `ConnectChecks.authorize`: run before the upgrade; never rejects. */
  authorize(request: Pick<IncomingMessage, 'url'>): Promise<ConnectVerdict> {
    return this.checks.authorize(request);
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
    if (this.table.of(agentId).length >= this.maxSessionsPerAgent) {
      this.refuse(ws, CTI_CLOSE_CODES.tooManySessions, 'too-many-sessions', `at most ${this.maxSessionsPerAgent} open connections per agent: close another tab`);
      return;
    }
    if (verdict.expiresAt <= Date.now()) {
      this.refuse(ws, CTI_CLOSE_CODES.sessionEnded, 'session-ended', 'the token has expired: renew it or log in again', agentId, verdict.sid);
      return;
    }
    this.engine.agentConnected(agentId);
    // A new connection makes the agent reachable again (the engine cleared its stale mark).
    this.liveness.forget(agentId);
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
    const list = [...this.table.of(agentId)];
    // A new connection takes the phone only when nobody holds it, or when it asks to (`takeover=1`: the
    // agent confirmed, or the tab held the phone before it reconnected); else it follows. A second machine
    // logging in never takes a call from under the agent's hands unasked.
    const holder = list.find((other) => other.phone) ?? null;
    session.phone = !holder || verdict.takeover === true;
    if (session.phone && holder) holder.phone = false;
    list.push(session);
    this.table.set(agentId, list);
    this.sendSnapshot(session);
    if (session.phone && holder) this.tellPhoneTaken(holder);
    for (const other of list) if (other !== session) this.sendSessionInfo(other);

    ws.on('message', (data, isBinary) => this.onRawMessage(session, data, isBinary));
    ws.on('pong', () => this.liveness.heard(session));
    ws.on('close', () => this.onClose(session));
    ws.on('error', () => undefined);
  }

  /** Closes every connection of a server-side session (logout, revoke) with 4403. Returns how many. */
  endSession(sid: string, message = 'the session has ended: log in again'): number {
    this.checks.forget(sid);
    let n = 0;
    for (const [, list] of this.table.entries()) {
      for (const s of list) {
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
    for (const [agentId, list] of this.table.entries()) {
      if (this.engine.isActiveAgent(agentId)) continue;
      for (const s of list) {
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
    this.table.send(session, { type: 'error', code: errorCode, message });
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
    for (const [, list] of this.table.entries()) {
      for (const s of list) {
        if (s.expiresAt <= now) this.closeSession(s, CTI_CLOSE_CODES.sessionEnded, 'session-ended', 'the token expired without renewSession: log in again');
        else sids.add(s.sid);
      }
    }
    if (sids.size === 0 || this.checking) return;
    this.checking = true;
    try {
      const inactive = new Set(await this.accounts.inactiveSessions([...sids]));
      this.checks.confirmed([...sids].filter((sid) => !inactive.has(sid)), Date.now());
      for (const sid of inactive) this.endSession(sid);
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

  /** Every frame counts as a sign of life; the rate limit comes before any parsing. */
  private onRawMessage(session: Session, data: unknown, isBinary: boolean): void {
    this.framesReceived++;
    this.liveness.heard(session);
    if (session.closed) return;
    this.flood.admit(session, data, isBinary, () => this.onMessage(session, data, isBinary));
  }

  private onMessage(session: Session, data: unknown, isBinary: boolean): void {
    try {
      const reading = readClientFrame(data, isBinary);
      if (reading.kind === 'reject') {
        this.badFrames++;
        this.table.send(session, { type: 'reject', id: reading.id, reason: 'invalid-command', message: reading.message });
        return;
      }
      if (reading.kind === 'error') {
        this.badFrames++;
        this.table.send(session, { type: 'error', code: reading.code, message: reading.message });
        return;
      }
      const frame = reading.frame;
      switch (frame.type) {
        case 'ping':
          this.table.send(session, { type: 'pong', id: frame.id ?? null, serverTime: Date.now() });
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
      this.table.send(session, { type: 'error', code: 'internal', message: 'internal error' });
    }
  }

  private onCommand(session: Session, id: string, command: CtiCommand): void {
    if (command.name === 'takePhone') {
      const list = this.table.of(session.agentId);
      const holder = list.find((s) => s.phone && s !== session) ?? null;
      for (const s of list) s.phone = s === session;
      this.table.send(session, { type: 'ack', id, result: null });
      if (holder) this.tellPhoneTaken(holder);
      for (const s of list) this.sendSessionInfo(s);
      return;
    }
    if (command.name === 'subscribe') {
      session.topics = new Set(command.topics);
      this.table.send(session, { type: 'ack', id, result: null });
      // A fresh snapshot carries the full lists for the new topics.
      this.sendSnapshot(session);
      return;
    }
    if (command.name === 'renewSession') {
      this.renewSession(session, id, command.token);
      return;
    }
    if (!session.phone) {
      this.table.send(session, { type: 'reject', id, reason: 'not-phone-session', message: 'another session of this agent holds the phone' });
      return;
    }
    const reply = (outcome: CommandOutcome) => {
      // Events caused by the command were sent synchronously before, so the client sees them before the ack.
      if (outcome.ok) this.table.send(session, { type: 'ack', id, result: outcome.result });
      else this.table.send(session, { type: 'reject', id, reason: outcome.reason, message: outcome.message });
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
      this.table.send(session, { type: 'reject', id, reason: 'invalid-command', message });
      return;
    }
    if (claims.sub !== session.agentId || claims.sid !== session.sid) {
      this.table.send(session, { type: 'reject', id, reason: 'invalid-command', message: 'the token belongs to another session' });
      return;
    }
    session.expiresAt = Math.max(session.expiresAt, claims.exp * 1000);
    this.table.send(session, { type: 'ack', id, result: null });
  }

  private onClose(session: Session): void {
    if (session.closed) return;
    session.closed = true;
    this.flood.forget(session);
    const list = this.table.of(session.agentId).filter((s) => s !== session);
    this.table.set(session.agentId, list);
    // The engine forgets staleness on the next connect; so does the hub.
    if (list.length === 0) this.liveness.forget(session.agentId);
    else {
      if (session.phone) list[list.length - 1]!.phone = true;
      for (const s of list) this.sendSessionInfo(s);
    }
    this.engine.agentDisconnected(session.agentId);
  }

  private tellPhoneTaken(session: Session): void {
    this.table.send(session, phoneTakenFrame());
  }

  private sendSessionInfo(session: Session): void {
    this.table.send(session, sessionFrame(session, this.table.of(session.agentId).length));
  }

  private sendSnapshot(session: Session): void {
    this.table.send(session, snapshotFrame(this.engine, session, this.table.of(session.agentId).length || 1, this.heartbeatMs));
  }

  private flushLists(): void {
    const { agents, groups } = this.engine.takeListChanges();
    if (agents.length === 0 && groups.length === 0) return;
    const agentsBody = agents.length ? JSON.stringify({ type: 'agents', agents }) : null;
    const groupsBody = groups.length ? JSON.stringify({ type: 'groups', groups }) : null;
    for (const [, list] of this.table.entries()) {
      for (const s of list) {
        if (agentsBody && s.topics.has('agents')) this.table.sendRaw(s, agentsBody);
        if (groupsBody && s.topics.has('groups')) this.table.sendRaw(s, groupsBody);
      }
    }
  }

  /** Drops every connection of an agent as a network failure would (tests). */
  dropAgent(agentId: string): number {
    const list = [...this.table.of(agentId)];
    for (const s of list) s.ws.terminate();
    return list.length;
  }

  close(): void {
    clearInterval(this.heartbeatTimer);
    clearInterval(this.listTimer);
    clearInterval(this.sessionTimer);
    for (const [, list] of this.table.entries()) {
      for (const s of list) {
        s.ws.close(CTI_CLOSE_CODES.shutdown, 'shutdown');
        s.closed = true;
      }
    }
    this.table.clear();
  }
}
