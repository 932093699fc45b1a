import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createHarness, renderWith, settle } from '../test-utils';
import { PhoneBar } from './PhoneBar';
import { ShortcutHelp } from './ShortcutHelp';
import { PHONE_SHORTCUTS } from './shortcuts';

const button = (name: string) => screen.getByRole('button', { name });

describe('keyboard shortcuts', () => {
  it('Option+A on macOS (key "å", code KeyA) answers, and Option+E hangs up', async () => {
    const harness = createHarness();
    await renderWith(harness, <PhoneBar />);
    await settle();
    await act(async () => void harness.driver.ring());
    fireEvent.keyDown(window, { key: 'å', code: 'KeyA', altKey: true });
    await waitFor(() => expect(button('Hold')).toBeEnabled());
    fireEvent.keyDown(window, { key: 'Dead', code: 'KeyE', altKey: true });
    await waitFor(() => expect(button('End after-call work')).toBeEnabled());
  });

  it('"?" opens a list of every shortcut the phone bar announces; typing "?" in a field does not', async () => {
    const harness = createHarness();
    await renderWith(
      harness,
      <>
        <input aria-label="Some field" />
        <PhoneBar />
        <ShortcutHelp />
      </>,
    );
    await settle();
    await userEvent.type(screen.getByLabelText('Some field'), '?');
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.keyDown(document.body, { key: '?', code: 'Slash', shiftKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const rows = within(dialog).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(PHONE_SHORTCUTS.length + 1);
    const listed = new Set(rows.map((row) => row.getAttribute('data-shortcut')));
    // Every aria-keyshortcuts in the phone bar is in the list.
    const announced = [...document.querySelectorAll('[data-testid="phone-bar"] [aria-keyshortcuts]')].map((element) => element.getAttribute('aria-keyshortcuts'));
    expect(announced.length).toBeGreaterThan(5);
    for (const keys of announced) expect(listed).toContain(keys);
    expect(within(dialog).getByText('Answer')).toBeInTheDocument();
    expect(within(dialog).getByText('Hold / Resume')).toBeInTheDocument();
    expect(within(dialog).getByText('Call out')).toBeInTheDocument();
  });
});
