// The remotes' load telemetry of the last hour as one card: the shell's remote health page and the operations
// remote's board both show it. Not a shared module (SHARED_SUBPATH_MODULES): about 1 KB bundled into the lazy
// chunk of each page that shows it; the Table it renders is the shared `@octopus/ui/table`.
import { useQuery } from '@tanstack/react-query';
import type { RemoteLoadSummary, RemoteLoadSummaryRow } from '@octopus/contracts';
import type { HTMLAttributes } from 'react';
// By the package's own name, not './antd' or './table': in a remote or the shell these resolve to the shared
// modules (one antd, one Table, from the shell); a relative import would bundle a second copy here.
import { Alert, Card, defineMessages, Tag, useT } from '@octopus/ui';
import { Table, type TableColumnsType } from '@octopus/ui/table';

/** The card's words (checked with every other message table). */
export const remoteLoadsMessages = defineMessages({
  title: { 'zh-CN': '模块加载情况（最近 60 分钟）', 'en-US': 'Remote loads (last 60 min)' },
  remote: { 'zh-CN': '模块', 'en-US': 'Remote' },
  version: { 'zh-CN': '版本', 'en-US': 'Release' },
  track: { 'zh-CN': '通道', 'en-US': 'Track' },
  'track.stable': { 'zh-CN': '稳定版', 'en-US': 'stable' },
  'track.canary': { 'zh-CN': '灰度', 'en-US': 'canary' },
  loads: { 'zh-CN': '加载次数', 'en-US': 'Loads' },
  success: { 'zh-CN': '成功率', 'en-US': 'Success rate' },
  p95: { 'zh-CN': 'p95 加载时间', 'en-US': 'p95 load time' },
  failed: { 'zh-CN': '无法读取遥测数据', 'en-US': 'Telemetry could not be read' },
  noRows: { 'zh-CN': '暂无数据', 'en-US': 'Nothing yet' },
});

/** How often the telemetry is read again (ms). */
export const REMOTE_LOADS_REFRESH_MS = 10_000;

/** The telemetry window the card asks for (minutes). */
export const REMOTE_LOADS_WINDOW_MINUTES = 60;

/** What `RemoteLoadsCard` needs: how to read the summary (the api's `/telemetry/remote-loads/summary`) and its query key. */
export interface RemoteLoadsCardProps {
  /** Reads the summary of the last `windowMinutes` (the api client's `remoteLoadSummary`). */
  load: (windowMinutes: number) => Promise<RemoteLoadSummary>;
  /** The react-query key of this page's copy. */
  queryKey: readonly unknown[];
  /** `small` inside a board of cards; default on a page of its own. */
  size?: 'small' | 'default';
  'data-testid'?: string;
}

/**
 * Per remote, release and track (stable/canary): loads, success rate and p95 load time of the last hour, read
 * again every REMOTE_LOADS_REFRESH_MS. Each row carries `data-remote-load="<remote>@<version>:<track>"`.
 */
export function RemoteLoadsCard({ load, queryKey, size = 'default', 'data-testid': testId }: RemoteLoadsCardProps) {
  const t = useT(remoteLoadsMessages);
  const summary = useQuery({ queryKey, queryFn: () => load(REMOTE_LOADS_WINDOW_MINUTES), refetchInterval: REMOTE_LOADS_REFRESH_MS });
  const columns: TableColumnsType<RemoteLoadSummaryRow> = [
    { title: t('remote'), dataIndex: 'remote' },
    { title: t('version'), dataIndex: 'version' },
    { title: t('track'), dataIndex: 'track', render: (track: string) => <Tag color={track === 'canary' ? 'orange' : 'default'}>{t(track === 'canary' ? 'track.canary' : 'track.stable')}</Tag> },
    { title: t('loads'), dataIndex: 'loads', align: 'right' },
    { title: t('success'), dataIndex: 'successRate', align: 'right', render: (rate: number) => `${(rate * 100).toFixed(1)}%` },
    { title: t('p95'), dataIndex: 'p95Ms', align: 'right', render: (ms: number | null) => (ms === null ? '—' : `${ms} ms`) },
  ];
  return (
    <Card size={size} title={t('title')} data-testid={testId}>
      {summary.isError ? <Alert type="error" showIcon title={t('failed')} description={summary.error.message} /> : null}
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
