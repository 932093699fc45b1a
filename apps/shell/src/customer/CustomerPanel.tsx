import { memo, useCallback } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Space, Tag, Typography, useLocale, useT } from '@octopus/ui';
import { inertText, type CustomerSummary, type RemoteName } from '@octopus/contracts';
import { formatDateTime } from '@octopus/api-client';
import { useCall } from '@octopus/telephony/react';
import { useWorkspaceStore } from '../workspace/WorkspaceProvider';
import { customerMessages } from './customer-messages';
import { useCustomerSummary } from './useCustomerSummary';
import { CustomerHistory } from './CustomerHistory';

/**
 * The customer at a glance, for the call on screen: name, level, registered phones, ID and address as
 * the api sends them (masked until the caller is verified), then counts and the latest of orders, open
 * tickets, consignments and loans, each a link to its tab, and the customer's history.
 */
export const CustomerPanel = memo(function CustomerPanel({ callId }: { callId: string | null }) {
  const t = useT(customerMessages);
  const call = useCall(callId);
  const summary = useCustomerSummary(call);
  const workspace = useWorkspaceStore();
  const openTab = useCallback((tab: RemoteName) => callId && workspace.update(callId, { activeTab: tab }), [callId, workspace]);
  if (!call || call.customer.userId === null) return null;
  const data = summary.data?.userId === call.customer.userId ? summary.data : null;
  return (
    <Card size="small" title={t('customerPanel')} data-testid="customer-panel" data-masked={data ? String(data.access.masked) : undefined}>
      {/* An ended call's grant is over: no access error for it (the data shown last stays). */}
      {summary.isError && !data && call.state !== 'ended' ? (
        <Alert type="warning" showIcon message={t('loadFailed', { message: inertText(summary.error.message) })} />
      ) : null}
      {data ? <SummaryBody data={data} onOpenTab={openTab} /> : null}
      <CustomerHistory userId={call.customer.userId} callId={call.id} grant={call.state === 'ended' ? null : call.grant} />
    </Card>
  );
});

function SummaryBody({ data, onOpenTab }: { data: CustomerSummary; onOpenTab: (tab: RemoteName) => void }) {
  const t = useT(customerMessages);
  const locale = useLocale();
  const link = (tab: RemoteName, label: string, latest: string | null, testId: string) => (
    <Space size={4} wrap data-testid={testId}>
      <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpenTab(tab)} aria-label={`${label} · ${t('openTab', { tab: t(`tab.${tab}` as 'tab.orders') })}`}>
        {label}
      </Button>
      <Typography.Text type="secondary">{t('latest', { what: latest ?? t('none') })}</Typography.Text>
    </Space>
  );
  const order = data.orders.latest;
  const ticket = data.openTickets.latest;
  const consignment = data.consignments?.latest ?? null;
  const loan = data.loans?.latest ?? null;
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('name')}>
          <span data-testid="customer-name">{inertText(data.name)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('level')}>
          <Tag color="gold" data-testid="customer-level">
            {t(`level.${data.level}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('phones')}>
          <span data-testid="customer-phones">
            {data.phones.map((p) => `${p.phone}${p.primary ? ` (${t('primary')})` : ''}`).join('、')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('idNumber')}>
          <span data-testid="customer-id-number">{data.idNumber}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('address')} span={2}>
          <span data-testid="customer-address">{inertText(data.address)}</span>
        </Descriptions.Item>
      </Descriptions>
      {data.access.masked ? <Typography.Text type="warning">{t('masked')}</Typography.Text> : null}
      <Flex vertical gap={2} style={{ marginTop: 8 }}>
        {link('orders', t('orders', { count: data.orders.count }), order ? `${order.orderId} · ${inertText(order.headline)} · ${formatDateTime(order.createdAt, locale)}` : null, 'summary-orders')}
        {link('tickets', t('openTickets', { count: data.openTickets.count }), ticket ? `${ticket.ticketId} · ${inertText(ticket.title)} · ${t(`ticket.${ticket.status}`)}` : null, 'summary-tickets')}
        {data.consignments
          ? link('finance', t('consignments', { count: data.consignments.count }), consignment ? `${consignment.consignmentId} · ${inertText(consignment.productName)}` : null, 'summary-consignments')
          : <Typography.Text type="secondary" data-testid="summary-consignments" data-withheld="true">{t('consignmentsWithheld')}</Typography.Text>}
        {data.loans
          ? link('finance', t('loans', { count: data.loans.count }), loan ? `${loan.loanId} · ${inertText(loan.product)} · ${formatDateTime(loan.disbursedAt, locale)}` : null, 'summary-loans')
          : <Typography.Text type="secondary" data-testid="summary-loans" data-withheld="true">{t('loansWithheld')}</Typography.Text>}
      </Flex>
    </>
  );
}
