import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createHarness, renderWith, settle } from '../test-utils';
import { PhoneBar } from './PhoneBar';

const button = (name: string) => screen.getByRole('button', { name });

describe('<PhoneBar>', () => {
  it('enables only what the call allows, and follows the server through a call', async () => {
    const harness = createHarness();
    await renderWith(harness, <PhoneBar />);
    await settle();
    // No call: nothing but Call out.
    expect(button('Answer')).toBeDisabled();
    expect(button('Hang up')).toBeDisabled();
    expect(button('Call out')).toBeEnabled();

    await act(async () => void harness.driver.ring());
    expect(button('Answer')).toBeEnabled();
    expect(button('Reject')).toBeEnabled();
    expect(button('Hold')).toBeDisabled();
    expect(button('Call out')).toBeDisabled();

    await userEvent.click(button('Answer'));
    await waitFor(() => expect(button('Hold')).toBeEnabled());
    for (const name of ['Transfer', 'Consult', 'Survey', 'Invite rating', 'Mute', 'Hang up']) expect(button(name)).toBeEnabled();
    expect(button('Answer')).toBeDisabled();

    await userEvent.click(button('Hold'));
    await waitFor(() => expect(button('Resume')).toBeEnabled());
    expect(screen.getByTestId('hold-timer')).toHaveTextContent(/^On hold 00:0\d$/);
    await userEvent.click(button('Resume'));
    await waitFor(() => expect(button('Hold')).toBeEnabled());

    await userEvent.click(button('Mute'));
    await waitFor(() => expect(button('Unmute')).toBeEnabled());

    await userEvent.click(button('Hang up'));
    await waitFor(() => expect(button('End after-call work')).toBeEnabled());
  });

  it('answers and hangs up from the keyboard', async () => {
    const harness = createHarness();
    await renderWith(harness, <PhoneBar />);
    await settle();
    await act(async () => void harness.driver.ring());
    await userEvent.keyboard('{Alt>}a{/Alt}');
    await waitFor(() => expect(button('Hold')).toBeEnabled());
    await userEvent.keyboard('{Alt>}e{/Alt}');
    await waitFor(() => expect(button('End after-call work')).toBeEnabled());
  });

  it('shows a failure the server gave, and the call stays as it was', async () => {
    const harness = createHarness();
    await renderWith(harness, <PhoneBar />);
    await settle();
    await act(async () => void harness.driver.ring());
    const original = harness.driver.command.bind(harness.driver);
    harness.driver.command = async (command, options) => {
      if (command.name === 'answer') throw new Error('invalid-state: the caller hung up');
      return original(command, options);
    };
    await userEvent.click(button('Answer'));
    expect(await screen.findByText('Answer failed: invalid-state: the caller hung up')).toBeInTheDocument();
    expect(button('Answer')).toBeEnabled();
  });

  it('opens the dial pad and validates the number', async () => {
    const harness = createHarness();
    await renderWith(harness, <PhoneBar />);
    await settle();
    await userEvent.click(button('Call out'));
    const input = await screen.findByLabelText('Number');
    await userEvent.type(input, '12');
    expect(screen.getByText('Enter a number of 3–20 digits')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Dial' })).toBeDisabled();
    await userEvent.type(input, '3456');
    expect(screen.getByRole('button', { name: 'Dial' })).toBeEnabled();
  });
});
