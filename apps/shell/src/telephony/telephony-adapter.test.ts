import { CTI_CLOSE_CODES, type CtiCommand } from '@octopus/contracts';
import { createPhoneActions, type PhoneActions, type TelephonyDriver, type WebSocketLike } from '@octopus/telephony';
import { bindCustomer, closeWatchingWebSocket, renewTelephonySession, sessionEndForClose } from './telephony-adapter';

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

  it('hands a renewed token to the connection: the telephony action when there is one, else the renewSession command', async () => {
    const { actions, commands } = recordingActions(null);
    await renewTelephonySession(actions, 'token-2');
    expect(commands).toEqual([{ name: 'renewSession', token: 'token-2' }]);
    const renewSession = jest.fn(async () => undefined);
    await renewTelephonySession({ ...actions, renewSession } as PhoneActions, 'token-3');
    expect(renewSession).toHaveBeenCalledWith('token-3');
    expect(commands).toHaveLength(1);
  });

  it('maps the server’s close codes to the end of the session', () => {
    expect(sessionEndForClose(CTI_CLOSE_CODES.sessionEnded)).toBe('ended');
    expect(sessionEndForClose(CTI_CLOSE_CODES.unauthorized)).toBe('ended');
    expect(sessionEndForClose(CTI_CLOSE_CODES.tooManySessions)).toBe('too-many-sessions');
    for (const code of [1000, 1006, CTI_CLOSE_CODES.heartbeatTimeout, CTI_CLOSE_CODES.replaced, CTI_CLOSE_CODES.shutdown, CTI_CLOSE_CODES.flooding]) {
      expect(sessionEndForClose(code)).toBeNull();
    }
  });

  it('reports close codes of the sockets it makes, and otherwise behaves as the socket', () => {
    const made: FakeSocket[] = [];
    class FakeSocket implements WebSocketLike {
      readyState = 0;
      onopen: WebSocketLike['onopen'] = null;
      onmessage: WebSocketLike['onmessage'] = null;
      onclose: WebSocketLike['onclose'] = null;
      onerror: WebSocketLike['onerror'] = null;
      sent: string[] = [];
      constructor(readonly url: string) {
        made.push(this);
      }
      send(data: string) {
        this.sent.push(data);
      }
      close() {}
    }
    const closes: number[] = [];
    const Watching = closeWatchingWebSocket((code) => closes.push(code), FakeSocket);
    const socket = new Watching('ws://cti/ws?token=t');
    const events: string[] = [];
    socket.onopen = () => events.push('open');
    socket.onmessage = (event) => events.push(`message ${String(event.data)}`);
    socket.onclose = (event) => events.push(`close ${event.code}`);
    made[0]!.readyState = 1;
    made[0]!.onopen?.({});
    made[0]!.onmessage?.({ data: 'hi' });
    socket.send('ping');
    made[0]!.onclose?.({ code: 4403, reason: 'session-ended' });
    expect(made[0]!.url).toBe('ws://cti/ws?token=t');
    expect(socket.readyState).toBe(1);
    expect(made[0]!.sent).toEqual(['ping']);
    expect(events).toEqual(['open', 'message hi', 'close 4403']);
    expect(closes).toEqual([4403]);
  });
});
