import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { UserSearchResult } from '@octopus/contracts';
import { createHarness, renderWith } from '../test-utils';
import { CustomerLookup } from './CustomerLookup';

jest.setTimeout(30_000);

const FOUND: UserSearchResult[] = [{ userId: 'U0000001', maskedName: '张*', maskedPhones: ['138****8000'], level: 'gold', registeredAt: '2024-01-01T00:00:00.000Z', matchedBy: 'phone' }];

describe('customer lookup', () => {
  it('renders only its button until first opened, then the dialog (loaded on demand) searches and lists the results', async () => {
    const harness = createHarness();
    harness.api.searchUsers = async () => FOUND;
    await renderWith(harness, <CustomerLookup />);
    // The dialog's code is not needed before the agent opens it.
    expect(screen.queryByRole('dialog')).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('customer-lookup-open'));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 10_000 });
    await user.type(within(dialog).getByLabelText('Search for'), '13800138000');
    await user.click(within(dialog).getByRole('button', { name: /search/i }));
    const row = await within(dialog).findByText('U0000001', {}, { timeout: 10_000 });
    expect(row.closest('[data-lookup-user]')).toHaveAttribute('data-lookup-user', 'U0000001');
    // Closing and opening again keeps the search (the dialog stays mounted once opened).
    await user.click(within(dialog).getByRole('button', { name: /close/i }));
    await user.click(screen.getByTestId('customer-lookup-open'));
    expect(await screen.findByText('U0000001')).toBeInTheDocument();
  });
});
