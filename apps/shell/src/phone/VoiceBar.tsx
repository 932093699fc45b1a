import { lazy, Suspense } from 'react';
import { Alert, Button, Flex, Popover, Progress, Skeleton, Tag, Typography, useT } from '@octopus/ui';
import { inertText } from '@octopus/contracts';
import { consultMediaKey } from '@octopus/telephony';
import { useActiveCallId, useCallMedia, useVoice } from '@octopus/telephony/react';
import { phoneMessages } from './phone-messages';

const AudioDevicePickers = lazy(() => import('./AudioDevicePickers').then((module) => ({ default: module.AudioDevicePickers })));

const STATUS_COLOR = { off: 'default', connecting: 'processing', registered: 'green', failed: 'red' } as const;

/**
 * The media part of the phone: whether voice is on, the microphone's permission (told plainly when it is
 * blocked or missing), device choice, and the active call's audio levels (a meter each way).
 */
export function VoiceBar() {
  const t = useT(phoneMessages);
  const voice = useVoice();
  const activeCallId = useActiveCallId();
  const media = useCallMedia(activeCallId);
  // A consultation's audio between two agents' browsers (and a conference this browser mixes).
  const colleague = useCallMedia(activeCallId ? consultMediaKey(activeCallId) : null);
  const status = voice.status === 'failed' ? t('voice.failed', { reason: inertText(voice.reason ?? '') }) : t(`voice.${voice.status}`);
  return (
    <div
      data-testid="voice-bar"
      data-voice={voice.status}
      data-microphone={voice.microphone}
      data-media={media?.state ?? 'none'}
      data-consult-media={colleague?.state ?? 'none'}
      data-mixing={voice.mixing !== null && voice.mixing === activeCallId ? 'yes' : 'no'}
    >
      <Flex gap={8} align="center" wrap>
        <Tag color={STATUS_COLOR[voice.status]}>{status}</Tag>
        {voice.status !== 'off' ? (
          <Popover
            trigger="click"
            title={t('voice.devices')}
            content={
              <Suspense fallback={<Skeleton active paragraph={{ rows: 2 }} style={{ width: 240 }} />}>
                <AudioDevicePickers />
              </Suspense>
            }
          >
            <Button size="small">{t('voice.devices')}</Button>
          </Popover>
        ) : null}
        {media ? <Tag color={media.state === 'connected' ? 'green' : 'blue'}>{t(media.state === 'connected' ? 'voice.connected' : 'voice.ringing')}</Tag> : null}
        {media?.state === 'connected' ? (
          <>
            <Typography.Text type="secondary">{t('voice.inLevel')}</Typography.Text>
            <Progress aria-label={t('voice.inLevel')} data-level={media.inboundLevel.toFixed(3)} percent={Math.round(media.inboundLevel * 100)} showInfo={false} size="small" style={{ width: 80 }} />
            <Typography.Text type="secondary">{t('voice.micLevel')}</Typography.Text>
            <Progress aria-label={t('voice.micLevel')} percent={Math.round(media.microphoneLevel * 100)} showInfo={false} size="small" style={{ width: 80 }} />
          </>
        ) : null}
        {colleague?.state === 'connected' ? (
          <>
            <Typography.Text type="secondary">{t('voice.colleagueLevel')}</Typography.Text>
            <Progress
              aria-label={t('voice.colleagueLevel')}
              data-consult-level={colleague.inboundLevel.toFixed(3)}
              percent={Math.round(colleague.inboundLevel * 100)}
              showInfo={false}
              size="small"
              style={{ width: 80 }}
            />
          </>
        ) : null}
        {voice.mixing !== null && voice.mixing === activeCallId ? <Tag color="purple">{t('voice.mixing')}</Tag> : null}
      </Flex>
      {voice.microphone === 'blocked' ? <Alert type="error" showIcon message={t('voice.micBlocked')} style={{ marginTop: 8 }} /> : null}
      {voice.microphone === 'missing' ? <Alert type="warning" showIcon message={t('voice.micMissing')} style={{ marginTop: 8 }} /> : null}
    </div>
  );
}
