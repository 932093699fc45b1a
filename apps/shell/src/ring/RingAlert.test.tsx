import { Profiler } from 'react';
import { act, fireEvent, screen } from '@testing-library/react';
import { createHarness, renderWith } from '../test-utils';
import { RINGTONE_MUTED_KEY, RingAlert } from './RingAlert';
import type { RingtoneAudio } from './ringtone';

/** A Web Audio stand-in that records what the ringtone did. */
function fakeAudio() {
  const log = { oscillatorsStarted: 0, oscillatorsStopped: 0, created: 0 };
  const create = (): RingtoneAudio => {
    log.created += 1;
    return {
      currentTime: 0,
      state: 'running',
      destination: {},
      resume: async () => undefined,
      createOscillator: () => ({
        type: 'sine',
        frequency: { value: 0 },
        connect: () => undefined,
        start: () => void (log.oscillatorsStarted += 1),
        stop: () => void (log.oscillatorsStopped += 1),
      }),
      createGain: () => ({
        gain: { value: 0, setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined },
        connect: () => undefined,
        disconnect: () => undefined,
      }),
    };
  };
  return { log, create };
}

async function tick(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
}

describe('<RingAlert>', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    window.localStorage.clear();
    document.title = 'Octopus';
  });
  afterEach(() => jest.useRealTimers());

  async function ringing(audio = fakeAudio()) {
    const harness = createHarness();
    await renderWith(
      harness,
      <>
        <RingAlert createAudio={audio.create} />
        <div data-testid="caller-panel">
          <textarea aria-label="Notes" />
        </div>
        <input aria-label="Search" />
      </>,
    );
    await tick(50); // snapshot
    await act(async () => void harness.driver.ring());
    await tick(20);
    return { harness, audio };
  }

  it('counts down to the ring timeout, titles the tab and announces the call; all restored after Answer', async () => {
    const { harness } = await ringing();
    expect(screen.getByTestId('ring-countdown')).toHaveTextContent('20 s left');
    expect(document.title).toMatch(/^📞 Incoming call \d+ · Octopus$/);
    expect(screen.getByTestId('ring-announcement')).toHaveTextContent(/Incoming call \d+, 20 seconds to answer/);
    await tick(5000);
    expect(screen.getByTestId('ring-countdown')).toHaveTextContent('15 s left');
    const callId = harness.store.getState().activeCallId!;
    await act(async () => void harness.client.actions.answer(callId));
    await tick(50);
    expect(screen.queryByTestId('ring-alert')).not.toBeInTheDocument();
    expect(document.title).toBe('Octopus');
    expect(screen.getByTestId('ring-announcement')).toHaveTextContent('');
  });

  it('the countdown wakes once a second, when the second it shows changes (not four times a second)', async () => {
    const harness = createHarness();
    const commits: number[] = [];
    await renderWith(
      harness,
      <Profiler id="ring" onRender={(_id, _phase, actualDuration, baseDuration) => void commits.push(baseDuration)}>
        <RingAlert createAudio={fakeAudio().create} />
      </Profiler>,
    );
    await tick(50);
    await act(async () => void harness.driver.ring());
    await tick(1500);
    const before = commits.length;
    // In small steps: one act() around 5 s would batch every tick into one commit.
    for (let step = 0; step < 50; step += 1) await tick(100);
    expect(screen.getByTestId('ring-countdown')).toHaveTextContent(/1[34] s left/);
    // Five whole seconds passed: five commits (a 250 ms tick made twenty).
    expect(commits.length - before).toBeLessThanOrEqual(6);
  });

  it('rings through Web Audio; the agent mutes it and the choice persists', async () => {
    const first = await ringing();
    expect(first.audio.log.oscillatorsStarted).toBe(2);
    fireEvent.click(screen.getByTestId('ringtone-mute'));
    expect(first.audio.log.oscillatorsStopped).toBe(2);
    expect(window.localStorage.getItem(RINGTONE_MUTED_KEY)).toBe('1');
    first.harness.driver.stop();
  });

  it('stays silent when the agent muted it before (a reload)', async () => {
    window.localStorage.setItem(RINGTONE_MUTED_KEY, '1');
    const { audio } = await ringing();
    expect(screen.getByTestId('ring-alert')).toBeInTheDocument();
    expect(audio.log.oscillatorsStarted).toBe(0);
    expect(screen.getByTestId('ringtone-mute')).toHaveTextContent('Unmute ringtone');
  });

  it('moves focus to Answer on ring, and to the note box after Answer', async () => {
    const { harness } = await ringing();
    await tick(50); // the frame after the ring
    expect(screen.getByTestId('ring-answer')).toHaveFocus();
    fireEvent.click(screen.getByTestId('ring-answer'));
    await tick(50);
    expect(harness.store.getState().calls.get(harness.store.getState().activeCallId!)?.state).toBe('talking');
    await tick(50);
    expect(screen.getByLabelText('Notes')).toHaveFocus();
  });

  it('never takes focus from a field the agent is typing in', async () => {
    const harness = createHarness();
    await renderWith(
      harness,
      <>
        <RingAlert createAudio={fakeAudio().create} />
        <input aria-label="Search" />
      </>,
    );
    await tick(50);
    screen.getByLabelText('Search').focus();
    await act(async () => void harness.driver.ring());
    await tick(100);
    expect(screen.getByTestId('ring-alert')).toBeInTheDocument();
    expect(screen.getByLabelText('Search')).toHaveFocus();
  });

  it('shows a browser notification when the page is hidden; asks permission at the first action, not at load', async () => {
    const shown: Array<{ title: string; body?: string }> = [];
    const requestPermission = jest.fn(async () => 'granted' as NotificationPermission);
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static requestPermission = requestPermission;
      onclick: (() => void) | null = null;
      constructor(title: string, options: NotificationOptions) {
        shown.push({ title, ...(options.body ? { body: options.body } : {}) });
      }
      close() {}
    }
    const previous = (globalThis as { Notification?: unknown }).Notification;
    (globalThis as { Notification?: unknown }).Notification = FakeNotification;
    const hidden = jest.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    try {
      const harness = createHarness();
      await renderWith(harness, <RingAlert createAudio={fakeAudio().create} />);
      await tick(50);
      expect(requestPermission).not.toHaveBeenCalled();
      fireEvent.pointerDown(window);
      expect(requestPermission).toHaveBeenCalledTimes(1);
      FakeNotification.permission = 'granted';
      await act(async () => void harness.driver.ring());
      await tick(20);
      expect(shown).toEqual([{ title: 'Octopus: incoming call', body: expect.stringMatching(/is ringing: return to the workbench to answer/) }]);
    } finally {
      hidden.mockRestore();
      (globalThis as { Notification?: unknown }).Notification = previous;
    }
  });
});
