// The client joins store, actions and driver: these tests use recording drivers, no server (the client
// against a real cti-server is tested in apps/cti-server/src/telephony-client).
import type { CtiCommand } from '@octopus/contracts';
import { TelephonyClient } from './client';
import { CommandError, type DriverSink, type TelephonyDriver } from './driver';
import { createTelephonyStore } from './store';
import { callEvent, snapshot } from './testing/events';

/** A driver that records commands and tokens, and keeps the sink it was started with. */
function recordingDriver(fail?: CommandError) {
  const commands: CtiCommand[] = [];
  const tokens: string[] = [];
  const sinks: Array<DriverSink | null> = [];
  let stopped = 0;
  const driver: TelephonyDriver = {
    start: (sink) => void sinks.push(sink),
    stop: () => void stopped++,
    command: async (command) => {
      commands.push(command);
      if (fail) throw fail;
      return command.name === 'bindCustomer' ? { grant: 'g' } : null;
    },
    setToken: (token) => tokens.push(token),
  };
  return { driver, commands, tokens, sink: () => sinks.at(-1)!, stopped: () => stopped };
}

describe('TelephonyClient', () => {
  it('rejects every action with no-driver before a driver is connected and after it stopped', async () => {
    const client = new TelephonyClient();
    await expect(client.actions.answer('C1')).rejects.toMatchObject({ reason: 'no-driver' });
    const d = recordingDriver();
    const stop = client.connect(d.driver);
    expect(client.driver).toBe(d.driver);
    await client.actions.answer('C1');
    expect(d.commands).toEqual([{ name: 'answer', callId: 'C1' }]);
    stop();
    expect(d.stopped()).toBe(1);
    expect(client.driver).toBeNull();
    await expect(client.actions.hangup('C1')).rejects.toBeInstanceOf(CommandError);
  });

  it("feeds the driver's events and connection changes to its store", () => {
    const client = new TelephonyClient();
    const d = recordingDriver();
    client.connect(d.driver);
    d.sink().connection('connected');
    d.sink().event(snapshot(1));
    d.sink().event(callEvent('A', 2));
    expect(client.store.getState()).toMatchObject({ connection: 'connected', callIds: ['A'], activeCallId: 'A' });
  });

  it('feeds a store it is given, and a stale stop does not detach the driver connected after it', async () => {
    const store = createTelephonyStore();
    const client = new TelephonyClient({ store });
    expect(client.store).toBe(store);
    const first = recordingDriver();
    const stopFirst = client.connect(first.driver);
    const second = recordingDriver();
    client.connect(second.driver);
    stopFirst();
    expect(client.driver).toBe(second.driver);
    await client.actions.hold('C1');
    expect(second.commands).toEqual([{ name: 'hold', callId: 'C1' }]);
    expect(first.commands).toEqual([]);
  });

  it('keeps one actions object for its lifetime (components hold it across reconnects)', () => {
    const client = new TelephonyClient();
    const actions = client.actions;
    client.connect(recordingDriver().driver)();
    client.connect(recordingDriver().driver);
    expect(client.actions).toBe(actions);
  });
});

describe('client-side session API', () => {
  it('bindCustomer sends the proof when there is one', async () => {
    const client = new TelephonyClient();
    const d = recordingDriver();
    client.connect(d.driver);
    expect(await client.actions.bindCustomer('C1', 'U1', 'agent-search')).toBe('g');
    expect(await client.actions.bindCustomer('C1', 'U1', 'agent-confirm', 'proof-token')).toBe('g');
    expect(d.commands).toEqual([
      { name: 'bindCustomer', callId: 'C1', userId: 'U1', method: 'agent-search' },
      { name: 'bindCustomer', callId: 'C1', userId: 'U1', method: 'agent-confirm', proof: 'proof-token' },
    ]);
  });

  it('renewSession sets the driver’s token and sends the command; offline it only sets the token', async () => {
    const client = new TelephonyClient();
    const online = recordingDriver();
    client.connect(online.driver);
    await client.actions.renewSession('t2');
    expect(online.tokens).toEqual(['t2']);
    expect(online.commands).toEqual([{ name: 'renewSession', token: 't2' }]);
    const offline = recordingDriver(new CommandError('offline', 'not connected'));
    client.connect(offline.driver);
    await expect(client.actions.renewSession('t3')).resolves.toBeUndefined();
    expect(offline.tokens).toEqual(['t3']);
    const refused = recordingDriver(new CommandError('invalid-command', 'the token belongs to another session'));
    client.connect(refused.driver);
    await expect(client.actions.renewSession('t4')).rejects.toMatchObject({ reason: 'invalid-command' });
  });

  it('store: session-ended is kept with its reason until a new connection succeeds; reset clears it', () => {
    const store = createTelephonyStore();
    const end = { reason: 'session-ended' as const, code: 4403, message: 'log in again', at: 1 };
    store.setConnection('session-ended', end);
    expect(store.getState()).toMatchObject({ connection: 'session-ended', connectionEnd: end });
    store.setConnection('offline');
    expect(store.getState().connectionEnd).toBe(end);
    store.setConnection('connected');
    expect(store.getState().connectionEnd).toBeNull();
    store.setConnection('session-ended', end);
    store.reset();
    expect(store.getState()).toMatchObject({ connection: 'offline', connectionEnd: null });
  });
});
