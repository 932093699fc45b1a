import { useCallback, useState } from 'react';
import { App, useT } from '@octopus/ui';
import { customerMessages } from '../customer/customer-messages';

/**
 * Runs phone commands and tracks which are in flight, so each button shows its own pending state and a
 * failure says what the server answered. The store changes only when the server's event says so.
 */
export function useActionRunner(describeFailure: (label: string, reason: string) => string) {
  const { message } = App.useApp();
  const tc = useT(customerMessages);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const run = useCallback(
    async (key: string, label: string, action: () => Promise<unknown>): Promise<boolean> => {
      setPending((current) => new Set(current).add(key));
      try {
        await action();
        return true;
      } catch (error) {
        // The server holds after-call work for a required wrap-up code: say so in the page's language.
        const code = (error as { reason?: unknown } | null)?.reason;
        const reason = code === 'disposition-required' ? tc('dispositionRequired') : error instanceof Error ? error.message : String(error);
        void message.error(describeFailure(label, reason));
        return false;
      } finally {
        setPending((current) => {
          const next = new Set(current);
          next.delete(key);
          return next;
        });
      }
    },
    [describeFailure, message, tc],
  );
  return { pending, run };
}
