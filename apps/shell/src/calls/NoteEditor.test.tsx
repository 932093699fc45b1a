import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createHarness, recordDto, renderWith } from '../test-utils';
import { NoteEditor } from './NoteEditor';

describe('<NoteEditor>', () => {
  it('saves as the agent types', async () => {
    const harness = createHarness();
    harness.api.records = [recordDto('C1')];
    await renderWith(harness, <NoteEditor agentId="1001" callId="C1" serverNote="" />);
    await userEvent.type(screen.getByLabelText('Notes'), 'refund asked');
    await waitFor(() => expect(harness.api.notesSaved.at(-1)).toEqual({ callId: 'C1', note: 'refund asked' }), { timeout: 3000 });
    expect(screen.getByText('Saved')).toBeInTheDocument();
  });

  it('keeps the draft in the call’s workspace until the record exists', async () => {
    const harness = createHarness();
    await renderWith(harness, <NoteEditor agentId="1001" callId="LIVE" serverNote={undefined} />);
    await userEvent.type(screen.getByLabelText('Notes'), 'typed mid-call');
    expect(await screen.findByText('Draft kept; saves once the call record exists', undefined, { timeout: 3000 })).toBeInTheDocument();
    expect(harness.workspace.get('LIVE').noteDraft).toBe('typed mid-call');
    // The call ends, its record is written; the retry saves the draft.
    await act(async () => void (harness.api.records = [recordDto('LIVE')]));
    await waitFor(() => expect(harness.api.notesSaved).toEqual([{ callId: 'LIVE', note: 'typed mid-call' }]), { timeout: 6000 });
  });

  it('still shows what the agent typed after a save whose record is not in the cached list (no empty box)', async () => {
    const harness = createHarness();
    // The record exists on the server, but the page's list of recent records does not have it yet.
    harness.api.records = [recordDto('OUT')];
    await renderWith(harness, <NoteEditor agentId="1001" callId="OUT" serverNote={undefined} />);
    await userEvent.type(screen.getByLabelText('Notes'), 'second call: courier');
    await waitFor(() => expect(harness.api.notesSaved.at(-1)).toEqual({ callId: 'OUT', note: 'second call: courier' }), { timeout: 3000 });
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(screen.getByLabelText('Notes')).toHaveValue('second call: courier');
    expect(harness.workspace.get('OUT').noteDraft).toBe('second call: courier');
  });

  it('grows with its text in CSS: mounting it (every ring) measures no computed style from script', async () => {
    const harness = createHarness();
    const measured = jest.spyOn(window, 'getComputedStyle');
    await renderWith(harness, <NoteEditor agentId="1001" callId="C1" serverNote={'line one\nline two\nline three'} />);
    const box = screen.getByLabelText('Notes');
    expect(measured.mock.calls.filter(([element]) => element === box)).toHaveLength(0);
    measured.mockRestore();
  });
});
