import type { CommandResult, CtiCommand, SelectableAgentState, TransferTarget } from '@octopus/contracts';
import { CommandError, type CommandOptions, type TelephonyDriver } from './driver';

/**
 * One function per phone action (docs/protocol.md lists the commands). Each resolves when the server
 * acknowledges it — the state change itself arrives as events in the store — and rejects with a
 * {@link CommandError}: `no-driver`, `offline`, `timeout`, `connection-lost`, or the server's reason
 * (`not-found` for an unknown call, `not-your-call`, `invalid-state` when the call is not in a state the
 * action applies to, `disposition-required`, `rate-limited`, …; `REJECT_REASONS` of @octopus/contracts).
 * `callId` is always the Octopus call id (`CallView.id`).
 */
export interface PhoneActions {
  /** Sends any command; resolves with the server's ack result (null for most commands). */
  send(command: CtiCommand, options?: CommandOptions): Promise<CommandResult | null>;
  /** Chooses the agent's state; during a call it becomes `nextState`, taken when the call ends. Rejects `disposition-required` in a wrap-up that needs a code. */
  setState(state: SelectableAgentState): Promise<void>;
  /** Answers a ringing call offered to this agent. Rejects `invalid-state` when it no longer rings. */
  answer(callId: string): Promise<void>;
  /** Declines a ringing offer; the call goes back to routing. */
  reject(callId: string): Promise<void>;
  /** Ends this agent's part of the call (into wrap-up); in wrap-up, ends the wrap-up. */
  hangup(callId: string): Promise<void>;
  /** Puts the customer on hold (music); `CallView.heldSince` starts. */
  hold(callId: string): Promise<void>;
  /** Takes the customer off hold. */
  resume(callId: string): Promise<void>;
  /** Mutes this agent's microphone towards the customer. */
  mute(callId: string): Promise<void>;
  /** Unmutes it. */
  unmute(callId: string): Promise<void>;
  /** Sends DTMF digits (0–9, *, #) to the customer's line; they are appended to `CallView.dtmfSent`. */
  dtmf(callId: string, digits: string): Promise<void>;
  /** Blind transfer to an agent or a skill group's queue. Rejects `agent-unavailable`, `no-idle-agent` or `unknown-group`. */
  transfer(callId: string, target: TransferTarget): Promise<void>;
  /** Withdraws a transfer that is still ringing at its target. */
  cancelTransfer(callId: string): Promise<void>;
  /** Consults an agent or group while the customer holds. Rejects as `transfer` does. */
  consult(callId: string, target: TransferTarget): Promise<void>;
  /** Hands the customer to the consulted party and leaves the call. */
  consultTransfer(callId: string): Promise<void>;
  /** Joins customer, this agent and the consulted party in a conference. */
  consultConference(callId: string): Promise<void>;
  /** Ends the consultation and returns to the customer. */
  consultReturn(callId: string): Promise<void>;
  /** Sends the customer to the satisfaction survey; this agent's part ends. */
  transferToSurvey(callId: string): Promise<void>;
  /** Asks the customer to rate the call at its end; the rating arrives in `CallView.rating`. */
  inviteRating(callId: string): Promise<void>;
  /** Calls `number` out (through `skillGroup`'s caller id when given). Resolves with the new call's id; rejects `internal` when the server returns none. */
  callOut(number: string, skillGroup?: string): Promise<string>;
  /**
   * Binds an account to the call; resolves with the fresh grant (or null when none). Without `proof`
   * (the api's `POST /identity/verify` answer) the call is only identified (masked data); with a valid
   * one it is verified. Rejects `not-found` for an account that does not exist.
   */
  bindCustomer(callId: string, userId: string, method: 'agent-confirm' | 'agent-search', proof?: string): Promise<string | null>;
  /** A fresh per-call customer grant (JWT for the api) before the current one expires; null when the call has no customer bound. */
  refreshGrant(callId: string): Promise<string | null>;
  /**
   * The wrap-up code of this agent's part of the call (one of its group's codes). The server stores it on
   * the call record; in a group that requires one it is what lets after-call work end. Rejects
   * `invalid-command` for another group's code.
   */
  setDisposition(callId: string, code: string): Promise<void>;
  /** Makes this tab the one that holds the phone (rings, audio); the agent's other tabs follow. */
  takePhone(): Promise<void>;
  /**
   * Hands the server a renewed agent token (from `POST /auth/refresh`) so the open socket outlives the
   * old one's expiry, and makes the driver use it for every later reconnect. Offline, only the latter.
   */
  renewSession(token: string): Promise<void>;
}

/**
 * Actions over whichever driver `getDriver` returns at call time (the client's connected one), so the
 * object stays valid across reconnects and driver changes. With no driver every action rejects `no-driver`.
 */
export function createPhoneActions(getDriver: () => TelephonyDriver | null): PhoneActions {
  const send = (command: CtiCommand, options?: CommandOptions): Promise<CommandResult | null> => {
    const driver = getDriver();
    if (!driver) return Promise.reject(new CommandError('no-driver', 'no telephony driver is connected'));
    return driver.command(command, options);
  };
  const run = (command: CtiCommand): Promise<void> => send(command).then(() => undefined);
  return {
    send,
    setState: (state) => run({ name: 'setState', state }),
    answer: (callId) => run({ name: 'answer', callId }),
    reject: (callId) => run({ name: 'reject', callId }),
    hangup: (callId) => run({ name: 'hangup', callId }),
    hold: (callId) => run({ name: 'hold', callId }),
    resume: (callId) => run({ name: 'resume', callId }),
    mute: (callId) => run({ name: 'mute', callId }),
    unmute: (callId) => run({ name: 'unmute', callId }),
    dtmf: (callId, digits) => run({ name: 'dtmf', callId, digits }),
    transfer: (callId, target) => run({ name: 'transfer', callId, target }),
    cancelTransfer: (callId) => run({ name: 'cancelTransfer', callId }),
    consult: (callId, target) => run({ name: 'consult', callId, target }),
    consultTransfer: (callId) => run({ name: 'consultTransfer', callId }),
    consultConference: (callId) => run({ name: 'consultConference', callId }),
    consultReturn: (callId) => run({ name: 'consultReturn', callId }),
    transferToSurvey: (callId) => run({ name: 'transferToSurvey', callId }),
    inviteRating: (callId) => run({ name: 'inviteRating', callId }),
    callOut: async (number, skillGroup) => {
      const result = await send({ name: 'callOut', number, ...(skillGroup ? { skillGroup } : {}) });
      if (!result?.callId) throw new CommandError('internal', 'the server did not return a call id');
      return result.callId;
    },
    bindCustomer: async (callId, userId, method, proof) =>
      (await send({ name: 'bindCustomer', callId, userId, method, ...(proof !== undefined && { proof }) }))?.grant ?? null,
    refreshGrant: async (callId) => (await send({ name: 'refreshGrant', callId }))?.grant ?? null,
    setDisposition: (callId, code) => run({ name: 'setDisposition', callId, code }),
    takePhone: () => run({ name: 'takePhone' }),
    renewSession: async (token) => {
      const driver = getDriver();
      if (!driver) throw new CommandError('no-driver', 'no telephony driver is connected');
      driver.setToken?.(token);
      try {
        await driver.command({ name: 'renewSession', token });
      } catch (error) {
        // Not connected: the next connection presents the new token anyway.
        if (error instanceof CommandError && (error.reason === 'offline' || error.reason === 'connection-lost')) return;
        throw error;
      }
    },
  };
}
