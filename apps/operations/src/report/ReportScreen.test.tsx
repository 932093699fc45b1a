import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createFetchMock } from '@octopus/api-client/testing';
import type { EffectivenessFigures, EffectivenessReport, Locale, RulesResponse } from '@octopus/contracts';
import { makeProps, testQueryClient } from '@octopus/remote-kit/testing';
import { OctopusUiProvider } from '@octopus/ui';
import { ReportScreen } from './ReportScreen';

jest.setTimeout(30_000);
// uPlot draws on a canvas jsdom does not have: the charts' own chunk is replaced by a list of what it would draw.
jest.mock('./ReportCharts', () => ({
  ReportCharts: ({ periods }: { periods: Array<{ period: string }> }) => <ol data-testid="charts-stub">{periods.map((p) => <li key={p.period}>{p.period}</li>)}</ol>,
}));

const figures = (over: Partial<EffectivenessFigures> = {}): EffectivenessFigures => ({
  inbound: 10, offered: 9, answered: 8, abandoned: 1, abandonedAvgWaitSeconds: 33.4, abandonedMaxWaitSeconds: 33.4, abandonedWithinThreshold: 0, abandonedAfter: { upTo10s: 0, upTo30s: 0, upTo60s: 1, upTo120s: 0, over120s: 0 },
  answeredWithinThreshold: 7, serviceLevel: 0.7778, avgAnswerSeconds: 9.5,
  handleTime: { ivrVerified: { calls: 1, avgSeconds: 280 }, agentVerified: { calls: 4, avgSeconds: 292.5 }, unverified: { calls: 3, avgSeconds: 250 }, all: { calls: 8, avgSeconds: 275 } },
  ivrVerified: 1, ivrVerifiedShare: 0.1, selfService: 1, selfServiceShare: 0.1, transfers: 2, overflows: 0, ...over,
});

const REPORT: EffectivenessReport = {
  from: '2020-03-02', to: '2020-03-03', granularity: 'day', timeZone: 'Asia/Shanghai', skillGroup: null, serviceLevelSeconds: 20,
  rows: [{ period: '2020-03-02', skillGroup: 'aftersale', ...figures() }, { period: '2020-03-02', skillGroup: null, ...figures({ offered: 0 }) }],
  periodTotals: [{ period: '2020-03-02', ...figures() }, { period: '2020-03-03', ...figures({ offered: 0, answered: 0, abandoned: 0, serviceLevel: null }) }],
  groupTotals: [{ skillGroup: 'aftersale', ...figures() }],
  total: figures(),
  missedRings: [{ period: '2020-03-02', agentId: '1003', agentName: '张伟', missed: 2, rejected: 1 }],
  dispositions: [{ period: '2020-03-02', skillGroup: 'aftersale', disposition: { code: 'order-status', label: { 'zh-CN': '订单物流查询', 'en-US': 'Order or delivery status' } }, calls: 5 }],
};

/** The cti-server's groups (`GET /rules`): the report names groups as the board and the rules do. */
const SEED: RulesResponse['current'] = { version: 1, at: 0, by: 'system', change: { action: 'seed' }, groups: {} };
const RULES: RulesResponse = {
  current: SEED,
  history: [SEED],
  wrapUpCodes: {},
  groups: [{ name: 'aftersale', label: '售后服务', labels: { 'en-US': 'After-sales' }, agents: [] }],
};

function setup(locale: Locale = 'en-US', answer: { status?: number; body?: unknown } = { body: REPORT }, rules: { status?: number; body?: unknown } = { body: RULES }) {
  const fetchMock = createFetchMock({
    'GET /octopus-config.json': { body: { ctiUrl: 'http://cti.test', apiUrl: 'http://api.test' } },
    'GET /rules': rules,
    'GET /reports/effectiveness': answer,
    'GET /reports/effectiveness/csv': { text: '\uFEFFscope,period\r\n' },
  });
  globalThis.fetch = fetchMock.fetch;
  const props = makeProps({ locale, callId: null, customer: null });
  render(
    <QueryClientProvider client={testQueryClient()}>
      <OctopusUiProvider locale={locale}>
        <ReportScreen {...props} />
      </OctopusUiProvider>
    </QueryClientProvider>,
  );
  return { fetchMock };
}

describe('ReportScreen', () => {
  it('shows the summary, the per-period, per-group, missed-ring and disposition tables, and the charts, from the api', async () => {
    const { fetchMock } = setup();
    await waitFor(() => expect(screen.getByTestId('report-screen')).toHaveAttribute('data-report-ready', 'true'));
    const [request] = fetchMock.calls('GET /reports/effectiveness');
    expect(request!.url.searchParams.get('granularity')).toBe('day');
    expect(request!.url.searchParams.get('to')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(document.querySelector('[data-kpi="service-level"] dd')).toHaveTextContent('77.8%');
    expect(document.querySelector('[data-kpi="aht-ivr"] dd')).toHaveTextContent('4:40');
    const day = document.querySelector('[data-report-period="2020-03-02"]') as HTMLElement;
    expect(within(day).getByText('9', { selector: '[data-figure="offered"]' })).toBeInTheDocument();
    expect(document.querySelector('[data-report-period="2020-03-03"] [data-figure="answered"]')).toHaveTextContent('0');
    expect(screen.getByText('张伟 (1003)')).toBeInTheDocument();
    expect(screen.getByText('Order or delivery status')).toBeInTheDocument();
    expect(screen.getByText('(ended in the IVR)')).toBeInTheDocument();
    expect(await screen.findByTestId('charts-stub')).toHaveTextContent('2020-03-02');
    // Groups by the names the cti-server gives them (as on the board and the rules screen), not by key.
    await waitFor(() => expect(within(document.querySelector('[data-report-group="aftersale"]') as HTMLElement).getByText('After-sales')).toBeInTheDocument());
    expect(screen.queryByText('aftersale')).toBeNull();
  });

  it('asks again by week and for one group, and downloads a CSV table', async () => {
    const { fetchMock } = setup();
    await waitFor(() => expect(screen.getByTestId('report-screen')).toHaveAttribute('data-report-ready', 'true'));
    fireEvent.click(screen.getByText('Weekly'));
    await waitFor(() => expect(fetchMock.calls('GET /reports/effectiveness').at(-1)!.url.searchParams.get('granularity')).toBe('week'));
    const createObjectURL = jest.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    fireEvent.click(screen.getByTestId('report-csv-figures'));
    await waitFor(() => expect(createObjectURL).toHaveBeenCalled());
    expect(fetchMock.calls('GET /reports/effectiveness/csv')[0]!.url.searchParams.get('table')).toBe('figures');
  });

  it('speaks Chinese by default and says when the api refuses', async () => {
    setup('zh-CN', { status: 403, body: { error: 'forbidden', message: 'the effectiveness report is for supervisors and admins' } });
    expect(await screen.findByText('报表加载失败')).toBeInTheDocument();
    expect(screen.getByText('按周')).toBeInTheDocument();
  });
});
