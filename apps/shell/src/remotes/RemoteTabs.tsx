import { useState } from 'react';
import { REMOTE_NAMES, type RemoteName } from '@octopus/contracts';
import { RemoteSlot, slotMessages } from '@octopus/federation';
import { Card, Tabs, useT } from '@octopus/ui';
import { useRemoteProps } from './useRemoteProps';

/** The remote tabs of the workbench; each remote lives in its own slot. */
export function RemoteTabs() {
  const t = useT(slotMessages);
  const [active, setActive] = useState<RemoteName>('tickets');
  const props = useRemoteProps();
  return (
    <Card size="small">
      <Tabs
        activeKey={active}
        onChange={(key) => setActive(key as RemoteName)}
        items={REMOTE_NAMES.map((name) => ({
          key: name,
          label: t(`remote.${name}`),
          children: <RemoteSlot name={name} props={props} />,
        }))}
      />
    </Card>
  );
}
