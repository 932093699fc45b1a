import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Tag, Typography, useLocale, useT } from '@octopus/ui';
import { inertText, type CustomerHistoryEntry, type CustomerHistoryResponse } from '@octopus/contracts';
import { formatDateTime, grantFingerprint, scopedKey } from '@octopus/api-client';
import { useShellApi } from '../api/ShellApiProvider';
import { customerMessages } from './customer-messages';

/** A `scopedKey`: dropped with its call (`sweepCallQueries`); outside a call (callId null) one per customer. */
export const customerHistoryKey = (userId: string, callId: string | null, grant: string | null) =>
  scopedKey('shell', 'customer-history', { userId, callId, grant: grantFingerprint(grant) });

/**
 * Past calls and tickets of a customer, newest first. With the call's grant inside a call; with none
 * outside a call, where the api answers at search level (no notes or texts) and the panel says so.
 * `collapsed`: fetched only when the agent opens it (a ring costs no extra request).
 */
export function CustomerHistory({
  userId,
  callId = null,
  grant,
  collapsed = true,
}: {
  userId: string;
  /** The call it is shown in (null outside a call). */
  callId?: string | null;
  grant: string | null;
  collapsed?: boolean;
}) {
  const t = useT(customerMessages);
  const [open, setOpen] = useState(!collapsed);
  const body = open ? <HistoryList userId={userId} callId={callId} grant={grant} /> : null;
  if (!collapsed) return <div data-testid="customer-history">{body}</div>;
  return (
    <details style={{ marginTop: 8 }} data-testid="customer-history" onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('history')}</summary>
      {body}
    </details>
  );
}

function HistoryList({ userId, callId, grant }: { userId: string; callId: string | null; grant: string | null }) {
  const t = useT(customerMessages);
  const api = useShellApi();
  const history = useQuery<CustomerHistoryResponse>({
    queryKey: customerHistoryKey(userId, callId, grant),
    queryFn: () => api.customerHistory(userId, grant),
    staleTime: 30_000,
  });
  if (history.isError) return <Alert type="warning" showIcon message={t('historyFailed', { message: inertText(history.error.message) })} />;
  if (!history.data) return null;
  return (
    <div style={{ marginTop: 8 }}>
      {history.data.access.via === 'search' ? (
        <Typography.Text type="secondary" data-testid="history-search-level">
          {t('historySearchLevel')}
        </Typography.Text>
      ) : null}
      {history.data.entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('historyEmpty')} />
      ) : (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {history.data.entries.map((entry) => (
            <HistoryItem key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </div>
  );
}

function HistoryItem({ entry }: { entry: CustomerHistoryEntry }) {
  const t = useT(customerMessages);
  const locale = useLocale();
  const label = entry.kind === 'ticket' ? t('ticket') : entry.direction === 'outbound' ? t('outboundCall') : t('inboundCall');
  return (
    <li data-history-id={entry.id} data-kind={entry.kind} style={{ padding: '4px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Tag color={entry.kind === 'ticket' ? 'orange' : 'blue'}>{label}</Tag>
      <Typography.Text type="secondary">
        {formatDateTime(entry.at, locale)}
        {entry.skillGroup ? ` · ${entry.skillGroup}` : ''}
        {entry.agentId ? ` · ${t('byAgent', { id: entry.agentId })}` : ''}
      </Typography.Text>
      {entry.status ? <Tag style={{ marginLeft: 8 }}>{t(`ticket.${entry.status}`)}</Tag> : null}
      {entry.disposition ? (
        <Tag color="geekblue" style={{ marginLeft: 8 }} data-testid="history-disposition">
          {t('disposition')}: {entry.disposition.label[locale === 'en-US' ? 'en-US' : 'zh-CN']}
        </Tag>
      ) : null}
      {entry.title ? <div>{inertText(entry.title)}</div> : null}
      {entry.text ? <div style={{ whiteSpace: 'pre-wrap' }}>{inertText(entry.text)}</div> : null}
    </li>
  );
}
