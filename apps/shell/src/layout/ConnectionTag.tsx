import { Tag, useT } from '@octopus/ui';
import { useConnection } from '@octopus/telephony/react';
import { layoutMessages } from './layout-messages';

const COLOURS = { connected: 'green', connecting: 'blue', reconnecting: 'orange', offline: 'red', 'session-ended': 'red' } as const;

export function ConnectionTag() {
  const t = useT(layoutMessages);
  const connection = useConnection();
  return (
    <Tag color={COLOURS[connection]} data-testid="connection-state" data-connection={connection}>
      {t(`connection.${connection}`)}
    </Tag>
  );
}
