import { isApiError } from '@octopus/api-client';
import { useActiveCall } from '@octopus/telephony/react';
import { Alert, Button, useT } from '@octopus/ui';
import { commonMessages } from './messages';

/**
 * An api failure in words the agent can act on. A withheld answer (caller not verified) is a warning
 * that says what to do, not an error; details of other errors stay in the tooltip-free description.
 */
export function ApiErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT(commonMessages);
  const call = useActiveCall();
  const kind = isApiError(error) ? error.kind : 'server';
  // "No access" is what the api says once a call's grant is gone: after the call ended, or to a consulted
  // colleague (who never gets one). Neither is an error the agent can fix: say what happened instead.
  if (kind === 'no_access' && call && (call.state === 'ended' || call.state === 'wrap-up' || call.role === 'consult-target')) {
    const consulted = call.role === 'consult-target' && call.state !== 'ended' && call.state !== 'wrap-up';
    return (
      <Alert
        role="status"
        data-error-kind={consulted ? 'consulted' : 'call-ended'}
        type="info"
        showIcon
        title={consulted ? t('consultedNoAccess') : t('callEndedNoAccess')}
      />
    );
  }
  const text = t(kind, { field: isApiError(error) ? (error.field ?? error.message) : '' });
  const withheld = kind === 'withheld';
  return (
    <Alert
      role="alert"
      data-error-kind={kind}
      type={withheld ? 'warning' : 'error'}
      showIcon
      title={text}
      action={
        onRetry && !withheld ? (
          <Button size="small" onClick={onRetry}>
            {t('retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
