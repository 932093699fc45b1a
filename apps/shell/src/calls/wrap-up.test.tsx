import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '@octopus/ui';
import { createHarness, recordDto, renderWith, settle, type Harness } from '../test-utils';
import { AgentStatus } from '../layout/AgentStatus';
import { PhoneBar } from '../phone/PhoneBar';
import { CallerPanel } from '../caller/CallerPanel';
import { CallRecordItem } from './CallRecordItem';
import { DispositionSelect } from './DispositionSelect';
import { requestDial } from '../phone/dial-requests';
import type { CallView } from '@octopus/contracts';

/** A ringing call view as the server sends it (taken from the simulated driver, then changed). */
async function ringingView(): Promise<CallView> {
  const harness = createHarness();
  await settle();
  const id = harness.driver.ring();
  return harness.store.getState().calls.get(id)! as CallView;
}

jest.setTimeout(30_000);

const AFTERSALE = {
  skillGroup: 'aftersale',
  required: true,
  dispositions: [
    { code: 'order-status', label: { 'zh-CN': '订单物流查询', 'en-US': 'Order or delivery status' } },
    { code: 'complaint', label: { 'zh-CN': '投诉', 'en-US': 'Complaint' } },
  ],
};

async function talking(harness: Harness): Promise<string> {
  await settle();
  let callId = '';
  await act(async () => {
    callId = harness.driver.ring({ skillGroup: 'aftersale' });
  });
  await act(async () => void (await harness.client.actions.answer(callId)));
  return callId;
}

const endButtons = () => screen.getAllByRole('button', { name: 'End after-call work' });

describe('dispositions during after-call work', () => {
  it('a group that requires one: the server holds after-call work past its time until a disposition is chosen; the code goes to the server', async () => {
    const harness = createHarness({ wrapUpMs: 1_500, dispositionRequiredGroups: ['aftersale'] });
    harness.api.dispositionLists.aftersale = AFTERSALE;
    const callId = await talking(harness);
    harness.api.records = [recordDto(callId, { skillGroup: 'aftersale' })];
    await renderWith(
      harness,
      <App>
        <AgentStatus />
        <PhoneBar />
        <DispositionSelect callId={callId} />
      </App>,
    );
    await act(async () => void (await harness.client.actions.hangup(callId)));
    const picker = await screen.findByTestId('disposition');
    expect(picker).toHaveAttribute('data-required', 'true');
    expect(screen.getByTestId('disposition-required')).toHaveTextContent('This group needs a disposition: after-call work does not end');
    await waitFor(() => expect(endButtons()).toHaveLength(2));
    for (const button of endButtons()) expect(button).toBeDisabled();
    // Alt+E does not leave either.
    const sent = jest.spyOn(harness.driver, 'command');
    await userEvent.keyboard('{Alt>}e{/Alt}');
    expect(sent).not.toHaveBeenCalled();
    // The wrap-up time runs out: still in after-call work, and the header says what it waits for.
    await waitFor(() => expect(screen.getByTestId('wrap-up-countdown')).toHaveAttribute('data-awaiting', 'disposition'), { timeout: 10_000 });
    expect(screen.getByTestId('wrap-up-countdown')).toHaveTextContent('Disposition needed');
    expect(harness.store.getState().agent?.state).toBe('wrap-up');
    // A state change is refused by the server, and the agent is told why in words.
    await expect(harness.client.actions.setState('idle')).rejects.toMatchObject({ reason: 'disposition-required' });
    await userEvent.click(within(picker).getByRole('combobox', { name: 'Disposition' }));
    await userEvent.click(await screen.findByText('Complaint', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(sent).toHaveBeenCalledWith(expect.objectContaining({ name: 'setDisposition', callId, code: 'complaint' }), undefined));
    expect(harness.api.dispositionsSet).toEqual([]); // not written behind the server's back
    // Past its time, after-call work ends with the code.
    await waitFor(() => expect(harness.store.getState().agent?.state).toBe('idle'));
  });

  it('a refusal for a missing disposition is told in the page language', async () => {
    const harness = createHarness({ wrapUpMs: 60_000, dispositionRequiredGroups: ['aftersale'] });
    harness.api.dispositionLists.aftersale = AFTERSALE;
    const callId = await talking(harness);
    await renderWith(harness, <App><AgentStatus /></App>);
    await act(async () => void (await harness.client.actions.hangup(callId)));
    await screen.findByTestId('wrap-up-countdown');
    await userEvent.click(screen.getByText('Break'));
    expect(await screen.findByText(/Break.*This group needs a disposition/)).toBeTruthy();
    expect(harness.store.getState().agent?.state).toBe('wrap-up');
  });

  it('a group that does not require one lets the agent leave without it', async () => {
    const harness = createHarness({ wrapUpMs: 60_000 });
    harness.api.dispositionLists.aftersale = { ...AFTERSALE, required: false };
    const callId = await talking(harness);
    harness.api.records = [recordDto(callId, { skillGroup: 'aftersale' })];
    await renderWith(harness, <App><AgentStatus /><CallerPanel callId={callId} /></App>);
    await act(async () => void (await harness.client.actions.hangup(callId)));
    expect(await screen.findByTestId('disposition')).toHaveAttribute('data-required', 'false');
    expect(screen.getByRole('button', { name: 'End after-call work' })).toBeEnabled();
  });

  it('the record in the call list shows the chosen disposition in the page language', async () => {
    const harness = createHarness();
    const record = recordDto('rec-1', { skillGroup: 'aftersale', disposition: AFTERSALE.dispositions[0]! });
    await renderWith(harness, <CallRecordItem record={record} agentId="1001" selectable onSelect={() => undefined} onDelete={() => undefined} deleting={false} />);
    expect(screen.getByTestId('record-disposition')).toHaveTextContent('Order or delivery status');
    expect(screen.getByTestId('record-disposition')).toHaveAttribute('data-code', 'order-status');
  });

  it('a past record without a code offers one on request, and the dropdown saves it to the record', async () => {
    const harness = createHarness();
    harness.api.dispositionLists.aftersale = AFTERSALE;
    const record = recordDto('rec-2', { skillGroup: 'aftersale', disposition: null });
    harness.api.records = [record];
    await renderWith(harness, <CallRecordItem record={record} agentId="1001" selectable onSelect={() => undefined} onDelete={() => undefined} deleting={false} />);
    // No dropdown per record until asked (antd's Select stays out of the login JS).
    const add = await screen.findByRole('button', { name: 'Add a disposition' });
    expect(screen.queryByRole('combobox', { name: 'Disposition' })).toBeNull();
    await userEvent.click(add);
    await userEvent.click(await screen.findByRole('combobox', { name: 'Disposition' }));
    await userEvent.click(await screen.findByText('Complaint', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(harness.api.dispositionsSet).toEqual([{ callId: 'rec-2', code: 'complaint' }]));
  });
});

describe('call timers and labels', () => {
  it('the after-call countdown starts at the wrap-up length, not one more (a 10 s wrap-up shows 10)', async () => {
    const harness = createHarness({ wrapUpMs: 10_000 });
    const callId = await talking(harness);
    await renderWith(harness, <AgentStatus />);
    // The status's clock ticks once a second: hang up between two ticks, when its reading is stale.
    await settle(500);
    await act(async () => void (await harness.client.actions.hangup(callId)));
    const countdown = await screen.findByTestId('wrap-up-countdown');
    const first = Number(countdown.getAttribute('data-seconds'));
    expect(first).toBeLessThanOrEqual(10);
    expect(first).toBeGreaterThanOrEqual(8);
    expect(countdown).toHaveTextContent(`${first}s left`);
  });

  it('shows how long the caller has been on hold, from the server’s hold start', async () => {
    const harness = createHarness();
    const callId = await talking(harness);
    await renderWith(harness, <PhoneBar />);
    await act(async () => void (await harness.client.actions.hold(callId)));
    expect(await screen.findByTestId('hold-timer')).toHaveTextContent(/^On hold 00:00$/);
    await waitFor(() => expect(screen.getByTestId('hold-timer')).toHaveTextContent(/^On hold 00:0[1-9]$/), { timeout: 5_000 });
    await act(async () => void (await harness.client.actions.resume(callId)));
    await waitFor(() => expect(screen.queryByTestId('hold-timer')).toBeNull());
  });

  it('an outbound call is labelled outbound while it rings and after, never "Incoming call"', async () => {
    const harness = createHarness();
    await settle();
    const rev = harness.store.getState().calls.size + 1000;
    const outbound = { direction: 'outbound' as const, number: '13900000001', callerId: '4008001001', skillGroup: 'aftersale' };
    await act(async () => harness.store.applyEvent({ type: 'call', call: { ...(await ringingView()), ...outbound, id: 'OUT-1', rev } }));
    await renderWith(harness, <CallerPanel callId="OUT-1" />);
    expect(screen.getByTestId('caller-ringing')).toHaveTextContent('Calling out');
    expect(screen.getByTestId('caller-ringing')).toHaveAttribute('data-direction', 'outbound');
    expect(screen.queryByText('Incoming call')).toBeNull();
    await act(async () => harness.store.applyEvent({ type: 'call', call: { ...(await ringingView()), ...outbound, id: 'OUT-1', rev: rev + 1, state: 'talking', connectedAt: Date.now() } }));
    expect(screen.getByTestId('caller-direction')).toHaveTextContent('Outbound call');
    expect(screen.queryByText('Incoming call')).toBeNull();
  });
});

describe('dial requests from remotes and records', () => {
  it('open the dial pad with the number when calling out is allowed', async () => {
    const harness = createHarness();
    await renderWith(harness, <App><PhoneBar /></App>);
    await settle();
    await act(async () => requestDial('13900000002'));
    const dialog = await screen.findByRole('dialog', { name: 'Call out' });
    expect(within(dialog).getByLabelText('Number')).toHaveValue('13900000002');
  });

  it('do not open the dial pad while calling out is not allowed (a call in conversation): a message says why', async () => {
    const harness = createHarness();
    await talking(harness);
    await renderWith(harness, <App><PhoneBar /></App>);
    await act(async () => requestDial('13900000003'));
    expect(await screen.findByText('Cannot call 13900000003 now: a call is in progress or this tab does not hold the phone')).toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Call out' })).toBeNull();
  });
});
