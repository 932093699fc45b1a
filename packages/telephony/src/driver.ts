// The seam between the telephony client and a vendor's signalling: the driver interface, what a driver
// reports (connection status and endings) and the error its commands reject with. Types only, plus
// `CommandError`: it imports nothing of the store or the client.
import type { CommandResult, CtiCommand, CtiEvent, RejectReason } from '@octopus/contracts';

/**
 * The driver's connection: `offline` (not started, stopped, or stopped by the server), `connecting`
 * (first attempt), `connected` (synced: a snapshot arrived), `reconnecting` (lost; retrying with backoff),
 * `session-ended` (the server ended the agent's session — logout, revoke, expiry; log in again).
 */
export type ConnectionStatus = 'offline' | 'connecting' | 'connected' | 'reconnecting' | 'session-ended';

/**
 * Why the server ended the connection, when the client must not simply reconnect as if nothing happened.
 * - `session-ended` (close 4403): logout, revoke or expiry; log in again (the driver stops).
 * - `too-many-sessions` (4410): the agent has the maximum of open tabs; close one (the driver stops).
 * - `flooding` (4430): this client sent too many frames; the driver reconnects with backoff.
 * - `unauthorized` (4401): the token was refused (the driver stops when its token is fixed).
 */
export type ConnectionEndReason = 'session-ended' | 'too-many-sessions' | 'flooding' | 'unauthorized';

/** A server-side ending of the connection, as the store records it in `connectionEnd`. */
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

/** Per-command options of {@link TelephonyDriver.command}. */
export interface CommandOptions {
  /** Reject with `timeout` after this long, ms (default: the driver's, 8000 for the CTI driver). */
  timeoutMs?: number;
}

/**
 * The seam between the store and a telephony vendor: anything that turns the vendor's signalling into
 * Octopus events and Octopus commands into vendor requests. The store and every component only know this.
 */
export interface TelephonyDriver {
  /** Starts connecting (and reconnecting) and reports to `sink`. Starting a started driver only replaces the sink. */
  start(sink: DriverSink): void;
  /** Disconnects for good: pending commands reject with `offline`; the sink is told `offline`. */
  stop(): void;
  /** Resolves with the server's ack; rejects with a {@link CommandError}. */
  command(command: CtiCommand, options?: CommandOptions): Promise<CommandResult | null>;
  /** Use this agent token from now on (every later reconnect); drivers without tokens ignore it. */
  setToken?(token: string): void;
}

/**
 * Why a command failed. The driver's own: `offline` (not connected, or stopped while it waited),
 * `timeout` (no reply in time), `connection-lost` (the connection dropped while it waited; the next
 * snapshot shows whether it took effect), `no-driver` (no driver connected). Otherwise the server's
 * `reject` reason ({@link RejectReason}, `REJECT_REASONS` of @octopus/contracts); a reason this client
 * does not know (a newer server's) arrives as `internal`, its words kept in the message.
 */
export type CommandErrorReason = 'offline' | 'timeout' | 'connection-lost' | 'no-driver' | RejectReason;

/** What every phone action and `TelephonyDriver.command` reject with. `message` is for logs and the agent. */
export class CommandError extends Error {
  constructor(
    readonly reason: CommandErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}
