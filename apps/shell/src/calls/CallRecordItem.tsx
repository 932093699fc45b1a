import { memo, type ReactNode } from 'react';
import { Button, Descriptions, Popconfirm, Space, Tag, Typography, useLocale, useT } from '@octopus/ui';
import { maskPhone, type CallRecordDto } from '@octopus/contracts';
import { useTelephony } from '@octopus/telephony/react';
import { callListMessages } from './call-list-messages';
import { useGroupLabel } from '../i18n/group-label';
import { formatDuration } from '../layout/useNow';
import { NoteEditor } from './NoteEditor';
import { DispositionSelect } from './DispositionSelect';
import { customerMessages } from '../customer/customer-messages';

export interface CallRecordItemProps {
  record: CallRecordDto;
  agentId: string;
  selectable: boolean;
  onSelect: (callId: string) => void;
  onDelete: (callId: string) => void;
  deleting: boolean;
}

/** The record's frame: the only part that follows the active call (its border), so a switch re-renders it alone. */
function RecordFrame({ callId, children }: { callId: string; children: ReactNode }) {
  const selected = useTelephony((state) => state.activeCallId === callId);
  return (
    <div data-call-id={callId} data-record="true" style={{ padding: 8, borderRadius: 6, border: `1px solid ${selected ? '#1f6feb' : '#e5e7eb'}`, background: '#fff' }}>
      {children}
    </div>
  );
}

/** One of the agent's recent calls, with everything the record keeps and its editable note. */
export const CallRecordItem = memo(function CallRecordItem({ record, agentId, selectable, onSelect, onDelete, deleting }: CallRecordItemProps) {
  const t = useT(callListMessages);
  const tc = useT(customerMessages);
  const locale = useLocale();
  const groupName = useGroupLabel(record.skillGroup);
  const verified = record.verificationStatus === 'verified';
  const connectedAt = record.connectedAt ? new Date(record.connectedAt).toLocaleString(locale, { hour12: false }) : t('notConnected');
  const location = [record.province, record.city].filter(Boolean).join(' ') || t('unknownLocation');
  return (
    <RecordFrame callId={record.callId}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Button
          type="link"
          style={{ padding: 0, fontWeight: 600 }}
          disabled={!selectable}
          onClick={() => onSelect(record.callId)}
          aria-label={`${verified ? record.number : maskPhone(record.number)}`}
        >
          <span data-testid="record-number">{verified ? record.number : maskPhone(record.number)}</span>
        </Button>
        <Space size={4}>
          <Tag>{record.direction === 'inbound' ? t('inbound') : t('outbound')}</Tag>
          <Popconfirm title={t('deleteConfirm')} okText={t('delete')} cancelText={t('cancel')} onConfirm={() => onDelete(record.callId)}>
            <Button size="small" danger type="text" loading={deleting}>
              {t('delete')}
            </Button>
          </Popconfirm>
        </Space>
      </Space>
      <Descriptions size="small" column={1} styles={{ label: { width: 96 } }}>
        <Descriptions.Item label={t('connectTime')}>
          {connectedAt}
          {record.durationSeconds !== null ? ` · ${t('duration', { duration: formatDuration(record.durationSeconds * 1000) })}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('location')}>{location}</Descriptions.Item>
        <Descriptions.Item label={t('skillGroup')}>{groupName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('keyTrack')}>
          <Typography.Text code>{record.keyTrack || '—'}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('verification')}>
          <Tag color={verified ? 'green' : 'default'}>{t(`verification.${record.verificationStatus}`)}</Tag>
          {record.verificationMethod ? t(`method.${record.verificationMethod}`) : null}
        </Descriptions.Item>
        {record.rating !== null ? <Descriptions.Item label={t('rating')}>{'★'.repeat(record.rating)}</Descriptions.Item> : null}
        {record.disposition ? (
          <Descriptions.Item label={tc('disposition')}>
            <Tag color="geekblue" data-testid="record-disposition" data-code={record.disposition.code}>
              {record.disposition.label[locale === 'en-US' ? 'en-US' : 'zh-CN']}
            </Tag>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {/* Chosen on the record too: after-call work may have ended before the agent picked one. */}
      {record.disposition ? null : <DispositionSelect callId={record.callId} showRequirement={false} />}
      <NoteEditor agentId={agentId} callId={record.callId} serverNote={record.note} compact />
    </RecordFrame>
  );
});
