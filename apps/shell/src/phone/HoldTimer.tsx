import { Tag, useT } from '@octopus/ui';
import { useTelephony } from '@octopus/telephony/react';
import { customerMessages } from '../customer/customer-messages';
import { formatDuration, useNow } from '../layout/useNow';

/** "On hold 00:42" from the server's hold start; ticks on its own so the phone bar does not re-render each second. */
export function HoldTimer({ heldSince }: { heldSince: number }) {
  const t = useT(customerMessages);
  const offset = useTelephony((state) => state.serverTimeOffset);
  useNow(); // the tick; the time itself is read fresh below
  return (
    // Tabular figures: a ticking timer keeps its width, so nothing beside it shifts each second.
    <Tag color="orange" data-testid="hold-timer" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {t('holdFor', { time: formatDuration(Date.now() + offset - heldSince) })}
    </Tag>
  );
}
