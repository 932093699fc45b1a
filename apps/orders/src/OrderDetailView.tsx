import { formatDateTime, formatFen, type ApiClient, type CustomerScope } from '@octopus/api-client';
import type { OrderDetail as OrderDetailDto, RemoteProps } from '@octopus/contracts';
import { Button, Descriptions, Space, Tag, Typography, useLocale, useT } from '@octopus/ui';
import { Divider } from '@octopus/ui/divider';
import { Timeline } from '@octopus/ui/timeline';
import { commonMessages, DetailView, PhoneLink, PhoneText } from '@octopus/remote-kit';
import { useOrder } from './hooks/useOrder';
import { useOrderTickets } from './hooks/useOrderTickets';
import { messages, ORDER_STATUS_COLORS, orderStatusMessages } from './messages';

export interface OrderDetailViewProps {
  client: ApiClient;
  scope: CustomerScope;
  orderId: string;
  callId: string | null;
  host: RemoteProps['host'];
  onBack: () => void;
}

export function OrderDetailView({ client, scope, orderId, callId, host, onBack }: OrderDetailViewProps) {
  const order = useOrder(client, scope, orderId);
  return (
    <DetailView label={orderId} query={order} onBack={onBack}>
      {(data) => <OrderView order={data} client={client} scope={scope} callId={callId} host={host} />}
    </DetailView>
  );
}

function OrderView({ order, client, scope, callId, host }: { order: OrderDetailDto } & Pick<OrderDetailViewProps, 'client' | 'scope' | 'callId' | 'host'>) {
  const t = useT(messages);
  const tm = useT(commonMessages);
  const ts = useT(orderStatusMessages);
  const locale = useLocale();
  const at = (iso: string | null) => (iso ? formatDateTime(iso, locale) : '—');
  return (
    <>
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {order.orderId}
        </Typography.Title>
        <Tag color={ORDER_STATUS_COLORS[order.status]} data-testid="order-status">
          {ts(order.status)}
        </Tag>
        {order.access.masked ? <Tag color="warning">{tm('masked')}</Tag> : null}
      </Space>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('totalAmount')}>{formatFen(order.totalFen, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('paymentMethod')}>{order.paymentMethod ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('createdAt')}>{at(order.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('paidAt')}>{at(order.paidAt)}</Descriptions.Item>
        <Descriptions.Item label={t('shippedAt')}>{at(order.shippedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('deliveredAt')}>{at(order.deliveredAt)}</Descriptions.Item>
        <Descriptions.Item label={t('receiver')}>{order.receiver.name}</Descriptions.Item>
        <Descriptions.Item label={t('phone')}>
          <PhoneLink phone={order.receiver.phone} onDial={host.dial} />
        </Descriptions.Item>
        <Descriptions.Item label={t('address')} span={2}>
          {order.receiver.address}
        </Descriptions.Item>
      </Descriptions>

      <Divider titlePlacement="start">{t('itemList')}</Divider>
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {order.items.map((item) => (
          <li key={item.line} data-sku={item.sku}>
            <Typography.Text>
              {item.brand} {item.name} · {item.size} · {item.color}
            </Typography.Text>{' '}
            <Typography.Text type="secondary">
              {item.sku} · {formatFen(item.priceFen, locale)} {t('qty', { n: item.quantity })}
            </Typography.Text>
          </li>
        ))}
      </ul>

      <Divider titlePlacement="start">{t('logistics')}</Divider>
      {order.trackingNo ? (
        <Typography.Paragraph type="secondary">{t('carrier', { company: order.logisticsCompany ?? '', no: order.trackingNo })}</Typography.Paragraph>
      ) : null}
      {order.logistics.length === 0 ? (
        <Typography.Text type="secondary">{t('noLogistics')}</Typography.Text>
      ) : (
        <Timeline
          items={order.logistics.map((event, index) => ({
            key: `${event.at}-${index}`,
            color: index === 0 ? 'blue' : 'gray',
            content: (
              <span data-testid="logistics-event">
                <Typography.Text strong>{event.status}</Typography.Text> · {at(event.at)} · {event.location}
                <br />
                <PhoneText text={event.description} onDial={host.dial} />
              </span>
            ),
          }))}
        />
      )}

      <Divider titlePlacement="start">{t('afterSale')}</Divider>
      <AfterSale order={order} client={client} scope={scope} callId={callId} host={host} />
    </>
  );
}

function AfterSale({ order, client, scope, callId, host }: { order: OrderDetailDto } & Pick<OrderDetailViewProps, 'client' | 'scope' | 'callId' | 'host'>) {
  const t = useT(messages);
  const ts = useT(orderStatusMessages);
  const tickets = useOrderTickets(client, scope, order.orderId);
  const state =
    order.status === 'refunding' ? t('afterSaleRefunding') : order.status === 'refunded' ? t('afterSaleRefunded') : order.status === 'cancelled' ? t('afterSaleCancelled') : t('afterSaleNone');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="after-sale">
      <Typography.Text>{state}</Typography.Text>
      {tickets.data && tickets.data.length > 0 ? (
        <div>
          <Typography.Text type="secondary">{t('relatedTickets')}: </Typography.Text>
          {tickets.data.map((ticket) => (
            <Tag key={ticket.ticketId}>
              {ticket.ticketId} {ticket.title} ({ticket.status})
            </Tag>
          ))}
        </div>
      ) : null}
      <Button size="small" onClick={() => host.openTicket({ userId: order.userId, callId, title: `${order.orderId} ${ts(order.status)}`, orderId: order.orderId, category: 'order' })}>
        {t('openTicket')}
      </Button>
    </Space>
  );
}
