import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createHarness, renderWith, settle } from '../test-utils';
import { ConnectionBanner } from './ConnectionBanner';

describe('<ConnectionBanner>', () => {
  it('says nothing while connected, and loudly when reconnecting or offline', async () => {
    const harness = createHarness();
    await renderWith(harness, <ConnectionBanner />);
    await settle();
    expect(screen.queryByTestId('connection-banner')).not.toBeInTheDocument();
    await act(async () => harness.store.setConnection('reconnecting'));
    expect(screen.getByTestId('connection-banner')).toHaveTextContent('reconnecting… your calls are kept');
    await act(async () => harness.store.setConnection('offline'));
    expect(screen.getByTestId('connection-banner')).toHaveTextContent('no calls can reach you');
  });

  it('promises that calls are kept only for the server’s grace period, then says they may have moved on', async () => {
    const harness = createHarness();
    await renderWith(harness, <ConnectionBanner />);
    await settle();
    const grace = harness.store.getState().config!.reconnectGraceMs;
    await act(async () => harness.store.setConnection('reconnecting'));
    expect(screen.getByTestId('connection-banner')).toHaveTextContent(`your calls are kept for ${Math.round(grace / 1000)} s`);
    const lostAt = Date.now();
    const now = jest.spyOn(Date, 'now').mockReturnValue(lostAt + grace + 1000);
    try {
      // Still not connected once the grace period is over (any re-render shows it).
      await act(async () => harness.store.setConnection('connecting'));
      expect(screen.getByTestId('connection-banner')).not.toHaveTextContent('your calls are kept');
      expect(screen.getByTestId('connection-banner')).toHaveTextContent('may have moved on');
    } finally {
      now.mockRestore();
    }
  });
});

describe('<ConnectionBanner> taking the phone', () => {
  it('asks before taking the phone from another tab or device, saying the agent is on a call there', async () => {
    const harness = createHarness();
    await renderWith(harness, <ConnectionBanner />);
    await settle();
    const takePhone = jest.spyOn(harness.client.actions, 'takePhone').mockResolvedValue(undefined);
    await act(async () => harness.driver.ring());
    await settle(50);
    await act(async () => harness.store.applyEvent({ type: 'session', session: { id: 'me', phone: false, sessions: 2 } }));
    await userEvent.click(screen.getByTestId('take-phone'));
    expect(await screen.findByText(/on a call in another tab or on another device\. Take over\?/)).toBeInTheDocument();
    expect(takePhone).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Take over' }));
    await waitFor(() => expect(takePhone).toHaveBeenCalledTimes(1));
  });
});
