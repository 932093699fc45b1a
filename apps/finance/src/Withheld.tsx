import { Alert, useT } from '@octopus/ui';
import { messages } from './messages';

/** The api keeps finance data back for unverified callers: say what to do, not that something broke. */
export function Withheld() {
  const t = useT(messages);
  return <Alert data-testid="finance-withheld" type="warning" showIcon title={t('withheldTitle')} description={t('withheldHint')} />;
}
