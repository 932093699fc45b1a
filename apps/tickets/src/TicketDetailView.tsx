import { useState } from 'react';
import { formatDateTime, type ApiClient, type CustomerScope } from '@octopus/api-client';
import { TICKET_COMMENT_MAX, TICKET_STATUS_NOTE_MAX, type RemoteProps, type TicketDetail as TicketDetailDto, type TicketHistoryEntry, type TicketStatus } from '@octopus/contracts';
import { Alert, Button, Descriptions, Input, Radio, Space, Tag, Typography, useLocale, useT, type Translate } from '@octopus/ui';
import { Divider } from '@octopus/ui/divider';
import { Timeline } from '@octopus/ui/timeline';
import { ApiErrorState, commonMessages, DetailView, PhoneLink, PhoneText, useWorkspaceDraft } from '@octopus/remote-kit';
import { useAddComment } from './hooks/useAddComment';
import { useTicket } from './hooks/useTicket';
import { useUpdateTicketStatus } from './hooks/useUpdateTicketStatus';
import { categoryMessages, messages, PRIORITY_COLORS, priorityMessages, TICKET_STATUS_COLORS, ticketStatusMessages } from './messages';

const STATUSES: TicketStatus[] = ['open', 'in_progress', 'pending_customer', 'resolved', 'closed'];

export interface TicketDetailViewProps {
  client: ApiClient;
  scope: CustomerScope;
  ticketId: string;
  workspace: RemoteProps['workspace'];
  host: RemoteProps['host'];
  onBack: () => void;
}

function historyText(entry: TicketHistoryEntry, t: Translate<keyof typeof messages>, ts: Translate<TicketStatus>): string {
  switch (entry.action) {
    case 'created':
      return t('actionCreated');
    case 'status_changed':
      return t('actionStatus', { from: entry.fromStatus ? ts(entry.fromStatus) : '—', to: entry.toStatus ? ts(entry.toStatus) : '—' });
    case 'assigned':
      return t('actionAssigned');
    case 'commented':
      return t('actionCommented');
  }
}

export function TicketDetailView({ client, scope, ticketId, workspace, host, onBack }: TicketDetailViewProps) {
  const ticket = useTicket(client, scope, ticketId);
  return (
    <DetailView label={ticketId} query={ticket} onBack={onBack}>
      {(data) => <TicketView ticket={data} client={client} scope={scope} workspace={workspace} host={host} />}
    </DetailView>
  );
}

function TicketView({ ticket, client, scope, workspace, host }: { ticket: TicketDetailDto } & Pick<TicketDetailViewProps, 'client' | 'scope' | 'workspace' | 'host'>) {
  const t = useT(messages);
  const tm = useT(commonMessages);
  const ts = useT(ticketStatusMessages);
  const tp = useT(priorityMessages);
  const tc = useT(categoryMessages);
  const locale = useLocale();
  const who = (id: string | null) => (id ? t('agent', { id }) : t('system'));
  return (
    <>
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {ticket.title}
        </Typography.Title>
        <Tag color={TICKET_STATUS_COLORS[ticket.status]} data-testid="ticket-status">
          {ts(ticket.status)}
        </Tag>
        <Tag color={PRIORITY_COLORS[ticket.priority]}>{tp(ticket.priority)}</Tag>
        {ticket.access.masked ? <Tag color="warning">{tm('masked')}</Tag> : null}
      </Space>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('category')}>{tc(ticket.category)}</Descriptions.Item>
        <Descriptions.Item label={t('assignee')}>{ticket.assigneeAgentId ? who(ticket.assigneeAgentId) : t('unassigned')}</Descriptions.Item>
        <Descriptions.Item label={t('customer')}>{ticket.customer.name}</Descriptions.Item>
        <Descriptions.Item label={t('phone')}>{ticket.customer.phone ? <PhoneLink phone={ticket.customer.phone} onDial={host.dial} /> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('createdAt')}>{formatDateTime(ticket.createdAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('updatedAt')}>{formatDateTime(ticket.updatedAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('order')}>{ticket.orderId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('call')}>{ticket.callId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('recording')} span={2}>
          {ticket.recordingRef ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('description')} span={2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="ticket-description">
            <PhoneText text={ticket.description} onDial={host.dial} />
          </Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>

      <Divider titlePlacement="start">{t('history')}</Divider>
      <Timeline
        items={ticket.history.map((entry) => ({
          key: entry.id,
          content: (
            <>
              <Typography.Text>
                {formatDateTime(entry.at, locale)} · {who(entry.actorAgentId)} · {historyText(entry, t, ts)}
              </Typography.Text>
              {entry.note ? (
                <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {entry.note}
                </Typography.Paragraph>
              ) : null}
            </>
          ),
        }))}
      />

      <Divider titlePlacement="start">{t('comments')}</Divider>
      {ticket.comments.length === 0 ? (
        <Typography.Text type="secondary">{t('noComments')}</Typography.Text>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {ticket.comments.map((comment) => (
            <li key={comment.id} data-comment-id={comment.id} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Typography.Text type="secondary">
                {who(comment.authorAgentId)} · {formatDateTime(comment.at, locale)}
              </Typography.Text>
              <div style={{ whiteSpace: 'pre-wrap' }} data-testid="comment-body">
                <PhoneText text={comment.body} onDial={host.dial} />
              </div>
            </li>
          ))}
        </ul>
      )}
      <CommentBox client={client} scope={scope} ticketId={ticket.ticketId} workspace={workspace} />

      <Divider titlePlacement="start">{t('changeStatus')}</Divider>
      {ticket.status === 'closed' ? (
        <Alert type="info" showIcon title={t('closedFinal')} />
      ) : (
        <StatusChanger client={client} scope={scope} ticket={ticket} />
      )}
    </>
  );
}

function CommentBox({ client, scope, ticketId, workspace }: { client: ApiClient; scope: CustomerScope; ticketId: string; workspace: RemoteProps['workspace'] }) {
  const t = useT(messages);
  // Per ticket, so a half-typed comment on one ticket never lands on another.
  const [draft, setDraft, resetDraft] = useWorkspaceDraft(workspace, `tickets.comment.${ticketId}`, '');
  const addComment = useAddComment(client, scope, ticketId);
  return (
    <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
      <Input.TextArea
        aria-label={t('addComment')}
        placeholder={t('commentPlaceholder')}
        rows={3}
        maxLength={TICKET_COMMENT_MAX}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
      />
      {addComment.error ? <ApiErrorState error={addComment.error} /> : null}
      <Button
        type="primary"
        size="small"
        disabled={draft.trim().length === 0}
        loading={addComment.isPending}
        onClick={() => addComment.mutate(draft, { onSuccess: () => resetDraft() })}
      >
        {t('addComment')}
      </Button>
    </Space>
  );
}

function StatusChanger({ client, scope, ticket }: { client: ApiClient; scope: CustomerScope; ticket: TicketDetailDto }) {
  const t = useT(messages);
  const ts = useT(ticketStatusMessages);
  const [target, setTarget] = useState<TicketStatus>(ticket.status);
  const [note, setNote] = useState('');
  const update = useUpdateTicketStatus(client, scope, ticket.ticketId);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Radio.Group
        aria-label={t('changeStatus')}
        optionType="button"
        size="small"
        value={target}
        onChange={(event) => setTarget(event.target.value as TicketStatus)}
        options={STATUSES.map((value) => ({ value, label: ts(value) }))}
      />
      <Input aria-label={t('statusNote')} placeholder={t('statusNote')} maxLength={TICKET_STATUS_NOTE_MAX} value={note} onChange={(event) => setNote(event.target.value)} />
      {update.error ? <ApiErrorState error={update.error} /> : null}
      <Button
        size="small"
        disabled={target === ticket.status}
        loading={update.isPending}
        onClick={() => update.mutate({ status: target, note }, { onSuccess: () => setNote('') })}
      >
        {t('apply')}
      </Button>
    </Space>
  );
}
