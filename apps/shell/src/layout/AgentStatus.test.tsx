import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createHarness, renderWith, settle } from '../test-utils';
import { AgentStatus } from './AgentStatus';

describe('<AgentStatus>', () => {
  it('offers Idle, Busy, Break and Meeting, and shows the state with its time', async () => {
    const harness = createHarness();
    await renderWith(harness, <AgentStatus />);
    await settle();
    for (const label of ['Idle', 'Busy', 'Break', 'Meeting']) expect(screen.getByText(label, { selector: '.ant-segmented-item-label' })).toBeInTheDocument();
    expect(screen.getByText(/^Idle · 00:0\d$/)).toHaveAttribute('data-agent-state', 'idle');
    await userEvent.click(screen.getByText('Break', { selector: '.ant-segmented-item-label' }));
    await waitFor(() => expect(screen.getByText(/^Break · /)).toHaveAttribute('data-agent-state', 'break'));
  });

  it('during a call a chosen state is pending; after the call there is a wrap-up countdown that can end early', async () => {
    const harness = createHarness({ wrapUpMs: 30_000 });
    await renderWith(harness, <AgentStatus />);
    await settle();
    let callId = '';
    await act(async () => {
      callId = harness.driver.ring();
    });
    await act(async () => void (await harness.client.actions.answer(callId)));
    await userEvent.click(screen.getByText('Meeting', { selector: '.ant-segmented-item-label' }));
    expect(await screen.findByText('After this call: Meeting')).toBeInTheDocument();
    await act(async () => void (await harness.client.actions.hangup(callId)));
    expect(await screen.findByTestId('wrap-up-countdown')).toHaveTextContent(/^\d+s left$/);
    const sent = jest.spyOn(harness.driver, 'command');
    await userEvent.click(screen.getByRole('button', { name: 'End after-call work' }));
    await waitFor(() => expect(sent).toHaveBeenCalledWith({ name: 'hangup', callId }, undefined));
  });
});
