import type { CustomerContext } from '@octopus/contracts';
import { useActiveCall } from '@octopus/telephony/react';
import { Alert, Space, Tag, Typography, useT } from '@octopus/ui';
import { commonMessages } from './messages';

/** Which call and customer the panel shows; warns when the caller is unverified (the api masks). */
export function CallHeader({ title, customer }: { title: string; customer: CustomerContext | null }) {
  const t = useT(commonMessages);
  // Read from the shell's one telephony store (a shared singleton).
  const activeCall = useActiveCall();
  const ended = activeCall !== null && (activeCall.state === 'ended' || activeCall.state === 'wrap-up');
  const unverified = customer !== null && customer.userId !== null && customer.verification.status !== 'verified';
  return (
    <header style={{ marginBottom: 12 }}>
      <Space wrap align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('activeCall')}: <span data-testid="remote-active-call">{activeCall ? activeCall.from : t('none')}</span>
        </Typography.Text>
        {ended ? (
          <Tag color="default" data-testid="remote-call-ended">
            {t('callEnded')}
          </Tag>
        ) : null}
        {customer?.userId ? <Tag>{customer.userId}</Tag> : null}
      </Space>
      {unverified ? <Alert style={{ marginTop: 8 }} type="info" showIcon data-testid="masked-hint" title={t('maskedHint')} /> : null}
    </header>
  );
}
