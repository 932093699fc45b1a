import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createFetchMock } from '@octopus/api-client/testing';
import type { FloorView, GroupSummary, Locale } from '@octopus/contracts';
import { makeProps, testQueryClient } from '@octopus/remote-kit/testing';
import { TelephonyClient } from '@octopus/telephony';
import { TelephonyProvider } from '@octopus/telephony/react';
import { OctopusUiProvider } from '@octopus/ui';
import { BoardScreen } from './BoardScreen';
import { FLOOR_REFRESH_MS } from './useFloor';

jest.setTimeout(30_000);

const NOW = Date.now();
const counts = { offeredToday: 4, answeredToday: 3, answeredInTimeToday: 2, abandonedToday: 1, overflowedToday: 1, serviceLevel: 0.5 };

function floorWith(calls: FloorView['calls']): FloorView {
  return {
    at: NOW,
    serviceLevelSeconds: 20,
    queues: [
      { name: 'aftersale', label: '售后服务', labels: { 'zh-CN': '售后服务', 'en-US': 'After-sales' }, waiting: calls.filter((c) => c.phase === 'queued').length, oldestQueuedAt: calls.find((c) => c.phase === 'queued')?.queuedAt ?? null, idleAgents: 1, onlineAgents: 2, ...counts },
    ],
    agents: [
      { id: '1003', name: '张伟', role: 'agent', skillGroups: ['aftersale'], state: 'talking', stateSince: NOW - 65_000, connected: true, callId: 'C-talk', missedToday: 2 },
      { id: '1007', name: '赵敏', role: 'agent', skillGroups: ['aftersale'], state: 'idle', stateSince: NOW - 5_000, connected: true, callId: null, missedToday: 0 },
    ],
    calls,
  };
}

const talking: FloorView['calls'][number] = { id: 'C-talk', direction: 'inbound', number: '13800138000', skillGroup: 'aftersale', phase: 'connected', held: false, agentId: '1003', startedAt: NOW - 90_000, queuedAt: null, connectedAt: NOW - 65_000, verification: { status: 'verified', method: 'ivr-phone' } };
const queued: FloorView['calls'][number] = { id: 'C-new', direction: 'inbound', number: '139****0001', skillGroup: 'aftersale', phase: 'queued', held: false, agentId: null, startedAt: NOW - 3_000, queuedAt: NOW - 3_000, connectedAt: null, verification: { status: 'unverified', method: null } };

function setup(locale: Locale = 'en-US') {
  let floor = floorWith([talking]);
  const fetchMock = createFetchMock({
    'GET /octopus-config.json': { body: { ctiUrl: 'http://cti.test', apiUrl: 'http://api.test' } },
    'GET /supervisor/floor': () => ({ body: { ...floor, at: Date.now() } }),
    'GET /telemetry/remote-loads/summary': { body: { windowMinutes: 60, rows: [{ remote: 'tickets', version: '0.1.0', track: 'stable', loads: 12, failures: 0, successRate: 1, p95Ms: 420 }] } },
    'POST /supervisor/agents/1007/state': { body: { done: true } },
    'POST /supervisor/calls/C-new/route': { body: { done: true } },
  });
  globalThis.fetch = fetchMock.fetch;
  const telephony = new TelephonyClient();
  const props = makeProps({ locale, callId: null, customer: null });
  render(
    <QueryClientProvider client={testQueryClient()}>
      <TelephonyProvider client={telephony}>
        <OctopusUiProvider locale={locale}>
          <BoardScreen {...props} />
        </OctopusUiProvider>
      </TelephonyProvider>
    </QueryClientProvider>,
  );
  return { fetchMock, telephony, props, setFloor: (next: FloorView) => (floor = next) };
}

const group = (queuedCount: number, rev: number): GroupSummary => ({ name: 'aftersale', label: '售后服务', routing: 'longest-idle', queued: queuedCount, oldestQueuedAt: null, idleAgents: 1, onlineAgents: 2, rev });

async function choose(select: HTMLElement, option: string) {
  fireEvent.mouseDown(within(select).getByRole('combobox'));
  fireEvent.click(await screen.findByTitle(option));
}

describe('supervisor board', () => {
  it('shows queues, live calls, agents and remote loads from the cti-server and the api, with the agent token', async () => {
    const { fetchMock } = setup();
    const row = await waitFor(() => {
      const found = document.querySelector('[data-call="C-talk"]');
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    expect(row).toHaveTextContent('13800138000');
    expect(row).toHaveTextContent('Connected');
    expect(row).toHaveTextContent('1003 张伟');
    expect(row).toHaveTextContent('Verified · IVR phone');
    // Connected 65 s before the fixture was made (plus however long the render took on this machine).
    expect(row).toHaveTextContent(/1:(0[5-9]|[1-5]\d)/);
    const queue = document.querySelector('[data-queue="aftersale"]')!;
    expect(queue).toHaveTextContent('After-sales');
    expect(within(queue as HTMLElement).getByTestId('queue-service-level')).toHaveTextContent('50%');
    const agent = document.querySelector('[data-agent="1003"]')!;
    expect(agent).toHaveTextContent('Talking');
    expect(agent).toHaveTextContent('After-sales');
    expect(await screen.findByText('420 ms')).toBeInTheDocument();
    const floorRequest = fetchMock.calls('GET /supervisor/floor')[0]!;
    expect(floorRequest.url.origin).toBe('http://cti.test');
    expect(floorRequest.headers.authorization).toBe('Bearer agent.token.sig');
  });

  it('reads the floor again as soon as the pushed group list changes (a caller queued), long before the periodic refresh', async () => {
    const { fetchMock, telephony, setFloor } = setup();
    await waitFor(() => expect(document.querySelector('[data-call="C-talk"]')).not.toBeNull());
    const reads = fetchMock.calls('GET /supervisor/floor').length;
    setFloor(floorWith([talking, queued]));
    const pushedAt = Date.now();
    act(() => telephony.store.applyEvent({ type: 'groups', groups: [group(1, 10)] }));
    await waitFor(() => expect(document.querySelector('[data-call="C-new"][data-phase="queued"]')).not.toBeNull());
    expect(Date.now() - pushedAt).toBeLessThan(FLOOR_REFRESH_MS);
    expect(fetchMock.calls('GET /supervisor/floor').length).toBeGreaterThan(reads);
    expect(within(document.querySelector('[data-queue="aftersale"]') as HTMLElement).getByTestId('queue-waiting')).toHaveTextContent('1');
  });

  it('routes a queued call to an idle agent and sets an agent state through the supervisor commands', async () => {
    const { fetchMock, setFloor } = setup();
    setFloor(floorWith([talking, queued]));
    await waitFor(() => expect(document.querySelector('[data-call="C-new"]')).not.toBeNull());
    await choose(screen.getByLabelText('Route the call from 139****0001 to an agent').closest('.ant-select') as HTMLElement, '1007 赵敏');
    await waitFor(() => expect(fetchMock.calls('POST /supervisor/calls/C-new/route')).toHaveLength(1));
    expect(fetchMock.calls('POST /supervisor/calls/C-new/route')[0]!.body).toEqual({ agentId: '1007' });
    await choose(screen.getByLabelText('Set the state of 1007 赵敏').closest('.ant-select') as HTMLElement, 'Break');
    await waitFor(() => expect(fetchMock.calls('POST /supervisor/agents/1007/state')).toHaveLength(1));
    expect(fetchMock.calls('POST /supervisor/agents/1007/state')[0]!.body).toEqual({ state: 'break' });
  });

  it('tells the supervisor when the cti-server refuses a command', async () => {
    const { fetchMock, props, setFloor } = setup();
    setFloor(floorWith([talking, queued]));
    fetchMock.on('POST /supervisor/calls/C-new/route', { status: 409, body: { error: 'agent_unavailable', message: 'agent 1007 is busy' } });
    await waitFor(() => expect(document.querySelector('[data-call="C-new"]')).not.toBeNull());
    await choose(screen.getByLabelText('Route the call from 139****0001 to an agent').closest('.ant-select') as HTMLElement, '1007 赵敏');
    await waitFor(() => expect(props.host.showMessage).toHaveBeenCalledWith('error', 'Not done: agent 1007 is busy'));
  });

  it('speaks zh-CN by default', async () => {
    setup('zh-CN');
    await waitFor(() => expect(document.querySelector('[data-call="C-talk"]')).not.toBeNull());
    expect(document.querySelector('[data-call="C-talk"]')).toHaveTextContent('已核身 · IVR 手机号');
    expect(document.querySelector('[data-agent="1003"]')).toHaveTextContent('通话中');
    expect(screen.getByText('服务水平（20 秒）')).toBeInTheDocument();
  });
});
