import type { ApiClient, CustomerScope } from '@octopus/api-client';
import { TICKET_DESCRIPTION_MAX, TICKET_TITLE_MAX, type RemoteProps, type TicketCategory, type TicketPriority } from '@octopus/contracts';
import { Alert, Button, Input, Segmented, Space, Typography, useT } from '@octopus/ui';
import { Select } from '@octopus/ui/select';
import { ApiErrorState, useWorkspaceDraft } from '@octopus/remote-kit';
import { useCreateTicket } from './hooks/useCreateTicket';
import { categoryMessages, messages, priorityMessages } from './messages';
import { DRAFT_KEY, EMPTY_DRAFT, TICKET_CATEGORIES, type TicketDraft } from './ticket-draft';

const PRIORITIES: TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

export interface CreateTicketFormProps {
  client: ApiClient;
  scope: CustomerScope;
  userId: string;
  callId: string | null;
  workspace: RemoteProps['workspace'];
  host: RemoteProps['host'];
  onCreated: (ticketId: string) => void;
  onCancel: () => void;
}

/** A ticket from the current call: the call id and its recording are linked automatically. */
export function CreateTicketForm({ client, scope, userId, callId, workspace, host, onCreated, onCancel }: CreateTicketFormProps) {
  const t = useT(messages);
  const tc = useT(categoryMessages);
  const tp = useT(priorityMessages);
  const [draft, setDraft, resetDraft] = useWorkspaceDraft<TicketDraft>(workspace, DRAFT_KEY, EMPTY_DRAFT);
  const create = useCreateTicket(client, scope);
  const patch = (change: Partial<TicketDraft>) => setDraft({ ...draft, ...change });
  const recordingRef = callId ? `recording:${callId}` : null;

  if (!callId) return <Alert type="info" showIcon title={t('needCall')} />;

  const submit = () => {
    create.mutate(
      {
        userId,
        callId,
        title: draft.title,
        description: draft.description,
        category: draft.category,
        priority: draft.priority,
        orderId: draft.orderId.trim() || null,
        recordingRef,
      },
      {
        onSuccess: (ticket) => {
          resetDraft();
          host.showMessage('success', t('created', { id: ticket.ticketId }));
          onCreated(ticket.ticketId);
        },
      },
    );
  };

  return (
    <form
      aria-label={t('newTicket')}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{t('newTicket')}</Typography.Text>
        <label htmlFor="ticket-title">{t('fieldTitle')}</label>
        <Input id="ticket-title" value={draft.title} maxLength={TICKET_TITLE_MAX} showCount onChange={(event) => patch({ title: event.target.value })} />
        <label htmlFor="ticket-category">{t('fieldCategory')}</label>
        <Select<TicketCategory>
          id="ticket-category"
          virtual={false}
          value={draft.category}
          onChange={(category) => patch({ category })}
          options={TICKET_CATEGORIES.map((value) => ({ value, label: tc(value) }))}
        />
        <span id="ticket-priority-label">{t('fieldPriority')}</span>
        <Segmented<TicketPriority>
          aria-labelledby="ticket-priority-label"
          value={draft.priority}
          onChange={(priority) => patch({ priority })}
          options={PRIORITIES.map((value) => ({ value, label: tp(value) }))}
        />
        <label htmlFor="ticket-description">{t('fieldDescription')}</label>
        <Input.TextArea
          id="ticket-description"
          rows={4}
          value={draft.description}
          maxLength={TICKET_DESCRIPTION_MAX}
          showCount
          onChange={(event) => patch({ description: event.target.value })}
        />
        <label htmlFor="ticket-order">{t('fieldOrder')}</label>
        <Input id="ticket-order" value={draft.orderId} onChange={(event) => patch({ orderId: event.target.value })} />
        <Typography.Text type="secondary" data-testid="ticket-links">
          {t('linkedCall')}: {callId} · {t('recording')}: {recordingRef}
        </Typography.Text>
        {create.error ? <ApiErrorState error={create.error} /> : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending} disabled={draft.title.trim().length === 0}>
            {t('submit')}
          </Button>
          <Button onClick={onCancel}>{t('cancel')}</Button>
        </Space>
      </Space>
    </form>
  );
}
