import { useQuery } from '@tanstack/react-query';
import { SUPERVISING_ROLES, type AgentRole, type RemoteLoadSummaryRow } from '@octopus/contracts';
import type { HTMLAttributes } from 'react';
import { Alert, Card, defineMessages, Tag, useT } from '@octopus/ui';
import { Result } from '@octopus/ui/result';
import { Table, type TableColumnsType } from '@octopus/ui/table';
import { useShellApi } from '../api/ShellApiProvider';

const messages = defineMessages({
  title: { 'zh-CN': '模块加载情况（最近 60 分钟）', 'en-US': 'Remote loads (last 60 min)' },
  remote: { 'zh-CN': '模块', 'en-US': 'Remote' },
  version: { 'zh-CN': '版本', 'en-US': 'Release' },
  track: { 'zh-CN': '通道', 'en-US': 'Track' },
  loads: { 'zh-CN': '加载次数', 'en-US': 'Loads' },
  success: { 'zh-CN': '成功率', 'en-US': 'Success rate' },
  p95: { 'zh-CN': 'p95 加载时间', 'en-US': 'p95 load time' },
  failed: { 'zh-CN': '无法读取遥测数据', 'en-US': 'Telemetry could not be read' },
  forbidden: { 'zh-CN': '仅主管和管理员可查看', 'en-US': 'For supervisors and admins' },
});

/** How often the page refreshes (ms). */
export const REMOTE_HEALTH_REFRESH_MS = 10_000;

/**
 * The operator page: per remote, release and track (stable/canary), loads, success rate and p95 load
 * time of the last hour, from the product's telemetry; refreshed every 10 s. Supervisors and admins only.
 */
export function RemoteHealthPage({ role }: { role: AgentRole }) {
  const t = useT(messages);
  if (!SUPERVISING_ROLES.includes(role)) return <Result status="403" title={t('forbidden')} />;
  return <RemoteHealth />;
}

function RemoteHealth() {
  const t = useT(messages);
  const api = useShellApi();
  const summary = useQuery({ queryKey: ['octopus', 'remote-health'], queryFn: () => api.remoteLoadSummary(60), refetchInterval: REMOTE_HEALTH_REFRESH_MS });
  const columns: TableColumnsType<RemoteLoadSummaryRow> = [
    { title: t('remote'), dataIndex: 'remote' },
    { title: t('version'), dataIndex: 'version' },
    { title: t('track'), dataIndex: 'track', render: (track: string) => <Tag color={track === 'canary' ? 'orange' : 'default'}>{track}</Tag> },
    { title: t('loads'), dataIndex: 'loads', align: 'right' },
    { title: t('success'), dataIndex: 'successRate', align: 'right', render: (rate: number) => `${(rate * 100).toFixed(1)}%` },
    { title: t('p95'), dataIndex: 'p95Ms', align: 'right', render: (ms: number | null) => (ms === null ? '—' : `${ms} ms`) },
  ];
  return (
    <Card title={t('title')} data-testid="remote-health">
      {summary.isError ? <Alert type="error" showIcon message={t('failed')} description={summary.error.message} /> : null}
      <Table
        size="small"
        rowKey={(row) => `${row.remote}:${row.version}:${row.track}`}
        onRow={(row) => ({ 'data-remote-health': `${row.remote}@${row.version}:${row.track}` }) as HTMLAttributes<HTMLElement>}
        loading={summary.isPending}
        columns={columns}
        dataSource={summary.data?.rows ?? []}
        pagination={false}
      />
    </Card>
  );
}
