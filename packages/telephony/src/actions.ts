import type { CommandResult, CtiCommand, SelectableAgentState, TransferTarget } from '@octopus/contracts';
import { CommandError, type CommandOptions, type TelephonyDriver } from './driver';

/** One function per phone action. Each resolves when the server acknowledges it; state follows by events. */
export interface PhoneActions {
  send(command: CtiCommand, options?: CommandOptions): Promise<CommandResult | null>;
  setState(state: SelectableAgentState): Promise<void>;
  answer(callId: string): Promise<void>;
  reject(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  hold(callId: string): Promise<void>;
  resume(callId: string): Promise<void>;
  mute(callId: string): Promise<void>;
  unmute(callId: string): Promise<void>;
  dtmf(callId: string, digits: string): Promise<void>;
  transfer(callId: string, target: TransferTarget): Promise<void>;
  cancelTransfer(callId: string): Promise<void>;
  consult(callId: string, target: TransferTarget): Promise<void>;
  consultTransfer(callId: string): Promise<void>;
  consultConference(callId: string): Promise<void>;
  consultReturn(callId: string): Promise<void>;
  transferToSurvey(callId: string): Promise<void>;
  inviteRating(callId: string): Promise<void>;
  /** Resolves with the new call's id. */
  callOut(number: string, skillGroup?: string): Promise<string>;
  /**
   * Binds an account to the call; resolves with the fresh grant (or null when none). Without `proof`
   * (the api's `POST /identity/verify` answer) the call is only identified (masked data); with a valid
   * one it is verified. Rejects `not-found` for an account that does not exist.
   */
  bindCustomer(callId: string, userId: string, method: 'agent-confirm' | 'agent-search', proof?: string): Promise<string | null>;
  refreshGrant(callId: string): Promise<string | null>;
  /**
   * The wrap-up code of this agent's part of the call (one of its group's codes). The server stores it on
   * the call record; in a group that requires one it is what lets after-call work end. Rejects
   * `invalid-command` for another group's code.
   */
  setDisposition(callId: string, code: string): Promise<void>;
  takePhone(): Promise<void>;
  /**
   * Hands the server a renewed agent token (from `POST /auth/refresh`) so the open socket outlives the
   * old one's expiry, and makes the driver use it for every later reconnect. Offline, only the latter.
   */
  renewSession(token: string): Promise<void>;
}

/** Actions over whichever driver `getDriver` returns at call time (the store's attached one). */
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
