import { Alert, Button, useT } from '@octopus/ui';
import { useConnection, usePhoneActions, useSession } from '@octopus/telephony/react';
import { shellMessages } from '../app/messages';

/** Says loudly when calls cannot reach the agent, and when another tab holds the phone. */
export function ConnectionBanner() {
  const t = useT(shellMessages);
  const connection = useConnection();
  const session = useSession();
  const actions = usePhoneActions();
  if (connection === 'reconnecting' || connection === 'connecting') {
    return <Alert banner type="warning" data-testid="connection-banner" message={t('bannerReconnecting')} />;
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
          <Button size="small" onClick={() => void actions.takePhone()}>
            {t('takePhone')}
          </Button>
        }
      />
    );
  }
  return null;
}
