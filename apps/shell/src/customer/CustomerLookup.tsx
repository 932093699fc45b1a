import { lazy, Suspense, useState } from 'react';
import { Button, useT } from '@octopus/ui';
import { customerMessages } from './customer-messages';

// The dialog (with antd's List) loads when the agent points at or focuses the button, before the click.
const loadDialog = () => import('./CustomerLookupDialog');
const CustomerLookupDialog = lazy(() => loadDialog().then((module) => ({ default: module.CustomerLookupDialog })));
const preloadDialog = () => void loadDialog();

/**
 * A customer's history outside a call: the button that opens the lookup dialog (CustomerLookupDialog:
 * search, pick one, see their past calls and tickets). The dialog stays mounted once opened, so a search
 * survives closing and opening it again.
 */
export function CustomerLookup() {
  const t = useT(customerMessages);
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        block
        onClick={() => {
          setOpen(true);
          setOpened(true);
        }}
        onPointerEnter={preloadDialog}
        onFocus={preloadDialog}
        data-testid="customer-lookup-open"
        style={{ marginBottom: 8 }}
      >
        {t('lookup')}
      </Button>
      {opened ? (
        <Suspense fallback={null}>
          <CustomerLookupDialog open={open} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
