// The CTI WebSocket driver's public shapes: its options, its counters, and the slice of the WebSocket
// API it needs (a seam: tests hand it a fake socket, Node hands it the `ws` package's class).
import type { CtiTopic } from '@octopus/contracts';
import type { ConnectionEnd, TelephonyDriver } from '../driver';

/** The part of the browser WebSocket API the driver uses (the `ws` package matches it in Node). */
export interface WebSocketLike {
  /** 1 is OPEN (the WebSocket API's constants). */
  readonly readyState: number;
  /** Event handlers the driver sets; the socket calls them as the WebSocket API does. */
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
/** A WebSocket class: the browser's `WebSocket`, or `ws` in Node. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Options of {@link createCtiDriver}. */
export interface CtiDriverOptions {
  /** `ws://host:4000/ws` (an http(s) base URL is accepted and converted). */
  url: string;
  /**
   * The agent token, or a function that returns a fresh one for each (re)connect. A token given later
   * with `setToken` (or `actions.renewSession`) replaces it.
   */
  token: string | (() => string | Promise<string>);
  /** List subscriptions; default agents and groups. */
  topics?: CtiTopic[];
  /**
   * Take the phone on the first connect even if another connection of the agent holds it (`takeover=1`):
   * the tab held it before a reload. Default false: the connection follows while another holds the phone.
   * Later reconnects ask for it by themselves whenever this connection held the phone when it was lost.
   */
  takeover?: boolean;
  /** Defaults to the global WebSocket (browsers); pass `ws`'s class in Node. */
  WebSocket?: WebSocketConstructor;
  /**
   * How often the client pings, ms. Default: the server's `config.heartbeatMs` from the snapshot
   * (1500 until the first snapshot). The server answers each ping with a sequenced `pong`, so a lost
   * frame shows as a gap (and is resynced) within one heartbeat.
   */
  heartbeatMs?: number;
  /**
   * The connection counts as dead when nothing arrived for this long, ms (checked every ≤ 500 ms, so a
   * dead connection is noticed within `deadAfterMs` + 0.5 s). Default 2.5 × the heartbeat (3.75 s).
   */
  deadAfterMs?: number;
  /** A command not acknowledged within this long rejects with `CommandError('timeout')`, ms. Default 8000 (per call: `CommandOptions.timeoutMs`). */
  commandTimeoutMs?: number;
  /** Reconnect delay: initial × 2^attempt, capped, with ±50 % jitter so a restart is not a thundering herd. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Source of the jitter and of the command id prefix, in [0, 1). Default `Math.random` (tests fix it). */
  random?: () => number;
  /** The server refused the token (close 4401) and `token` is a fixed string: the driver stops. */
  onAuthError?: (message: string) => void;
  /**
   * The server ended the connection for a reason the agent must see: session ended (4403) or too many
   * sessions (4410), after which the driver stops, or flooding (4430), after which it reconnects.
   */
  onConnectionEnd?: (end: ConnectionEnd) => void;
}


/** Counters since the driver was created (diagnostics, tests, the chaos run). All counts, never reset. */
export interface CtiDriverStats {
  /** WebSockets opened (first connect and every reconnect). */
  connects: number;
  /** Frames received, readable or not. */
  framesReceived: number;
  /** Frames that were not JSON or not a valid server frame (`serverFrameSchema`); dropped. */
  framesInvalid: number;
  /** Frames whose `seq` was not above the last one seen (late or repeated; still applied, events are versioned). */
  duplicates: number;
  /** Times a `seq` skipped ahead: frames were lost, a resync was asked for. */
  gaps: number;
  /** `sync` requests sent (a fresh snapshot asked for after a gap). */
  resyncs: number;
  /** Snapshots received. */
  snapshots: number;
  /** Commands sent (acknowledged or not). */
  commandsSent: number;
}

/** The CTI WebSocket driver: a {@link TelephonyDriver} with counters, token renewal and a test seam. */
export interface CtiDriver extends TelephonyDriver {
  /** Live counters (the same object, updated in place). */
  readonly stats: CtiDriverStats;
  /** Uses `token` for every later (re)connect; sends nothing. */
  setToken(token: string): void;
  /**
   * Sends `renewSession` with a renewed token of the same session (from `POST /auth/refresh`) and uses
   * that token for every later reconnect. Offline, it only does the latter. Same as `actions.renewSession`.
   */
  renewSession(token: string): Promise<void>;
  /** Drops the connection as a network failure would; the driver reconnects (tests, diagnostics). */
  dropConnection(): void;
}
