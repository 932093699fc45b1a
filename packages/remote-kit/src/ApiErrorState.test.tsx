import { act, render, screen } from '@testing-library/react';
import { ApiError } from '@octopus/api-client';
import { TelephonyClient } from '@octopus/telephony';
import { createSimulatedTelephony } from '@octopus/telephony/testing';
import { TelephonyProvider } from '@octopus/telephony/react';
import { OctopusUiProvider } from '@octopus/ui';
import { ApiErrorState } from './ApiErrorState';
import { CallHeader } from './CallHeader';

const noAccess = new ApiError({ kind: 'no_access', message: 'no grant', status: 403, code: 'no_access' });
const wait = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

function setup() {
  const client = new TelephonyClient();
  const store = client.store;
  const driver = createSimulatedTelephony({ autoRing: false, autoAnswerMs: null });
  const stop = client.connect(driver);
  const ui = (
    <TelephonyProvider client={client}>
      <OctopusUiProvider locale="en-US">
        <CallHeader title="Orders" customer={null} />
        <ApiErrorState error={noAccess} />
      </OctopusUiProvider>
    </TelephonyProvider>
  );
  return { client, store, driver, stop, ui };
}

describe('panels of an ended call', () => {
  it('say the call has ended instead of "No access to this customer"', async () => {
    const { client, driver, stop, ui } = setup();
    render(ui);
    await wait(30);
    let id = "";
    act(() => void (id = driver.ring()));
    await wait(30);
    await act(async () => void (await client.actions.answer(id)));
    // Live: a genuine no-access error is an error.
    expect(screen.getByRole('alert')).toHaveTextContent('No access to this customer');
    await act(async () => void (await client.actions.hangup(id)));
    await wait(30);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('This call has ended');
    expect(screen.getByTestId('remote-call-ended')).toHaveTextContent('This call has ended');
    stop();
  });

  it('a consulted colleague sees no access error for the consultation', async () => {
    const { store, driver, stop, ui } = setup();
    render(ui);
    await wait(30);
    let id = "";
    act(() => void (id = driver.ring()));
    await wait(30);
    const call = store.getState().calls.get(id)!;
    await act(async () => store.applyEvent({ type: 'call', call: { ...call, rev: call.rev + 100, role: 'consult-target', state: 'talking', grant: null } }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('You are consulted on this call');
    stop();
  });
});
