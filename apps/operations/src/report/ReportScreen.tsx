import { lazy, Suspense, useState, type HTMLAttributes, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  DEMO_SKILL_GROUPS,
  REPORT_DEFAULT_TIME_ZONE,
  type DispositionCount,
  type EffectivenessCsvTable,
  type EffectivenessFigures,
  type EffectivenessQuery,
  type MissedRingsRow,
  type RemoteProps,
  type ReportGranularity,
} from '@octopus/contracts';
import { Alert, Button, Card, Flex, Input, Segmented, Skeleton, Space, theme, useLocale, useT } from '@octopus/ui';
import { Select } from '@octopus/ui/select';
import { Table, type TableColumnsType } from '@octopus/ui/table';
import { useApiClient } from '@octopus/remote-kit';
import { addDays, dateIn, downloadText, formatPercent, formatSeconds } from './format';
import { reportMessages } from './report-messages';
import { groupLabelOf } from '../shared/group-label';
import { useRules } from '../rules/useRules';

// The charts (uPlot) load in their own chunk after the tables: nothing of them at login or on the board.
const ReportCharts = lazy(() => import('./ReportCharts').then((m) => ({ default: m.ReportCharts })));

const ALL = '*';
/** The days the report opens on: the 28 days ending today (the api's default too). */
const DEFAULT_DAYS = 28;

type Row<T> = EffectivenessFigures & T;

/**
 * The effectiveness report (supervisors and admins): per day or week and per skill group, offered,
 * answered and abandoned calls, service level, handle time per verification path, IVR verification and
 * self-service shares, transfers, missed rings per agent and dispositions, with charts and CSV exports.
 * Everything is computed by the api (`GET /reports/effectiveness`, docs/report.md).
 */
/**
 * A wide table's own horizontal scroll, reachable by keyboard (WCAG: a scrollable region must be
 * focusable) and named after its card.
 */
function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // Words wrap at spaces only (the page's anywhere-wrapping would split "Offered" and "1242" in narrow
    // columns): a table wider than the screen scrolls here instead.
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto', overflowWrap: 'normal', wordBreak: 'normal' }}>
      {children}
    </div>
  );
}

export function ReportScreen({ api }: RemoteProps) {
  const t = useT(reportMessages);
  const locale = useLocale();
  const client = useApiClient(api);
  const { token } = theme.useToken();
  const today = dateIn(Date.now(), REPORT_DEFAULT_TIME_ZONE);
  const [from, setFrom] = useState(addDays(today, 1 - DEFAULT_DAYS));
  const [to, setTo] = useState(today);
  const [granularity, setGranularity] = useState<ReportGranularity>('day');
  const [group, setGroup] = useState(ALL);
  const [csvError, setCsvError] = useState<string | null>(null);
  const query: EffectivenessQuery = { from, to, granularity, ...(group === ALL ? {} : { group }) };
  const report = useQuery({
    queryKey: ['octopus', 'operations', 'report', query],
    queryFn: ({ signal }) => client.effectivenessReport(query, { signal }),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const seconds = data?.serviceLevelSeconds ?? 20;
  // The api keeps group keys; the cti-server names them (the same names as on the board and the rules).
  const groupLabel = groupLabelOf(useRules(api.token).rules?.groups, locale);
  const groupName = (name: string | null) => (name === null ? t('noGroup') : groupLabel(name));

  const exportCsv = async (table: EffectivenessCsvTable) => {
    setCsvError(null);
    try {
      const csv = await client.effectivenessReportCsv({ ...query, table });
      downloadText(csv, `effectiveness-${table}-${from}-${to}-${granularity}${group === ALL ? '' : `-${group}`}.csv`);
    } catch (error) {
      setCsvError(error instanceof Error ? error.message : String(error));
    }
  };

  const figureColumns = <T,>(): TableColumnsType<Row<T>> => [
    { title: t('offered'), dataIndex: 'offered', align: 'right', onCell: () => ({ 'data-figure': 'offered' }) as HTMLAttributes<HTMLElement> },
    { title: t('answered'), dataIndex: 'answered', align: 'right', onCell: () => ({ 'data-figure': 'answered' }) as HTMLAttributes<HTMLElement> },
    { title: t('abandoned'), dataIndex: 'abandoned', align: 'right', onCell: () => ({ 'data-figure': 'abandoned' }) as HTMLAttributes<HTMLElement> },
    { title: t('abandonedWait'), dataIndex: 'abandonedAvgWaitSeconds', align: 'right', render: (v: number | null) => formatSeconds(v) },
    { title: t('serviceLevel', { seconds }), dataIndex: 'serviceLevel', align: 'right', render: (v: number | null) => formatPercent(v) },
    { title: t('avgAnswer'), dataIndex: 'avgAnswerSeconds', align: 'right', render: (v: number | null) => formatSeconds(v) },
    { title: t('ahtIvr'), key: 'ahtIvr', align: 'right', render: (_, r) => formatSeconds(r.handleTime.ivrVerified.avgSeconds) },
    { title: t('ahtAgent'), key: 'ahtAgent', align: 'right', render: (_, r) => formatSeconds(r.handleTime.agentVerified.avgSeconds) },
    { title: t('ahtNone'), key: 'ahtNone', align: 'right', render: (_, r) => formatSeconds(r.handleTime.unverified.avgSeconds) },
    { title: t('ivrVerifiedShare'), dataIndex: 'ivrVerifiedShare', align: 'right', render: (v: number | null) => formatPercent(v) },
    { title: t('selfServiceShare'), dataIndex: 'selfServiceShare', align: 'right', render: (v: number | null) => formatPercent(v) },
    { title: t('transfers'), dataIndex: 'transfers', align: 'right' },
    { title: t('overflows'), dataIndex: 'overflows', align: 'right' },
  ];
  const periodColumns: TableColumnsType<Row<{ period: string }>> = [{ title: t('period'), dataIndex: 'period', fixed: 'left' }, ...figureColumns<{ period: string }>()];
  const groupColumns: TableColumnsType<Row<{ skillGroup: string | null }>> = [
    { title: t('group'), dataIndex: 'skillGroup', fixed: 'left', render: groupName },
    ...figureColumns<{ skillGroup: string | null }>(),
  ];
  const periodGroupColumns: TableColumnsType<Row<{ period: string; skillGroup: string | null }>> = [
    { title: t('period'), dataIndex: 'period', fixed: 'left' },
    { title: t('group'), dataIndex: 'skillGroup', render: groupName },
    ...figureColumns<{ period: string; skillGroup: string | null }>(),
  ];
  const missedColumns: TableColumnsType<MissedRingsRow> = [
    { title: t('period'), dataIndex: 'period' },
    { title: t('agent'), key: 'agent', render: (_, r) => (r.agentName ? `${r.agentName} (${r.agentId})` : r.agentId) },
    { title: t('missed'), dataIndex: 'missed', align: 'right' },
    { title: t('rejected'), dataIndex: 'rejected', align: 'right' },
  ];
  const dispositionColumns: TableColumnsType<DispositionCount> = [
    { title: t('period'), dataIndex: 'period' },
    { title: t('group'), dataIndex: 'skillGroup', render: groupName },
    { title: t('disposition'), key: 'disposition', render: (_, r) => r.disposition.label[locale] },
    { title: t('calls'), dataIndex: 'calls', align: 'right' },
  ];
  const groups = [...new Set([...DEMO_SKILL_GROUPS, ...(data?.groupTotals.flatMap((g) => (g.skillGroup ? [g.skillGroup] : [])) ?? [])])];
  const total = data?.total;
  const kpis: Array<[key: string, label: string, value: string]> = total
    ? [
        ['offered', t('offered'), String(total.offered)],
        ['answered', t('answered'), String(total.answered)],
        ['abandoned', t('abandoned'), String(total.abandoned)],
        ['service-level', t('serviceLevel', { seconds }), formatPercent(total.serviceLevel)],
        ['aht-ivr', t('ahtIvr'), formatSeconds(total.handleTime.ivrVerified.avgSeconds)],
        ['aht-agent', t('ahtAgent'), formatSeconds(total.handleTime.agentVerified.avgSeconds)],
        ['aht-unverified', t('ahtNone'), formatSeconds(total.handleTime.unverified.avgSeconds)],
        ['ivr-verified', t('ivrVerifiedShare'), formatPercent(total.ivrVerifiedShare)],
        ['self-service', t('selfServiceShare'), formatPercent(total.selfServiceShare)],
      ]
    : [];
  const table = { size: 'small' as const, loading: report.isFetching };

  return (
    <Flex vertical gap={12} data-testid="report-screen" data-report-ready={data && !report.isFetching ? 'true' : 'false'}>
      <Card size="small" title={t('filters')}>
        <Space wrap>
          <Space size={4}>
            <label htmlFor="report-from">{t('from')}</label>
            <Input id="report-from" type="date" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} style={{ width: 150 }} />
          </Space>
          <Space size={4}>
            <label htmlFor="report-to">{t('to')}</label>
            <Input id="report-to" type="date" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} style={{ width: 150 }} />
          </Space>
          <Segmented<ReportGranularity>
            aria-label={t('granularity')}
            value={granularity}
            onChange={setGranularity}
            options={[
              { value: 'day', label: t('day') },
              { value: 'week', label: t('week') },
            ]}
          />
          <Select
            aria-label={t('group')}
            value={group}
            onChange={setGroup}
            style={{ minWidth: 160 }}
            options={[{ value: ALL, label: t('allGroups') }, ...groups.map((g) => ({ value: g, label: groupLabel(g) }))]}
          />
          <Button onClick={() => void report.refetch()} data-testid="report-refresh">{t('refresh')}</Button>
          <Button onClick={() => void exportCsv('figures')} data-testid="report-csv-figures">{t('csvFigures')}</Button>
          <Button onClick={() => void exportCsv('missed-rings')}>{t('csvMissed')}</Button>
          <Button onClick={() => void exportCsv('dispositions')}>{t('csvDispositions')}</Button>
        </Space>
      </Card>
      {report.isError ? <Alert type="error" showIcon message={t('loadFailed')} description={report.error.message} /> : null}
      {csvError ? <Alert type="error" showIcon message={t('csvFailed')} description={csvError} /> : null}
      {!data ? (
        report.isError ? null : <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <>
          <Card size="small" title={t('summary')}>
            <Flex wrap gap={24} component="dl" style={{ margin: 0 }}>
              {kpis.map(([key, label, value]) => (
                <div key={key} data-kpi={key}>
                  <dt style={{ color: token.colorTextSecondary }}>{label}</dt>
                  <dd style={{ margin: 0, fontSize: 20, fontWeight: 600 }}>{value}</dd>
                </div>
              ))}
            </Flex>
          </Card>
          <Card size="small" title={t('charts')}>
            <Suspense fallback={<Skeleton active aria-label={t('chartsLoading')} />}>
              <ReportCharts
                periods={data.periodTotals}
                labels={{
                  volume: t('chartVolume'),
                  serviceLevel: t('chartServiceLevel'),
                  handleTime: t('chartHandleTime'),
                  offered: t('offered'),
                  answered: t('answered'),
                  abandoned: t('abandoned'),
                  serviceLevelSeries: t('serviceLevel', { seconds }),
                  ivrVerified: t('ivrVerifiedShare'),
                  ahtIvr: t('ahtIvr'),
                  ahtAgent: t('ahtAgent'),
                  ahtNone: t('ahtNone'),
                }}
              />
            </Suspense>
          </Card>
          <Card size="small" title={t('byPeriod')}>
            <ScrollRegion label={t('byPeriod')}>
              <Table
                {...table}
                rowKey="period"
                columns={periodColumns}
                dataSource={data.periodTotals}
                pagination={false}
                onRow={(r) => ({ 'data-report-period': r.period }) as HTMLAttributes<HTMLElement>}
              />
            </ScrollRegion>
          </Card>
          <Card size="small" title={t('byGroup')}>
            <ScrollRegion label={t('byGroup')}>
              <Table
                {...table}
                rowKey={(r) => r.skillGroup ?? ''}
                columns={groupColumns}
                dataSource={data.groupTotals}
                pagination={false}
                onRow={(r) => ({ 'data-report-group': r.skillGroup ?? '' }) as HTMLAttributes<HTMLElement>}
              />
            </ScrollRegion>
          </Card>
          <Card size="small" title={t('byPeriodGroup')}>
            <ScrollRegion label={t('byPeriodGroup')}>
              <Table {...table} rowKey={(r) => `${r.period}:${r.skillGroup ?? ''}`} columns={periodGroupColumns} dataSource={data.rows} pagination={{ pageSize: 15, hideOnSinglePage: true }} />
            </ScrollRegion>
          </Card>
          <Flex gap={12} wrap>
            <Card size="small" title={t('missedRings')} style={{ flex: '1 1 360px' }}>
              <ScrollRegion label={t('missedRings')}>
                <Table {...table} rowKey={(r) => `${r.period}:${r.agentId}`} columns={missedColumns} dataSource={data.missedRings} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
              </ScrollRegion>
            </Card>
            <Card size="small" title={t('dispositions')} style={{ flex: '1 1 420px' }}>
              <ScrollRegion label={t('dispositions')}>
                <Table
                  {...table}
                  rowKey={(r) => `${r.period}:${r.skillGroup}:${r.disposition.code}`}
                  columns={dispositionColumns}
                  dataSource={data.dispositions}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                />
              </ScrollRegion>
            </Card>
          </Flex>
        </>
      )}
    </Flex>
  );
}
