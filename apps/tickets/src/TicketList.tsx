import { formatDateTime } from '@octopus/api-client';
import type { TicketSummary } from '@octopus/contracts';
import { Button, Empty, Skeleton, Space, Tag, Typography, useLocale, useT } from '@octopus/ui';
import { ApiErrorState } from '@octopus/remote-kit';
import { loadCreateTicketForm, loadTicketDetail } from './lazy-views';
import { categoryMessages, messages, PRIORITY_COLORS, priorityMessages, TICKET_STATUS_COLORS, ticketStatusMessages } from './messages';

// The pointer or focus entering the list: the detail view and the create form load before a click needs them.
const preloadDetail = () => {
  void loadTicketDetail();
  void loadCreateTicketForm();
};

export interface TicketListProps {
  tickets: TicketSummary[] | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  onOpen: (ticketId: string) => void;
  onCreate: (() => void) | null;
}

export function TicketList({ tickets, isPending, error, onRetry, onOpen, onCreate }: TicketListProps) {
  const t = useT(messages);
  const ts = useT(ticketStatusMessages);
  const tp = useT(priorityMessages);
  const tc = useT(categoryMessages);
  const locale = useLocale();
  return (
    <section aria-label={t('listTitle')}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Text strong>{t('listTitle')}</Typography.Text>
        {onCreate ? (
          <Button type="primary" size="small" onClick={onCreate}>
            {t('newTicket')}
          </Button>
        ) : null}
      </Space>
      {error ? (
        <ApiErrorState error={error} onRetry={onRetry} />
      ) : isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} data-testid="loading" />
      ) : !tickets || tickets.length === 0 ? (
        <Empty description={t('empty')} />
      ) : (
        // The detail view loads while the pointer or focus is on the list: by the click it is there.
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} onPointerEnter={preloadDetail} onFocus={preloadDetail}>
          {tickets.map((ticket) => (
            <li key={ticket.ticketId} data-ticket-id={ticket.ticketId} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Space wrap size={4}>
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(ticket.ticketId)}>
                  {ticket.ticketId}
                </Button>
                <Typography.Text>{ticket.title}</Typography.Text>
                <Tag color={TICKET_STATUS_COLORS[ticket.status]}>{ts(ticket.status)}</Tag>
                <Tag color={PRIORITY_COLORS[ticket.priority]}>{tp(ticket.priority)}</Tag>
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {tc(ticket.category)} · {formatDateTime(ticket.createdAt, locale)}
                  {ticket.orderId ? ` · ${ticket.orderId}` : ''}
                </Typography.Text>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
