import { formatDateTime } from '@octopus/api-client';
import type { RemoteProps, ServiceEvent } from '@octopus/contracts';
import { Tag, Typography, useLocale, useT } from '@octopus/ui';
import { PhoneLink, PhoneText } from '@octopus/remote-kit';
import { CHANNEL_COLORS, channelMessages, messages } from './messages';

/** One contact: what channel, when, who, and what was said or noted, rendered as text. */
export function TrackEvent({ event, host }: { event: ServiceEvent; host: RemoteProps['host'] }) {
  const t = useT(messages);
  const tc = useT(channelMessages);
  const locale = useLocale();
  return (
    <li data-event-id={event.id} data-channel={event.channel} style={{ padding: '8px 0 8px 12px', borderLeft: `3px solid ${event.channel === 'call' ? '#1f6feb' : event.channel === 'im' ? '#52c41a' : '#fa8c16'}`, marginBottom: 8 }}>
      <div>
        <Tag color={CHANNEL_COLORS[event.channel]}>{tc(event.channel)}</Tag>
        <Typography.Text strong>{event.title}</Typography.Text>{' '}
        <Typography.Text type="secondary">
          {formatDateTime(event.at, locale)}
          {event.direction ? ` · ${t(event.direction)}` : ''}
          {event.agentId ? ` · ${t('agent', { id: event.agentId })}` : ''}
        </Typography.Text>
        {event.number ? (
          <>
            {' · '}
            <PhoneLink phone={event.number} onDial={host.dial} />
          </>
        ) : null}
      </div>
      {event.channel === 'call' ? (
        <div>
          {/* Calls: the recording reference and the agent's note. */}
          <Typography.Text type="secondary">{t('recording', { ref: `recording:${event.refId}` })}</Typography.Text>
          {/* Older apis send no disposition (undefined): nothing to show. */}
          {event.disposition ? (
            <Tag color="geekblue" style={{ marginLeft: 8 }} data-testid="event-disposition" data-code={event.disposition.code}>
              {t('disposition', { label: event.disposition.label[locale === 'en-US' ? 'en-US' : 'zh-CN'] })}
            </Tag>
          ) : null}
          <div style={{ whiteSpace: 'pre-wrap' }} data-testid="event-summary">
            <Typography.Text type="secondary">{t('note')}: </Typography.Text>
            {event.summary ? <PhoneText text={event.summary} onDial={host.dial} /> : <Typography.Text type="secondary">{t('noNote')}</Typography.Text>}
          </div>
        </div>
      ) : event.summary ? (
        <div style={{ whiteSpace: 'pre-wrap' }} data-testid="event-summary">
          <PhoneText text={event.summary} onDial={host.dial} />
        </div>
      ) : null}
    </li>
  );
}
