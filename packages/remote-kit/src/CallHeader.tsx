import type { CustomerContext } from '@octopus/contracts';
import { useTelephony } from '@octopus/telephony/react';
import { Alert, Space, Tag, Typography, useT } from '@octopus/ui';
import { commonMessages } from './messages';

/** A `CallHeader`'s props: the panel's title, the customer from `RemoteProps.customer`, and which call. */
export interface CallHeaderProps {
  title: string;
  customer: CustomerContext | null;
  /**
   * The call the panel shows (`RemoteProps.callId`). Default (undefined): the workbench's active call.
   * Pass it: a panel of the previous call then stays as it is while a new call rings (the active call
   * changes a frame before the tabs follow it), instead of re-rendering to show the new caller's number.
   */
  callId?: string | null;
}

/** Which call and customer the panel shows; warns when the caller is unverified (the api masks). */
export function CallHeader({ title, customer, callId }: CallHeaderProps) {
  const t = useT(commonMessages);
  // Read from the shell's one telephony store (a shared singleton): the two fields shown, as strings,
  // so the call's other events (IVR keys, grant, hold) do not re-render the header.
  const from = useTelephony((state) => {
    const id = callId === undefined ? state.activeCallId : callId;
    return id ? (state.calls.get(id)?.from ?? null) : null;
  });
  const ended = useTelephony((state) => {
    const id = callId === undefined ? state.activeCallId : callId;
    const call = id ? state.calls.get(id) : undefined;
    return call !== undefined && (call.state === 'ended' || call.state === 'wrap-up');
  });
  const unverified = customer !== null && customer.userId !== null && customer.verification.status !== 'verified';
  return (
    <header style={{ marginBottom: 12 }}>
      <Space wrap align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('activeCall')}: <span data-testid="remote-active-call">{from ?? t('none')}</span>
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
