import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Notice } from '@octopus/contracts';
import { createHarness, renderWith, settle } from '../test-utils';
import { NoticeCenter } from './NoticeCenter';

const notice = (code: string, id: string, at = Date.now()): Notice => ({ id, code, message: `server says ${code}`, callId: 'C1', at });

describe('<NoticeCenter>', () => {
  it('tells a missed ring, says it left the agent Busy, and takes them back to Idle in one click', async () => {
    const harness = createHarness();
    await renderWith(harness, <NoticeCenter />);
    await settle();
    // The ring timed out: the server set the agent Busy and sent the notice.
    await act(async () => harness.client.actions.setState('busy'));
    await act(async () => {
      harness.store.applyEvent({ type: 'notice', notice: notice('missed', 'n1') });
    });
    expect(await screen.findByText('You missed a call. You are now Busy, so no more calls will reach you.')).toBeInTheDocument();
    expect(harness.store.getState().agent?.state).toBe('busy');
    await userEvent.click(screen.getByTestId('back-to-idle'));
    await waitFor(() => expect(harness.store.getState().agent?.state).toBe('idle'));
  });

  it('tells each call event once, and keeps them readable in the notice list', async () => {
    const harness = createHarness();
    await renderWith(harness, <NoticeCenter />);
    await settle();
    await act(async () => {
      harness.store.applyEvent({ type: 'notice', notice: notice('caller-hangup-ringing', 'n1') });
      harness.store.applyEvent({ type: 'notice', notice: notice('transfer-failed', 'n2') });
      harness.store.applyEvent({ type: 'notice', notice: notice('consult-failed', 'n3') });
      harness.store.applyEvent({ type: 'notice', notice: notice('phone-taken', 'n4') });
      harness.store.applyEvent({ type: 'notice', notice: notice('caller-hangup-held', 'n5') });
    });
    for (const text of [
      'The caller hung up while the call was ringing.',
      'The transfer was declined or not answered; the call is back with you.',
      'The consultation was not answered; the caller is still on hold.',
      'Another tab or device of yours took the phone; this tab now only follows.',
      'The caller hung up while on hold.',
    ]) {
      expect(await screen.findByText(text)).toBeInTheDocument();
    }
    expect(screen.getAllByTestId('notice-text')).toHaveLength(5);
    // The stable hook other teams' tests use (DESIGN.md): data-notice="<kind>" on each notice shown.
    expect(screen.getAllByTestId('notice-text').map((node) => node.getAttribute('data-notice')).sort()).toEqual(['caller-hangup-held', 'caller-hangup-ringing', 'consult-failed', 'phone-taken', 'transfer-failed']);
    await userEvent.click(screen.getByTestId('notice-bell'));
    const list = await screen.findByTestId('notice-list');
    // The rows are a chunk of their own (loaded when the bell is pointed at, focused or opened).
    await waitFor(() => expect(list.querySelectorAll('[data-notice-code]')).toHaveLength(5), { timeout: 10_000 });
    expect(list.querySelector('[data-notice-code]')).toHaveAttribute('data-notice-code', 'caller-hangup-held');
  });

  it('tells a tab that only follows when the call was ended on the phone’s tab or device', async () => {
    const harness = createHarness();
    await renderWith(harness, <NoticeCenter />);
    await settle();
    let id = '';
    await act(async () => void (id = harness.driver.ring()));
    await settle(30);
    await act(async () => void (await harness.client.actions.answer(id)));
    await act(async () => harness.store.applyEvent({ type: 'session', session: { id: 'follower', phone: false, sessions: 2 } }));
    // The phone's tab hangs up (here the simulator stands in for it).
    await act(async () => void (await harness.client.actions.hangup(id)));
    expect(await screen.findByText('The call was ended in another tab or on another device of yours.')).toBeInTheDocument();
  });

  it('shows an unknown code with the server’s message as text (hostile text stays inert)', async () => {
    const harness = createHarness();
    await renderWith(harness, <NoticeCenter />);
    await settle();
    await act(async () => {
      harness.store.applyEvent({ type: 'notice', notice: { ...notice('future-code', 'n9'), message: '<img src=x onerror=alert(1)>' } });
    });
    expect(await screen.findByText('Telephony notice: <img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('a notice that closes by itself does no work per frame while it waits, and closes on time', async () => {
    const harness = createHarness();
    await renderWith(harness, <NoticeCenter closeAfterMs={1500} />);
    await settle();
    await act(async () => {
      harness.store.applyEvent({ type: 'notice', notice: notice('caller-hangup-ringing', 'n1') });
    });
    expect(await screen.findByText('The caller hung up while the call was ringing.')).toBeInTheDocument();
    // Its opening motion done, a waiting notice asks for no animation frames (antd's timer asks every frame).
    await settle(300);
    const frames = jest.spyOn(window, 'requestAnimationFrame');
    await settle(500);
    const asked = frames.mock.calls.length;
    frames.mockRestore();
    expect(asked).toBeLessThanOrEqual(2);
    await waitFor(() => expect(screen.queryByText('The caller hung up while the call was ringing.')).toBeNull(), { timeout: 10_000 });
  });
});
