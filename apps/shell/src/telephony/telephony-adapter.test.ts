import type { CtiCommand } from '@octopus/contracts';
import { createPhoneActions, type ConnectionEnd, type TelephonyDriver } from '@octopus/telephony';
import { bindCustomer, renewTelephonySession, sessionEndFor } from './telephony-adapter';

function recordingActions(result: Record<string, unknown> | null = { grant: 'g-1' }) {
  const commands: CtiCommand[] = [];
  const driver: TelephonyDriver = {
    start: () => undefined,
    stop: () => undefined,
    command: async (command) => {
      commands.push(command);
      return result as never;
    },
  };
  return { actions: createPhoneActions(() => driver), commands };
}

const end = (reason: ConnectionEnd['reason'], code: number): ConnectionEnd => ({ reason, code, message: '', at: 0 });

describe('telephony adapter', () => {
  it('binds with the api’s proof when a check passed, and without one for a search result', async () => {
    const { actions, commands } = recordingActions();
    await expect(bindCustomer(actions, 'call-1', 'U0000001', 'agent-confirm', 'proof.token')).resolves.toBe('g-1');
    await expect(bindCustomer(actions, 'call-1', 'U0000002', 'agent-search')).resolves.toBe('g-1');
    await bindCustomer(actions, 'call-1', 'U0000002', 'agent-confirm', null);
    expect(commands).toEqual([
      { name: 'bindCustomer', callId: 'call-1', userId: 'U0000001', method: 'agent-confirm', proof: 'proof.token' },
      { name: 'bindCustomer', callId: 'call-1', userId: 'U0000002', method: 'agent-search' },
      { name: 'bindCustomer', callId: 'call-1', userId: 'U0000002', method: 'agent-confirm' },
    ]);
  });

  it('hands a renewed token to the open connection as a renewSession command', async () => {
    const { actions, commands } = recordingActions(null);
    await renewTelephonySession(actions, 'token-2');
    expect(commands).toEqual([{ name: 'renewSession', token: 'token-2' }]);
  });

  it('maps why the server ended the connection to the end of the session; a flood only reconnects', () => {
    expect(sessionEndFor(end('session-ended', 4403))).toBe('ended');
    expect(sessionEndFor(end('unauthorized', 4401))).toBe('ended');
    expect(sessionEndFor(end('too-many-sessions', 4410))).toBe('too-many-sessions');
    expect(sessionEndFor(end('flooding', 4430))).toBeNull();
    expect(sessionEndFor(null)).toBeNull();
  });
});
