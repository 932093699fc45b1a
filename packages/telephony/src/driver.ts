import type { CommandResult, CtiCommand, CtiEvent } from '@octopus/contracts';
import type { ConnectionStatus } from './store';

/** What a driver reports to whoever binds it to a store. */
export interface DriverSink {
  event(event: CtiEvent): void;
  connection(status: ConnectionStatus): void;
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
