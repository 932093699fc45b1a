import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createHarness, renderWith, settle } from '../test-utils';
import type { CustomerSummary } from '@octopus/contracts';
import type * as CountRendersModule from '../testing/count-renders';
import { rendersOf } from '../testing/count-renders';
import { CallerPanel } from './CallerPanel';
import { AfterPaintProvider } from '../paint/after-paint';

// The note box is not memoised: it renders exactly when the caller panel does (or its own state changes).
jest.mock('../calls/NoteEditor', () =>
  jest.requireActual<typeof CountRendersModule>('../testing/count-renders').countRenders(jest.requireActual('../calls/NoteEditor'), 'NoteEditor'),
);

describe('<CallerPanel>: a ring paints who is calling first', () => {
  it('shows a newly ringing call without its forms until that frame is painted; a call it has shown comes back whole', async () => {
    const harness = createHarness();
    await settle();
    let tasks: Array<() => void> = [];
    const afterPaint = (task: () => void) => void tasks.push(task);
    const paint = async () =>
      act(async () => {
        const due = tasks;
        tasks = [];
        for (const task of due) task();
      });
    let first = '';
    await act(async () => {
      first = harness.driver.ring({ phone: '13800138000', userId: 'U0000001', name: '张伟', verification: { status: 'skipped', method: null } });
    });
    const view = await renderWith(
      harness,
      <AfterPaintProvider value={afterPaint}>
        <CallerPanel callId={first} />
      </AfterPaintProvider>,
    );
    // The first frame: who is calling, not yet the note box or the verification form.
    expect(screen.getByTestId('caller-number')).toHaveTextContent('13800138000');
    expect(screen.queryByLabelText('Notes')).toBeNull();
    expect(screen.queryByTestId('verify-caller')).toBeNull();
    await paint();
    expect(screen.getByLabelText('Notes')).toBeInTheDocument();
    expect(screen.getByTestId('verify-caller')).toBeInTheDocument();
    // Away and back (a call switch): the call it has shown is whole in the first render.
    view.rerender(
      <AfterPaintProvider value={afterPaint}>
        <CallerPanel callId={null} />
      </AfterPaintProvider>,
    );
    view.rerender(
      <AfterPaintProvider value={afterPaint}>
        <CallerPanel callId={first} />
      </AfterPaintProvider>,
    );
    expect(screen.getByLabelText('Notes')).toBeInTheDocument();
  });
});

describe('<CallerPanel>', () => {
  it('is filled while the call still rings: number, location, group, key track, IVR verification, customer', async () => {
    const harness = createHarness();
    await settle();
    let callId = '';
    await act(async () => {
      callId = harness.driver.ring({ phone: '13800138000', province: '北京', city: '北京', keyTrack: '1#***********#', userId: 'U0000001', name: '张伟' });
    });
    await renderWith(harness, <CallerPanel callId={callId} />);
    expect(screen.getByText('Incoming call')).toBeInTheDocument();
    expect(screen.getByTestId('caller-number')).toHaveTextContent('13800138000');
    expect(screen.getByTestId('caller-location')).toHaveTextContent('北京 北京');
    expect(screen.getByTestId('caller-key-track')).toHaveTextContent('1#***********#');
    expect(screen.getByTestId('caller-verification')).toHaveTextContent('Verified');
    expect(screen.getByTestId('caller-customer')).toHaveTextContent('张伟');
    expect(screen.getByText('Calling from the account’s own number')).toBeInTheDocument();
    expect(screen.queryByTestId('verify-caller')).not.toBeInTheDocument();
  });

  it('lets the agent verify an unverified caller and records how', async () => {
    const harness = createHarness();
    await settle();
    let callId = '';
    await act(async () => {
      callId = harness.driver.ring({ userId: 'U0000001', name: '张伟', verification: { status: 'skipped', method: null } });
    });
    await renderWith(harness, <CallerPanel callId={callId} />);
    await act(async () => void harness.client.actions.answer(callId));
    expect(screen.getByText('Caller not verified: data is masked')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Registered phone or ID suffix the caller tells you'), '0000');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm identity and bind' }));
    expect(await screen.findByText('Does not match; 4 attempts left')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('Registered phone or ID suffix the caller tells you'));
    await userEvent.type(screen.getByLabelText('Registered phone or ID suffix the caller tells you'), '1239');
    await userEvent.click(screen.getByRole('button', { name: 'Confirm identity and bind' }));
    await waitFor(() => expect(screen.getByTestId('caller-verification')).toHaveTextContent('Verified'));
    expect(screen.getByText('Agent confirmed details')).toBeInTheDocument();
    expect(harness.workspace.get(callId).verificationSteps.map((step) => step.ok)).toEqual([false, true]);
  });

  it('tags the number as the account’s own only from the server’s fact, not from what the shell bound', async () => {
    const harness = createHarness();
    await settle();
    let callId = '';
    // The number is U0000004's: the IVR identified U4 by it.
    await act(async () => {
      callId = harness.driver.ring({ phone: '13800138004', userId: 'U0000004', name: '赵**', verification: { status: 'skipped', method: null } });
    });
    await renderWith(harness, <CallerPanel callId={callId} />);
    expect(screen.getByTestId('caller-number-match')).toHaveTextContent('Calling from the account’s own number');
    await act(async () => void harness.client.actions.answer(callId));
    // The agent binds U2 on that call: the server says the number is not U2's.
    await act(async () => void (await harness.client.actions.bindCustomer(callId, 'U0000002', 'agent-search')));
    await waitFor(() => expect(screen.getByTestId('caller-customer')).toHaveTextContent('U0000002'));
    expect(screen.queryByText('Calling from the account’s own number')).not.toBeInTheDocument();
    expect(screen.getByTestId('caller-number-match')).toHaveTextContent('Calling from another number');
  });

  it('does not tag the own number when the IVR verified another account than the number’s', async () => {
    const harness = createHarness();
    await settle();
    let callId = '';
    await act(async () => {
      callId = harness.driver.ring({ phone: '13800138004', userId: 'U0000002', numberUserId: 'U0000004', name: '李四', verification: { status: 'verified', method: 'ivr-id-suffix' } });
    });
    await renderWith(harness, <CallerPanel callId={callId} />);
    expect(screen.queryByText('Calling from the account’s own number')).not.toBeInTheDocument();
    expect(screen.getByTestId('caller-number-match')).toHaveTextContent('Calling from another number');
  });

  it('says so when there is no call', async () => {
    const harness = createHarness();
    await renderWith(harness, <CallerPanel callId={null} />);
    expect(screen.getByText('Incoming calls pop up here.')).toBeInTheDocument();
  });

  it('a ring renders the panel once: the api’s answer about the customer re-renders the name only', async () => {
    const harness = createHarness({ autoAnswerMs: null });
    const summary = { userId: 'U0000001', name: '张*' } as CustomerSummary;
    harness.api.summaries = { 'U0000001:masked': summary, 'U0000001:full': summary };
    // The workbench's panel is there before the ring, its records loaded.
    const { rerender } = await renderWith(harness, <CallerPanel callId={null} />);
    await settle(50);
    let callId = '';
    await act(async () => {
      callId = harness.driver.ring({ phone: '13800138000', userId: 'U0000001', name: '张伟', verification: { status: 'skipped', method: null } });
    });
    const before = rendersOf('NoteEditor');
    await act(async () => rerender(<CallerPanel callId={callId} />));
    await waitFor(() => expect(harness.api.summaryCalls).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('caller-customer')).toHaveTextContent('张*'));
    await settle(50);
    // Mounted with the ring; the summary's arrival and the agent's ringing state added nothing.
    expect(rendersOf('NoteEditor') - before).toBe(1);
  });
});
