import { lazy, Suspense } from 'react';
import { Skeleton, Space, Typography, useLocale, useT } from '@octopus/ui';
import { inertText } from '@octopus/contracts';
import { customerMessages } from '../customer/customer-messages';
import { useDispositionGate, useSetDisposition, useSetLiveDisposition } from './useDisposition';

const DispositionPicker = lazy(() => import('./DispositionPicker').then((module) => ({ default: module.DispositionPicker })));

/**
 * The wrap-up code (disposition) of a call: chosen during after-call work (or later on the record),
 * from the skill group's configured list. Says so when the group requires one before wrap-up ends.
 * Renders nothing for a group without codes.
 */
export function DispositionSelect({ callId, showRequirement = true }: { callId: string; showRequirement?: boolean }) {
  const t = useT(customerMessages);
  const locale = useLocale();
  const gate = useDispositionGate(callId);
  const saveRecord = useSetDisposition(callId);
  const saveLive = useSetLiveDisposition(callId);
  // During the call and its after-call work the cti-server takes the code; afterwards the record (api).
  const save = gate.live ? saveLive : saveRecord;
  if (!gate.list || gate.list.dispositions.length === 0) return null;
  const lang = locale === 'en-US' ? 'en-US' : 'zh-CN';
  const value = save.isPending ? (save.variables ?? undefined) : (gate.chosen?.code ?? undefined);
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }} data-testid="disposition" data-required={gate.list.required} data-chosen={gate.chosen?.code ?? ''}>
      <Space wrap>
        <Typography.Text strong>{t('disposition')}</Typography.Text>
        <Suspense fallback={<Skeleton.Input active size="small" style={{ minWidth: 220 }} />}>
          <DispositionPicker
            label={t('disposition')}
            placeholder={t('dispositionPlaceholder')}
            list={gate.list}
            lang={lang}
            value={value}
            saving={save.isPending}
            clearable={!gate.list.required && !gate.live}
            warning={gate.blocked && showRequirement}
            onChange={(code) => save.mutate(code)}
          />
        </Suspense>
      </Space>
      {gate.blocked && showRequirement ? (
        <Typography.Text type="warning" data-testid="disposition-required">
          {t('dispositionRequired')}
        </Typography.Text>
      ) : null}
      {save.isError ? <Typography.Text type="danger">{t('dispositionFailed', { message: inertText(save.error.message) })}</Typography.Text> : null}
    </Space>
  );
}
