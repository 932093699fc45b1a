import { formatDateTime, formatFen } from '@octopus/api-client';
import type { OrderListResponse, OrderStatus } from '@octopus/contracts';
import { Suspense } from 'react';
import { Button, Empty, Radio, Skeleton, Space, Tag, Typography, useLocale, useT } from '@octopus/ui';
import { ApiErrorState } from '@octopus/remote-kit';
import { ORDERS_PAGE_SIZE } from './hooks/useOrders';
import { LazyPagination, loadOrderDetail } from './lazy-views';
import { messages, ORDER_STATUSES, ORDER_STATUS_COLORS, orderStatusMessages } from './messages';

export interface OrderListProps {
  data: OrderListResponse | undefined;
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  status: OrderStatus | null;
  onStatus: (status: OrderStatus | null) => void;
  page: number;
  onPage: (page: number) => void;
  onOpen: (orderId: string) => void;
}

const ALL = 'all';
const preloadDetail = () => void loadOrderDetail();

export function OrderList({ data, isPending, error, onRetry, status, onStatus, page, onPage, onOpen }: OrderListProps) {
  const t = useT(messages);
  const ts = useT(orderStatusMessages);
  const locale = useLocale();
  return (
    <section aria-label={t('title')}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Radio.Group
          aria-label={t('filter')}
          optionType="button"
          size="small"
          value={status ?? ALL}
          onChange={(event) => onStatus(event.target.value === ALL ? null : (event.target.value as OrderStatus))}
          options={[{ value: ALL, label: t('all') }, ...ORDER_STATUSES.map((value) => ({ value, label: ts(value) }))]}
        />
        {data ? <Typography.Text type="secondary">{t('total', { total: data.total })}</Typography.Text> : null}
      </Space>
      {error ? (
        <ApiErrorState error={error} onRetry={onRetry} />
      ) : isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} data-testid="loading" />
      ) : !data || data.orders.length === 0 ? (
        <Empty description={t('empty')} />
      ) : (
        <>
          {/* The detail view loads while the pointer or focus is on the list: by the click it is there. */}
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} onPointerEnter={preloadDetail} onFocus={preloadDetail}>
            {data.orders.map((order) => (
              <li key={order.orderId} data-order-id={order.orderId} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Space wrap size={4}>
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(order.orderId)}>
                    {order.orderId}
                  </Button>
                  <Typography.Text>{order.headline}</Typography.Text>
                  <Tag color={ORDER_STATUS_COLORS[order.status]}>{ts(order.status)}</Tag>
                </Space>
                <div>
                  <Typography.Text type="secondary">
                    {formatFen(order.totalFen, locale)} · {t('items', { count: order.itemCount })} · {formatDateTime(order.createdAt, locale)}
                    {order.trackingNo ? ` · ${order.logisticsCompany ?? ''} ${order.trackingNo}` : ''}
                  </Typography.Text>
                </div>
              </li>
            ))}
          </ul>
          {data.total > ORDERS_PAGE_SIZE ? (
            // Its first showing waits for its chunk: the space it takes is kept, so nothing moves.
            <Suspense fallback={<div style={{ height: 24, marginTop: 8 }} />}>
              <LazyPagination size="small" style={{ marginTop: 8 }} current={page} pageSize={ORDERS_PAGE_SIZE} total={data.total} onChange={onPage} showSizeChanger={false} />
            </Suspense>
          ) : null}
        </>
      )}
    </section>
  );
}
