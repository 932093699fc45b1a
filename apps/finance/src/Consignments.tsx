import { formatDateTime, formatFen, type ApiClient, type CustomerScope } from '@octopus/api-client';
import { Empty, Space, Tag, Typography, useLocale, useT } from '@octopus/ui';
import { useConsignments } from './hooks/useConsignments';
import { consignmentStatusMessages, messages } from './messages';
import { QueryState } from './QueryState';

export function Consignments({ client, scope }: { client: ApiClient; scope: CustomerScope }) {
  const t = useT(messages);
  const ts = useT(consignmentStatusMessages);
  const locale = useLocale();
  const query = useConsignments(client, scope);
  const money = (fen: number | null) => (fen === null ? '—' : formatFen(fen, locale));
  return (
    <QueryState query={query}>
      {(data) =>
        data.consignments.length === 0 ? (
          <Empty description={t('noConsignments')} />
        ) : (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {data.consignments.map((item) => (
              <li key={item.consignmentId} data-consignment-id={item.consignmentId} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Space wrap size={4}>
                  <Typography.Text strong>{item.consignmentId}</Typography.Text>
                  <Typography.Text>
                    {item.brand} {item.productName} · {item.size}
                  </Typography.Text>
                  <Tag color={item.status === 'paid_out' ? 'green' : item.status === 'sold' ? 'blue' : 'default'}>{ts(item.status)}</Tag>
                </Space>
                <div>
                  <Typography.Text type="secondary">
                    {t('listed')} {money(item.listedPriceFen)} · {t('sold')} {money(item.soldPriceFen)} · {t('fee')} {money(item.feeFen)} · {t('payout')}{' '}
                    {money(item.payoutFen)}
                  </Typography.Text>
                </div>
                <div>
                  <Typography.Text type="secondary">
                    {t('payoutAccount')} {item.payoutAccount} · {t('createdAt')} {formatDateTime(item.createdAt, locale)}
                    {item.soldAt ? ` · ${t('soldAt')} ${formatDateTime(item.soldAt, locale)}` : ''}
                    {item.paidOutAt ? ` · ${t('paidOutAt')} ${formatDateTime(item.paidOutAt, locale)}` : ''}
                  </Typography.Text>
                </div>
              </li>
            ))}
          </ul>
        )
      }
    </QueryState>
  );
}
