// The shape of call control as a command table: one handler per command, looked up by its name.
import type { CommandResult, CtiCommand, CtiCommandName } from '@octopus/contracts';
import { errorSummary } from '../log';
import { Rejection, type Agent, type CommandOutcome } from './model';
import type { EngineState } from './state';

/**
 * Handles one command of `agent` inside a step: changes the state and returns the command's result
 * (`null` for a plain ack). @throws Rejection for a command the state does not allow (nothing changed).
 */
export type CommandHandler<N extends CtiCommandName> = (s: EngineState, agent: Agent, command: Extract<CtiCommand, { name: N }>) => CommandResult | null;

/** A handler for some commands (each mechanism's part of the table). */
export type CommandHandlers<N extends CtiCommandName> = { [K in N]: CommandHandler<K> };

/**
 * Runs `body` as one step for a command of `agentId`: a Rejection becomes `{ ok: false, reason }`
 * (the step commits what happened before it, which is nothing for a handler that checks first);
 * anything else is logged and answered `internal`.
 */
export function runCommand(s: EngineState, agentId: string, commandName: CtiCommandName, body: () => CommandResult | null): CommandOutcome {
  try {
    return { ok: true, result: s.run(body) };
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, reason: error.reason, message: error.message };
    s.log(`command ${commandName} by ${agentId} failed: ${errorSummary(error)}`);
    return { ok: false, reason: 'internal', message: 'internal error' };
  }
}
