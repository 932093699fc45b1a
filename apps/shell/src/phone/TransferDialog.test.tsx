import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createHarness, renderWith, settle } from '../test-utils';
import { TransferDialog } from './TransferDialog';

describe('<TransferDialog>', () => {
  it('picks a skill group from the live list with its queue load', async () => {
    const harness = createHarness();
    const onConfirm = jest.fn();
    await renderWith(harness, <TransferDialog open mode="transfer" onCancel={() => undefined} onConfirm={onConfirm} confirming={false} />);
    await settle();
    expect(screen.getByRole('button', { name: 'Confirm' })).toBeDisabled();
    await userEvent.click(screen.getByText('Group'));
    await userEvent.click(screen.getByLabelText('Choose a group'));
    await userEvent.click(await screen.findByText('aftersale', { selector: '.ant-select-item-option-content span' }));
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(onConfirm).toHaveBeenCalledWith({ kind: 'group', group: 'aftersale' });
  });

  it('says so when no other agent is online', async () => {
    const harness = createHarness();
    await renderWith(harness, <TransferDialog open mode="consult" onCancel={() => undefined} onConfirm={() => undefined} confirming={false} />);
    await settle();
    expect(screen.getByText('No other agent online')).toBeInTheDocument();
  });
});
