import { useQuery } from '@tanstack/react-query';
import type { RemoteLoadSummaryRow, RemoteProps } from '@octopus/contracts';
import type { HTMLAttributes } from 'react';
import { Alert, Card, Tag, useT } from '@octopus/ui';
import { Table, type TableColumnsType } from '@octopus/ui/table';
import { useApiClient } from '@octopus/remote-kit';
import { boardMessages } from './board-messages';
import { formatShare } from './format';

/** How often the remotes' load telemetry is read again (ms). */
export const REMOTE_LOADS_REFRESH_MS = 10_000;

/** The remotes' load telemetry of the last hour (the api's `/telemetry/remote-loads/summary`): loads, success rate, p95 per release and track. */
export function RemoteLoadsCard({ api }: { api: RemoteProps['api'] }) {
  const t = useT(boardMessages);
  const client = useApiClient(api);
  const summary = useQuery({ queryKey: ['octopus', 'operations', 'remote-loads'], queryFn: () => client.remoteLoadSummary(60), refetchInterval: REMOTE_LOADS_REFRESH_MS });
  const columns: TableColumnsType<RemoteLoadSummaryRow> = [
    { title: t('remote'), dataIndex: 'remote' },
    { title: t('version'), dataIndex: 'version' },
    { title: t('track'), dataIndex: 'track', render: (track: string) => <Tag color={track === 'canary' ? 'orange' : 'default'}>{t(`track.${track === 'canary' ? 'canary' : 'stable'}`)}</Tag> },
    { title: t('loadCount'), dataIndex: 'loads', align: 'right' },
    { title: t('success'), dataIndex: 'successRate', align: 'right', render: (rate: number) => formatShare(rate) },
    { title: t('p95'), dataIndex: 'p95Ms', align: 'right', render: (ms: number | null) => (ms === null ? '—' : `${ms} ms`) },
  ];
  return (
    <Card size="small" title={t('loads')}>
      {summary.isError ? <Alert type="error" showIcon message={t('telemetryFailed')} description={summary.error.message} /> : null}
      <Table
        size="small"
        rowKey={(row) => `${row.remote}:${row.version}:${row.track}`}
        onRow={(row) => ({ 'data-remote-load': `${row.remote}@${row.version}:${row.track}` }) as HTMLAttributes<HTMLElement>}
        loading={summary.isPending}
        columns={columns}
        dataSource={summary.data?.rows ?? []}
        pagination={false}
        // Plain text: antd's empty illustration's grey text fails WCAG AA contrast (axe).
        locale={{ emptyText: t('noRows') }}
      />
    </Card>
  );
}
