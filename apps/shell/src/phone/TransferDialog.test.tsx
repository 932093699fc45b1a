import { Profiler } from 'react';
import { act, screen } from '@testing-library/react';
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

  it('a closed dialog does not re-render for the live agent, group and agent-state events of a shift', async () => {
    const harness = createHarness();
    let commits = 0;
    const noop = () => undefined;
    await renderWith(
      harness,
      <Profiler id="dialog" onRender={() => void (commits += 1)}>
        <TransferDialog open={false} mode="transfer" onCancel={noop} onConfirm={noop} confirming={false} />
      </Profiler>,
    );
    await settle();
    const before = commits;
    const at = Date.now();
    await act(async () => {
      harness.store.applyEvent({ type: 'agents', agents: [{ id: '2002', name: 'Li', skillGroups: ['presale'], state: 'idle', stateSince: at, connected: true, rev: 10_000 }] });
    });
    await act(async () => {
      harness.store.applyEvent({ type: 'agents', agents: [{ id: '2002', name: 'Li', skillGroups: ['presale'], state: 'talking', stateSince: at, connected: true, rev: 10_001 }] });
    });
    await act(async () => void harness.driver.ring());
    await settle();
    expect(commits - before).toBe(0);
  });
});
