import { Suspense, useState } from 'react';
import type { RemoteProps } from '@octopus/contracts';
import { RemotePanelFrame, Skeleton, Tabs, useLocale, useT } from '@octopus/ui';
import { defineRemote } from '@octopus/remote-kit';
import packageJson from '../package.json';
import { messages } from './messages';
import { SCREENS } from './screens';

/**
 * The operations team's tab (supervisors and admins: the registry entry's `tab.roles`): one sub-tab per
 * screen of `screens.tsx`, only the open one mounted, each loaded on first open behind a skeleton.
 */
export function OperationsPanel(props: RemoteProps) {
  const t = useT(messages);
  const locale = useLocale();
  const [active, setActive] = useState(SCREENS[0]?.key ?? '');
  return (
    <RemotePanelFrame name="operations" version={packageJson.version}>
      <Tabs
        aria-label={t('screens')}
        size="small"
        activeKey={active}
        onChange={setActive}
        destroyOnHidden
        items={SCREENS.map(({ key, title, Screen }) => ({
          key,
          label: title[locale],
          children: (
            <Suspense fallback={<Skeleton active paragraph={{ rows: 4 }} aria-label={t('loading')} data-testid="screen-loading" />}>
              <Screen {...props} />
            </Suspense>
          ),
        }))}
      />
    </RemotePanelFrame>
  );
}

// The contract version is the one this build was compiled against (fixed by the build, not read from the shell's shared copy).
export const remote = defineRemote({ name: 'operations', version: packageJson.version, Component: OperationsPanel });
