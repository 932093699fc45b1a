import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scopedKey } from '@octopus/api-client';
import type { CallRecordDto } from '@octopus/contracts';
import type * as CountRendersModule from '../testing/count-renders';
import { rendersOf } from '../testing/count-renders';
import { createHarness, recordDto, renderWith, settle } from '../test-utils';
import { CallList } from './CallList';

// Counts how often record bodies render: a call switch must not re-render them (issue [2/7] point 8).
jest.mock('./NoteEditor', () => jest.requireActual<typeof CountRendersModule>('../testing/count-renders').countRenders(jest.requireActual('./NoteEditor'), 'NoteEditor'));
// The records' wrap-up selects: an agent state change (a ring, an answer) must not re-render them.
jest.mock('./DispositionSelect', () =>
  jest.requireActual<typeof CountRendersModule>('../testing/count-renders').countRenders(jest.requireActual('./DispositionSelect'), 'DispositionSelect'),
);

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

  it('a call switch re-renders only the two entries whose selection changed, not the records', async () => {
    const harness = createHarness();
    // Two ended calls the store still knows, each with its record in the list.
    const ids: string[] = [];
    for (const phone of ['13900001000', '13900001001']) {
      let id = '';
      await act(async () => void (id = harness.driver.ring({ phone })));
      await settle();
      await act(async () => harness.driver.callerHangup(id));
      await settle();
      ids.push(id);
    }
    harness.api.records = ids.map((id) => recordDto(id));
    const { container } = await renderWith(harness, <CallList agentId="1001" />);
    await waitFor(() => expect(container.querySelectorAll('[data-record]')).toHaveLength(2));
    const [a, b] = ids as [string, string];
    await act(async () => harness.store.setActiveCall(a));
    const frame = (id: string) => container.querySelector(`[data-record][data-call-id="${id}"]`) as HTMLElement;
    expect(frame(a).style.border).toContain('rgb(31, 111, 235)');
    const before = rendersOf('NoteEditor');
    await act(async () => harness.store.setActiveCall(b));
    expect(frame(b).style.border).toContain('rgb(31, 111, 235)');
    expect(frame(a).style.border).not.toContain('rgb(31, 111, 235)');
    expect(rendersOf('NoteEditor') - before).toBe(0);
  });

  it('a ring and its answer re-render no record row (the agent state they change is not the records’ business)', async () => {
    const harness = createHarness({ autoAnswerMs: null });
    harness.api.records = [recordDto('R1'), recordDto('R2'), recordDto('R3')];
    const { container } = await renderWith(harness, <CallList agentId="1001" />);
    await waitFor(() => expect(container.querySelectorAll('[data-record]')).toHaveLength(3));
    await settle();
    const notes = rendersOf('NoteEditor');
    const selects = rendersOf('DispositionSelect');
    const agentStates: string[] = [];
    const stop = harness.store.subscribe((state) => void agentStates.push(state.agent?.state ?? ''));
    let id = '';
    await act(async () => void (id = harness.driver.ring({ phone: '13800138000' })));
    await settle();
    await act(async () => void (await harness.client.actions.answer(id)));
    await settle();
    stop();
    // The agent's state did change (ringing, then talking): the rows ignored it.
    expect(agentStates).toEqual(expect.arrayContaining(['ringing', 'talking']));
    expect(container.querySelector(`[data-call-id="${id}"][data-call-state="talking"]`)).not.toBeNull();
    expect(rendersOf('DispositionSelect') - selects).toBe(0);
    expect(rendersOf('NoteEditor') - notes).toBe(0);
  });

  it('a refetch that puts a new record on top re-renders that row only (rows are shared by call id, not by place)', async () => {
    const harness = createHarness();
    harness.api.records = [recordDto('R1'), recordDto('R2'), recordDto('R3')];
    // As over the network: every answer is new objects.
    const fetchRecords = harness.api.recentCallRecords.bind(harness.api);
    harness.api.recentCallRecords = async (limit) => JSON.parse(JSON.stringify(await fetchRecords(limit))) as CallRecordDto[];
    const { container } = await renderWith(harness, <CallList agentId="1001" />);
    await waitFor(() => expect(container.querySelectorAll('[data-record]')).toHaveLength(3));
    const before = rendersOf('NoteEditor');
    harness.api.records = [recordDto('R0'), ...harness.api.records];
    await act(async () => void (await harness.queryClient.refetchQueries({ queryKey: ['shell', 'call-records'] })));
    await waitFor(() => expect(container.querySelectorAll('[data-record]')).toHaveLength(4));
    expect(rendersOf('NoteEditor') - before).toBe(1);
  });

  it('a ring does not refetch the records (no record is written); a call that ends does', async () => {
    const harness = createHarness({ autoAnswerMs: null });
    harness.api.records = [recordDto('R1')];
    let fetches = 0;
    const fetchRecords = harness.api.recentCallRecords.bind(harness.api);
    harness.api.recentCallRecords = async (limit) => {
      fetches += 1;
      return fetchRecords(limit);
    };
    const { container } = await renderWith(harness, <CallList agentId="1001" />);
    await waitFor(() => expect(container.querySelectorAll('[data-record]')).toHaveLength(1));
    const initial = fetches;
    let id = '';
    await act(async () => void (id = harness.driver.ring({ phone: '13800138000' })));
    // The list refreshes 0.8 s after a live call leaves it.
    await settle(1200);
    expect(fetches).toBe(initial);
    await act(async () => harness.driver.callerHangup(id));
    await waitFor(() => expect(fetches).toBe(initial + 1), { timeout: 10_000 });
  });

  it('drops the remotes’ cached answers about calls it no longer shows, keeping those it shows', async () => {
    const harness = createHarness();
    harness.api.records = [recordDto('R1')];
    const scope = (callId: string | null) => ({ userId: 'U1', callId, grant: 'g' });
    harness.queryClient.setQueryData(scopedKey('tickets', 'list', scope('GONE')), []);
    harness.queryClient.setQueryData(scopedKey('orders', 'list', scope('R1')), []);
    harness.queryClient.setQueryData(scopedKey('orders', 'list', scope(null)), []);
    harness.queryClient.setQueryData(['octopus', 'registry'], { remotes: {} });
    const { container } = await renderWith(harness, <CallList agentId="1001" />);
    await waitFor(() => expect(container.querySelectorAll('[data-record]')).toHaveLength(1));
    await waitFor(() => expect(harness.queryClient.getQueryData(scopedKey('tickets', 'list', scope('GONE')))).toBeUndefined());
    expect(harness.queryClient.getQueryData(scopedKey('orders', 'list', scope('R1')))).toEqual([]);
    expect(harness.queryClient.getQueryData(scopedKey('orders', 'list', scope(null)))).toEqual([]);
    expect(harness.queryClient.getQueryData(['octopus', 'registry'])).toEqual({ remotes: {} });
  });
});
