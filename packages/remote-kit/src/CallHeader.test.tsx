import { Profiler } from 'react';
import { act, render, screen } from '@testing-library/react';
import { TelephonyClient } from '@octopus/telephony';
import { createSimulatedTelephony } from '@octopus/telephony/testing';
import { TelephonyProvider } from '@octopus/telephony/react';
import { OctopusUiProvider } from '@octopus/ui';
import { CallHeader } from './CallHeader';

const wait = (ms: number) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

describe('<CallHeader>', () => {
  it('shows the panel’s own call, and does not re-render when another call rings or changes', async () => {
    const client = new TelephonyClient();
    const store = client.store;
    const driver = createSimulatedTelephony({ autoRing: false, autoAnswerMs: null });
    const stop = client.connect(driver);
    await wait(30);
    let first = '';
    act(() => void (first = driver.ring({ phone: '13800138000' })));
    await wait(30);
    await act(async () => void (await client.actions.answer(first)));
    let commits = 0;
    render(
      <TelephonyProvider client={client}>
        <OctopusUiProvider locale="en-US">
          <Profiler id="header" onRender={() => void (commits += 1)}>
            <CallHeader title="Orders" customer={null} callId={first} />
          </Profiler>
        </OctopusUiProvider>
      </TelephonyProvider>,
    );
    expect(screen.getByTestId('remote-active-call')).toHaveTextContent('13800138000');
    const before = commits;
    // A second call rings and becomes the active one: the panel of the first call stays as it is.
    let second = '';
    act(() => void (second = driver.ring({ phone: '13900139000' })));
    await wait(30);
    act(() => store.setActiveCall(second));
    await wait(30);
    expect(screen.getByTestId('remote-active-call')).toHaveTextContent('13800138000');
    expect(commits - before).toBe(0);
    stop();
  });
});
