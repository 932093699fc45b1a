import { REMOTE_CONTRACT_VERSION, type RemoteModule, type RemoteProps } from '@octopus/contracts';
import { useActiveCall } from '@octopus/telephony/react';
import { defineMessages, Descriptions, Empty, RemotePanelFrame, Typography, useT } from '@octopus/ui';
import type { ComponentType } from 'react';
import packageJson from '../package.json';

const messages = defineMessages({
  title: { 'zh-CN': '订单', 'en-US': 'Orders' },
  description: { 'zh-CN': '客户的订单、物流与售后。', 'en-US': 'The customer’s orders, logistics and after-sale.' },
  caller: { 'zh-CN': '来电号码', 'en-US': 'Caller' },
  verification: { 'zh-CN': '身份核验', 'en-US': 'Verification' },
  call: { 'zh-CN': '当前通话', 'en-US': 'Active call' },
  noCustomer: { 'zh-CN': '当前没有客户', 'en-US': 'No customer selected' },
  none: { 'zh-CN': '无', 'en-US': 'none' },
});

export function OrdersPanel({ customer }: RemoteProps) {
  const t = useT(messages);
  // Read from the shell's one telephony store: proves the store is a shared singleton.
  const activeCall = useActiveCall();
  return (
    <RemotePanelFrame name="orders" version={packageJson.version}>
      <Typography.Title level={5}>{t('title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('description')}</Typography.Paragraph>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('call')}>
          <span data-testid="remote-active-call">{activeCall ? activeCall.from : t('none')}</span>
        </Descriptions.Item>
      </Descriptions>
      {customer ? (
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('caller')}>{customer.phone}</Descriptions.Item>
          <Descriptions.Item label={t('verification')}>{customer.verification.status}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty description={t('noCustomer')} />
      )}
    </RemotePanelFrame>
  );
}

export const remote: RemoteModule<ComponentType<RemoteProps>> = {
  name: 'orders',
  version: packageJson.version,
  contractVersion: REMOTE_CONTRACT_VERSION,
  Component: OrdersPanel,
};
