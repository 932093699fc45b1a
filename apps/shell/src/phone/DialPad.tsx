import { lazy, memo, Suspense, useMemo, useState } from 'react';
import { Button, Flex, Input, Modal, Skeleton, Space, Typography, useT } from '@octopus/ui';
import { useTelephony } from '@octopus/telephony/react';
import { phoneMessages } from './phone-messages';

const CallerIdGroupSelect = lazy(() => import('./CallerIdGroupSelect').then((module) => ({ default: module.CallerIdGroupSelect })));

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
export const DIALABLE = /^\+?[0-9]{3,20}$/;

export function KeyGrid({ onKey, disabled }: { onKey: (key: string) => void; disabled?: boolean }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 56px)', gap: 8, justifyContent: 'center' }}>
      {KEYS.map((key) => (
        <Button key={key} onClick={() => onKey(key)} disabled={disabled} aria-label={key}>
          {key}
        </Button>
      ))}
    </div>
  );
}

export interface DialPadProps {
  open: boolean;
  initialNumber?: string;
  dialling: boolean;
  onCancel: () => void;
  onDial: (number: string, skillGroup: string | undefined) => void;
}

/** Outbound call: type or tap a number, pick whose caller id the customer sees. */
/** Memoised, and reads the agent's groups as one string: agent state changes do not re-render it. */
export const DialPad = memo(function DialPad({ open, initialNumber = '', dialling, onCancel, onDial }: DialPadProps) {
  const t = useT(phoneMessages);
  const skillKey = useTelephony((state) => state.agent?.skillGroups.join('\n') ?? '');
  const skillGroups = useMemo(() => (skillKey ? skillKey.split('\n') : []), [skillKey]);
  const [number, setNumber] = useState(initialNumber);
  const [group, setGroup] = useState<string | undefined>(skillGroups[0]);
  const valid = DIALABLE.test(number);
  return (
    <Modal
      open={open}
      title={t('dialTitle')}
      onCancel={onCancel}
      destroyOnHidden
      footer={
        <Button type="primary" disabled={!valid} loading={dialling} onClick={() => onDial(number, group)}>
          {t('dial')}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input
          aria-label={t('numberToDial')}
          placeholder={t('numberToDial')}
          value={number}
          autoFocus
          onChange={(event) => setNumber(event.target.value.replace(/[^0-9+]/g, ''))}
          onPressEnter={() => valid && onDial(number, group)}
          status={number && !valid ? 'error' : undefined}
        />
        {number && !valid ? <Typography.Text type="danger">{t('invalidNumber')}</Typography.Text> : null}
        <KeyGrid onKey={(key) => /[0-9]/.test(key) && setNumber((current) => current + key)} />
        <Flex gap={8} align="center">
          <Typography.Text type="secondary">{t('callerIdGroup')}</Typography.Text>
          <Suspense fallback={<Skeleton.Input active size="small" style={{ minWidth: 160 }} />}>
            <CallerIdGroupSelect label={t('callerIdGroup')} groups={skillGroups} value={group} onChange={setGroup} />
          </Suspense>
        </Flex>
      </Space>
    </Modal>
  );
});
