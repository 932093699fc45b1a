import { isApiError } from '@octopus/api-client';
import { Alert, Button, useT } from '@octopus/ui';
import { commonMessages } from './messages';

/**
 * An api failure in words the agent can act on. A withheld answer (caller not verified) is a warning
 * that says what to do, not an error; details of other errors stay in the tooltip-free description.
 */
export function ApiErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT(commonMessages);
  const kind = isApiError(error) ? error.kind : 'server';
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
