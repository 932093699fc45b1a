import { Space, Typography, useT } from '@octopus/ui';
import { Select } from '@octopus/ui/select';
import { inertText } from '@octopus/contracts';
import { chooseAudioDevice } from '@octopus/telephony';
import { useTelephonyStoreApi, useVoice } from '@octopus/telephony/react';
import { phoneMessages } from './phone-messages';

/**
 * Microphone and speaker choice (the voice bar's Audio devices popover; '' = the system default). A chunk
 * of its own with antd's Select (`@octopus/ui/select`), loaded when the popover first opens (ADR 0003).
 */
export function AudioDevicePickers() {
  const t = useT(phoneMessages);
  const voice = useVoice();
  const store = useTelephonyStoreApi();
  const devices = (kind: 'input' | 'output') => {
    const list = kind === 'input' ? voice.inputs : voice.outputs;
    return [{ value: '', label: t('voice.default') }, ...list.map((d) => ({ value: d.id, label: inertText(d.label) }))];
  };
  return (
    <Space direction="vertical">
      <Typography.Text>{t('voice.input')}</Typography.Text>
      <Select aria-label={t('voice.input')} style={{ width: 240 }} value={voice.inputDeviceId} options={devices('input')} onChange={(id: string) => chooseAudioDevice(store, 'input', id)} />
      <Typography.Text>{t('voice.output')}</Typography.Text>
      <Select aria-label={t('voice.output')} style={{ width: 240 }} value={voice.outputDeviceId} options={devices('output')} onChange={(id: string) => chooseAudioDevice(store, 'output', id)} />
    </Space>
  );
}
