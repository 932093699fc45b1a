import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createFetchMock, type RecordedRequest } from '@octopus/api-client/testing';
import type { GroupRules, Locale, RulesResponse, RulesVersion } from '@octopus/contracts';
import { makeProps, testQueryClient } from '@octopus/remote-kit/testing';
import { OctopusUiProvider } from '@octopus/ui';
import { RulesScreen } from './RulesScreen';

jest.setTimeout(30_000);

const base: GroupRules = {
  strategy: 'longest-idle',
  agentLevels: {},
  priorityByLevel: {},
  maxWaitMs: 120_000,
  onMaxWait: { kind: 'overflow', group: 'aftersale' },
  capacity: null,
  onFull: null,
  ringTimeoutMs: 20_000,
  wrapUpMs: 10_000,
  businessHours: null,
  sticky: null,
};
const v1: RulesVersion = { version: 1, at: Date.UTC(2026, 11, 1, 1, 0), by: 'system', change: { action: 'seed' }, groups: { presale: base, aftersale: { ...base, onMaxWait: { kind: 'callback' } } } };
const v2: RulesVersion = { version: 2, at: Date.UTC(2026, 11, 2, 1, 0), by: '2001', change: { action: 'update', group: 'presale', fields: ['wrapUpMs'] }, groups: { ...v1.groups, presale: { ...base, wrapUpMs: 5_000 } } };
const RULES: RulesResponse = {
  current: v2,
  history: [v2, v1],
  wrapUpCodes: { presale: { required: true, codes: ['order-status', 'refund'] } },
  groups: [
    { name: 'presale', label: '售前咨询', labels: { 'en-US': 'Pre-sales' }, agents: [{ id: '1001', name: '王芳' }, { id: '1008', name: '黄强' }] },
    { name: 'aftersale', label: '售后服务', labels: { 'en-US': 'After-sales' }, agents: [{ id: '1006', name: '刘洋' }] },
  ],
};

function setup(put: (request: RecordedRequest) => { status?: number; body?: unknown }, locale: Locale = 'en-US') {
  const fetchMock = createFetchMock({
    'GET /octopus-config.json': { body: { ctiUrl: 'http://cti.test', apiUrl: 'http://api.test' } },
    'GET /rules': { body: RULES },
    'PUT /rules/groups/presale': put,
    'POST /rules/rollback': (request) => ({ body: { current: { ...v1, version: 3, by: '2001', change: { action: 'rollback', toVersion: (request.body as { version: number }).version } } } }),
  });
  globalThis.fetch = fetchMock.fetch;
  const props = makeProps({ locale, callId: null, customer: null });
  render(
    <QueryClientProvider client={testQueryClient()}>
      <OctopusUiProvider locale={locale}>
        <RulesScreen {...props} />
      </OctopusUiProvider>
    </QueryClientProvider>,
  );
  return { fetchMock, props };
}

async function choose(label: string, option: string) {
  const select = screen.getByLabelText(label).closest('.ant-select') as HTMLElement;
  fireEvent.mouseDown(within(select).getByRole('combobox'));
  const options = await screen.findAllByTitle(option);
  fireEvent.click(options.at(-1)!);
}

describe('routing rules screen', () => {
  it("shows the current group's rules, the wrap-up codes and the history (who, when, what) with the agent token", async () => {
    const { fetchMock } = setup(() => ({ body: {} }));
    await screen.findByTestId('rules-screen');
    expect(screen.getByRole('radio', { name: 'Longest idle' })).toBeChecked();
    expect(screen.getByLabelText('Max queue wait (s, empty: no limit)')).toHaveValue(120);
    expect(screen.getByLabelText('Wrap-up time (s, 0: none)')).toHaveValue(5);
    expect(screen.getByLabelText('Skill level of 1008 黄强')).toBeInTheDocument();
    expect(within(screen.getByTestId('wrap-up-codes')).getByText('refund')).toBeInTheDocument();
    const history = document.querySelector('tr[data-rules-version="2"]') as HTMLElement;
    expect(history).toHaveTextContent('2001');
    expect(history).toHaveTextContent('Pre-sales: wrap-up time');
    expect(document.querySelector('tr[data-rules-version="1"]')).toHaveTextContent('Initial configuration');
    expect(fetchMock.calls('GET /rules')[0]!.headers.authorization).toMatch(/^Bearer /);
    expect(screen.getByTestId('rules-save')).toBeDisabled();
  });

  it('saves round robin with an overflow after 30 s as the whole group rules, against the version shown', async () => {
    const { fetchMock, props } = setup((request) => ({ body: { current: { ...v2, version: 3, groups: { ...v2.groups, presale: request.body as GroupRules } } } }));
    await screen.findByTestId('rules-screen');
    fireEvent.click(screen.getByRole('radio', { name: 'Round robin' }));
    fireEvent.change(screen.getByLabelText('Max queue wait (s, empty: no limit)'), { target: { value: '30' } });
    fireEvent.change(screen.getByLabelText('Skill level of 1001 王芳'), { target: { value: '7' } });
    await choose('When the wait is over', 'Offer a callback');
    await choose('When the wait is over', 'Overflow to another group');
    expect(screen.getByTestId('rules-unsaved')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('rules-save'));
    await waitFor(() => expect(props.host.showMessage).toHaveBeenCalledWith('success', 'Saved as version 3; the next routing decision follows it'));
    const [request] = fetchMock.calls('PUT /rules/groups/presale');
    expect(request!.url.searchParams.get('ifVersion')).toBe('2');
    expect(request!.body).toEqual({ ...base, wrapUpMs: 5_000, strategy: 'round-robin', maxWaitMs: 30_000, agentLevels: { '1001': 7 }, onMaxWait: { kind: 'overflow', group: 'aftersale' } });
  });

  it("shows the server's 400 beside the field it names, and a 409 at the top", async () => {
    let answer: { status: number; body: unknown } = { status: 400, body: { error: 'bad_request', message: 'maxWaitMs: Too small: expected number to be >=1000', field: 'maxWaitMs' } };
    setup(() => answer);
    await screen.findByTestId('rules-screen');
    fireEvent.change(screen.getByLabelText('Max queue wait (s, empty: no limit)'), { target: { value: '0.5' } });
    fireEvent.click(screen.getByTestId('rules-save'));
    const error = await waitFor(() => {
      const found = document.querySelector('[data-field-error="maxWaitMs"]');
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    expect(error).toHaveTextContent('expected number to be >=1000');
    expect(error.closest('[data-field="maxWaitMs"]')!.querySelector('input')).toHaveAttribute('aria-invalid', 'true');
    expect(document.querySelectorAll('[data-field-error]')).toHaveLength(1);
    expect(screen.getByTestId('rules-refusal')).toHaveTextContent('Not saved');
    // The draft is kept, to be corrected.
    expect(screen.getByLabelText('Max queue wait (s, empty: no limit)')).toHaveValue(0.5);
    answer = { status: 409, body: { error: 'version_conflict', message: 'the rules changed meanwhile (now version 3)' } };
    fireEvent.click(screen.getByTestId('rules-save'));
    await waitFor(() => expect(screen.getByTestId('rules-refusal')).toHaveTextContent('the rules changed meanwhile'));
    expect(document.querySelectorAll('[data-field-error]')).toHaveLength(0);
  });

  it('edits business hours with a holiday, and the sticky agent, in seconds and days', async () => {
    const { fetchMock } = setup((request) => ({ body: { current: { ...v2, version: 3, groups: { ...v2.groups, presale: request.body as GroupRules } } } }));
    await screen.findByTestId('rules-screen');
    fireEvent.click(screen.getByRole('radio', { name: 'By business hours' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add a holiday' }));
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-10-01' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'National Day' } });
    fireEvent.click(screen.getByRole('radio', { name: 'On' }));
    fireEvent.change(screen.getByLabelText('Wait for that agent up to (s)'), { target: { value: '20' } });
    fireEvent.click(screen.getByTestId('rules-save'));
    await waitFor(() => expect(fetchMock.calls('PUT /rules/groups/presale')).toHaveLength(1));
    const body = fetchMock.calls('PUT /rules/groups/presale')[0]!.body as GroupRules;
    expect(body.businessHours).toEqual({ timeZone: 'Asia/Shanghai', weekly: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }], holidays: [{ date: '2026-10-01', name: 'National Day' }], outOfHours: { kind: 'voicemail' } });
    expect(body.sticky).toEqual({ withinDays: 7, waitMs: 20_000 });
  });

  it('rolls back to a kept version in one click, against the version shown', async () => {
    const { fetchMock, props } = setup(() => ({ body: {} }), 'zh-CN');
    await screen.findByTestId('rules-screen');
    fireEvent.click(screen.getByRole('button', { name: '回滚到版本 1' }));
    await waitFor(() => expect(props.host.showMessage).toHaveBeenCalledWith('success', '已回滚，当前版本 3'));
    const [request] = fetchMock.calls('POST /rules/rollback');
    expect(request!.body).toEqual({ version: 1 });
    expect(request!.url.searchParams.get('ifVersion')).toBe('2');
  });
});
