import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createHarness, recordDto, renderWith, settle } from '../test-utils';
import { CallList } from './CallList';

describe('<CallList>', () => {
  it('shows current calls on top and the 10 most recent records, masking unverified numbers', async () => {
    const harness = createHarness();
    harness.api.records = Array.from({ length: 12 }, (_, i) =>
      recordDto(`R${i}`, { number: `1390000${1000 + i}`, verificationStatus: i === 0 ? 'verified' : 'unverified', note: i === 1 ? '<b>bold?</b>' : '' }),
    );
    await settle();
    await act(async () => void harness.driver.ring({ phone: '13800138000' }));
    const { container } = await renderWith(harness, <CallList agentId="1001" />);
    await waitFor(() => expect(container.querySelectorAll('[data-record]')).toHaveLength(10));
    const live = container.querySelector('[data-call-state="ringing"]')!;
    expect(live).toHaveTextContent('Ringing');
    const first = container.querySelector('[data-record][data-call-id="R0"]') as HTMLElement;
    expect(within(first).getByTestId('record-number')).toHaveTextContent('13900001000');
    const second = container.querySelector('[data-record][data-call-id="R1"]') as HTMLElement;
    expect(within(second).getByTestId('record-number')).toHaveTextContent('139****1001');
    // Hostile text is text.
    expect(within(second).getByLabelText('Notes')).toHaveValue('<b>bold?</b>');
    expect(second.querySelector('b')).toBeNull();
  });

  it('deleting a record removes it and the next older one fills the tenth place', async () => {
    const harness = createHarness();
    harness.api.records = Array.from({ length: 11 }, (_, i) => recordDto(`R${i}`));
    const { container } = await renderWith(harness, <CallList agentId="1001" />);
    await waitFor(() => expect(container.querySelectorAll('[data-record]')).toHaveLength(10));
    expect(container.querySelector('[data-call-id="R10"]')).toBeNull();
    const target = container.querySelector('[data-record][data-call-id="R3"]') as HTMLElement;
    await userEvent.click(within(target).getByRole('button', { name: 'Delete' }));
    // The confirmation's own Delete button.
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Delete' }).length).toBeGreaterThan(10));
    await userEvent.click(screen.getAllByRole('button', { name: 'Delete' }).at(-1)!);
    await waitFor(() => expect(container.querySelector('[data-call-id="R3"]')).toBeNull());
    await waitFor(() => expect(container.querySelector('[data-call-id="R10"]')).not.toBeNull());
    expect(container.querySelectorAll('[data-record]')).toHaveLength(10);
    expect(harness.api.deleted).toEqual(['R3']);
  });
});
