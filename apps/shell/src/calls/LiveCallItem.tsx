import { memo } from 'react';
import { Badge, Space, Tag, Typography, useT } from '@octopus/ui';
import { useCall, useTelephony } from '@octopus/telephony/react';
import { callListMessages } from './call-list-messages';
import { useGroupLabel } from '../i18n/group-label';
import { formatDuration, useNow } from '../layout/useNow';
import { maskPhone } from '@octopus/contracts';

const STATE_COLOURS: Record<string, string> = {
  ringing: 'processing',
  talking: 'success',
  held: 'warning',
  consulting: 'processing',
  transferring: 'processing',
  'wrap-up': 'default',
  ended: 'default',
};

/** A current call in the list; it re-renders only for its own call's events (and its timer). */
export const LiveCallItem = memo(function LiveCallItem({ callId, onSelect }: { callId: string; onSelect: (id: string) => void }) {
  const t = useT(callListMessages);
  const call = useCall(callId);
  const selected = useTelephony((state) => state.activeCallId === callId);
  const offset = useTelephony((state) => state.serverTimeOffset);
  const now = useNow() + offset;
  const groupName = useGroupLabel(call?.skillGroup);
  if (!call) return null;
  const verified = call.customer.verification.status === 'verified';
  const since = call.connectedAt ?? call.ringingSince;
  return (
    <button
      type="button"
      data-call-id={call.id}
      data-call-state={call.state}
      aria-pressed={selected}
      onClick={() => onSelect(call.id)}
      style={{
        display: 'block',
        width: '100%',
        textAlign: 'left',
        padding: 8,
        borderRadius: 6,
        cursor: 'pointer',
        border: `2px solid ${selected ? '#1f6feb' : '#e5e7eb'}`,
        background: call.state === 'ringing' ? '#eff6ff' : '#fff',
      }}
    >
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong>{verified ? call.number : maskPhone(call.number)}</Typography.Text>
        <Badge status={STATE_COLOURS[call.state] as 'default'} text={t(`call.${call.state}`)} />
      </Space>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[call.province, call.city].filter(Boolean).join(' ') || t('unknownLocation')} · {groupName ?? '—'}
          {since ? ` · ${formatDuration(now - since)}` : ''}
        </Typography.Text>
      </div>
      <Tag color={verified ? 'green' : 'default'} style={{ marginTop: 4 }}>
        {t(`verification.${call.customer.verification.status}`)}
      </Tag>
    </button>
  );
});
