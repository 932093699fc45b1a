import { Empty, Typography, useT } from '@octopus/ui';
import { commonMessages } from './messages';

/** The shell's agent has not bound the caller to a customer yet: nothing to query. */
export function NoCustomer() {
  const t = useT(commonMessages);
  return (
    <Empty
      data-testid="no-customer"
      description={
        <>
          <Typography.Text strong>{t('noCustomer')}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{t('noCustomerHint')}</Typography.Text>
        </>
      }
    />
  );
}
