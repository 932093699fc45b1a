import type { CtiTopic } from '@octopus/contracts';
import { CTI_CLOSE_CODES } from '@octopus/contracts';
import type { WebSocket } from 'ws';

/** One open WebSocket of an agent (a tab or device). Times are epoch ms. */
export interface Session {
  /** Random 12 hex characters, shown to the client in `session` frames. */
  id: string;
  agentId: string;
  /** The server-side session (the token's `sid`). */
  sid: string;
  /** When the token last presented for this connection expires (epoch ms); `renewSession` extends it. */
  expiresAt: number;
  ws: WebSocket;
  /** The last sequence number sent on this connection (every frame carries the next one). */
  seq: number;
  topics: Set<CtiTopic>;
  /** This connection holds the agent's phone (commands other than takePhone/subscribe/renew are its alone). */
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

/**
 * The open sessions by agent, and the one way frames go out: each frame gets the connection's next
 * sequence number; a connection with more than `maxBufferedBytes` queued is closed (4429
 * `slow-consumer`) and `onDropped` is told, since a client that does not read resyncs on reconnect.
 */
export class SessionTable {
  private readonly byAgent = new Map<string, Session[]>();
  /** Frames written to sockets (for /health and tests). */
  framesSent = 0;

  constructor(
    private readonly maxBufferedBytes: number,
    private readonly onDropped: (session: Session) => void,
    private readonly log: (message: string) => void,
  ) {}

  /** Open connections in total. */
  get count(): number {
    let n = 0;
    for (const list of this.byAgent.values()) n += list.length;
    return n;
  }

  /** The agent's open sessions, oldest first (empty when none). */
  of(agentId: string): Session[] {
    return this.byAgent.get(agentId) ?? [];
  }

  has(agentId: string): boolean {
    return this.byAgent.has(agentId);
  }

  set(agentId: string, list: Session[]): void {
    if (list.length === 0) this.byAgent.delete(agentId);
    else this.byAgent.set(agentId, list);
  }

  /** A copy of every agent's list, safe to iterate while sessions close. */
  entries(): Array<[string, Session[]]> {
    return [...this.byAgent].map(([agentId, list]) => [agentId, [...list]]);
  }

  clear(): void {
    this.byAgent.clear();
  }

  /** `body` (a serialised event) to every connection of the agent. */
  toAgent(agentId: string, body: string): void {
    for (const s of this.of(agentId)) this.sendRaw(s, body);
  }

  send(session: Session, body: object): void {
    this.sendRaw(session, JSON.stringify(body));
  }

  /** `body` is a serialised object; the session's sequence number is spliced in without re-serialising. */
  sendRaw(session: Session, body: string): void {
    if (session.closed) return;
    const ws = session.ws;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > this.maxBufferedBytes) {
      this.log(`session ${session.id} of ${session.agentId} is not reading: dropped`);
      ws.close(CTI_CLOSE_CODES.slowConsumer, 'slow-consumer');
      this.onDropped(session);
      return;
    }
    session.seq++;
    this.framesSent++;
    ws.send(`{"seq":${session.seq},${body.slice(1)}`);
  }
}
