import type { CtiEngine } from '../../engine/engine';
import type { AccountDirectory, AuditSink } from '../../engine/ports';

/** What the hub is built from; every duration is in milliseconds. */
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
  /** Agent and group list changes are batched and sent at most this often. Default 500. */
  listFlushMs?: number;
  /** A client that does not read is disconnected (it resyncs on reconnect) once this much is queued (bytes). Default 8 MiB. */
  maxBufferedBytes?: number;
  log?: (message: string) => void;
}
