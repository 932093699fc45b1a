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

  it('finds a colleague by typing and keeps the pick while the floor keeps changing', async () => {
    const harness = createHarness();
    const onConfirm = jest.fn();
    await renderWith(harness, <TransferDialog open mode="consult" onCancel={() => undefined} onConfirm={onConfirm} confirming={false} />);
    await settle();
    const colleague = (id: string, name: string, state: 'idle' | 'busy', rev: number) => ({ id, name, skillGroups: ['aftersale'], state, stateSince: 0, connected: true, rev });
    const floor = (rev: number, state7: 'idle' | 'busy') => act(() => harness.store.applyEvent({ type: 'agents', agents: [colleague('1004', 'Li Lei', 'idle', rev), colleague('1007', 'Zhao Min', state7, rev)] }));
    // 1007 has just logged in: listed, but not free yet.
    await floor(1, 'busy');
    const box = screen.getByRole('combobox', { name: 'Choose an agent' });
    await userEvent.click(box);
    const busy = await screen.findByText(/\(1007\)/, { selector: '.ant-select-item-option-content span' });
    expect(busy.closest('.ant-select-item-option')).toHaveClass('ant-select-item-option-disabled');
    // Now free; the agent types to find them while other updates keep arriving.
    await floor(2, 'idle');
    await userEvent.type(box, 'zhao');
    expect(screen.queryByText(/\(1004\)/, { selector: '.ant-select-item-option-content span' })).toBeNull();
    await floor(3, 'idle');
    await userEvent.click(screen.getByText(/\(1007\)/, { selector: '.ant-select-item-option-content span' }));
    await floor(4, 'idle');
    expect(screen.getByRole('button', { name: 'Confirm' })).toBeEnabled();
    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    expect(onConfirm).toHaveBeenCalledWith({ kind: 'agent', agentId: '1007' });
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
