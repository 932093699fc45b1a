import type { CommandResult, CtiCommand, CtiEvent } from '@octopus/contracts';

/** `session-ended`: the server ended the agent's session (logout, revoke, expiry); log in again. */
export type ConnectionStatus = 'offline' | 'connecting' | 'connected' | 'reconnecting' | 'session-ended';

/**
 * Why the server ended the connection, when the client must not simply reconnect as if nothing happened.
 * - `session-ended` (close 4403): logout, revoke or expiry; log in again (the driver stops).
 * - `too-many-sessions` (4410): the agent has the maximum of open tabs; close one (the driver stops).
 * - `flooding` (4430): this client sent too many frames; the driver reconnects with backoff.
 * - `unauthorized` (4401): the token was refused (the driver stops when its token is fixed).
 */
export type ConnectionEndReason = 'session-ended' | 'too-many-sessions' | 'flooding' | 'unauthorized';

export interface ConnectionEnd {
  reason: ConnectionEndReason;
  /** The WebSocket close code. */
  code: number;
  /** The server's words (its last `error` frame), for the agent. */
  message: string;
  /** Epoch ms. */
  at: number;
}

/** What a driver reports to whoever binds it to a store. */
export interface DriverSink {
  event(event: CtiEvent): void;
  /** `end` says why the server closed the connection (see {@link ConnectionEnd}); absent otherwise. */
  connection(status: ConnectionStatus, end?: ConnectionEnd): void;
}

export interface CommandOptions {
  /** Reject with `timeout` after this long (default 8 s). */
  timeoutMs?: number;
}

/**
 * The seam between the store and a telephony vendor: anything that turns the vendor's signalling into
 * Octopus events and Octopus commands into vendor requests. The store and every component only know this.
 */
export interface TelephonyDriver {
  start(sink: DriverSink): void;
  stop(): void;
  /** Resolves with the server's ack; rejects with a {@link CommandError}. */
  command(command: CtiCommand, options?: CommandOptions): Promise<CommandResult | null>;
  /** Use this agent token from now on (every later reconnect); drivers without tokens ignore it. */
  setToken?(token: string): void;
}

export type CommandErrorReason = 'offline' | 'timeout' | 'connection-lost' | 'no-driver' | (string & {});

export class CommandError extends Error {
  constructor(
    readonly reason: CommandErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}
