import { useEffect, useState } from 'react';
import { Alert, App, Button, useT } from '@octopus/ui';
import { useConnection, usePhoneActions, useSession, useTelephony } from '@octopus/telephony/react';
import { layoutMessages } from './layout-messages';
import { noticeMessages } from '../notices/notice-messages';

/**
 * Says loudly when calls cannot reach the agent, and when another tab holds the phone. While
 * reconnecting it promises that calls are kept only for the server's `reconnectGraceMs` (from the
 * last snapshot's config), counted from when the connection was lost; after that it says they may
 * have moved on.
 */
export function ConnectionBanner() {
  const t = useT(layoutMessages);
  const connection = useConnection();
  const session = useSession();
  const actions = usePhoneActions();
  const tn = useT(noticeMessages);
  const { modal } = App.useApp();
  const onCall = useTelephony((s) => s.callIds.some((id) => s.calls.get(id)?.state !== 'ended'));
  const graceMs = useTelephony((s) => s.config?.reconnectGraceMs ?? null);
  const lost = connection === 'reconnecting' || connection === 'connecting';
  const [lostAt, setLostAt] = useState<number | null>(null);
  const [, rerender] = useState(0);
  useEffect(() => setLostAt((at) => (lost ? (at ?? Date.now()) : null)), [lost]);
  useEffect(() => {
    if (lostAt === null || graceMs === null) return;
    const timer = setTimeout(() => rerender((n) => n + 1), Math.max(0, lostAt + graceMs - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [lostAt, graceMs]);
  if (lost) {
    const kept = graceMs !== null && graceMs > 0 && (lostAt === null || Date.now() - lostAt < graceMs);
    const message = kept ? t('bannerReconnecting', { seconds: String(Math.round(graceMs / 1000)) }) : t('bannerReconnectingLate');
    return <Alert banner type="warning" data-testid="connection-banner" message={message} />;
  }
  if (connection === 'offline') {
    return <Alert banner type="error" data-testid="connection-banner" message={t('bannerOffline')} />;
  }
  if (session && !session.phone) {
    return (
      <Alert
        banner
        type="info"
        data-testid="phone-elsewhere-banner"
        message={t('otherTabHasPhone')}
        action={
          <Button
            size="small"
            data-testid="take-phone"
            onClick={() =>
              // Taking the phone moves calls to this tab: the agent confirms, the other tab is told.
              void modal.confirm({
                title: tn('takePhoneTitle'),
                content: onCall ? tn('takePhoneOnCall') : tn('takePhoneIdle'),
                okText: tn('takeOver'),
                cancelText: tn('cancel'),
                onOk: () => actions.takePhone().catch(() => undefined),
              })
            }
          >
            {t('takePhone')}
          </Button>
        }
      />
    );
  }
  return null;
}
