import type { ReactNode } from 'react';
import { skipToken, useQuery } from '@tanstack/react-query';
import { Tag, Tooltip } from './antd';
import type { RemoteName, RemoteRegistry } from '@octopus/contracts';
import { defineMessages, useT } from './i18n';
import { TEXT_WRAP_STYLE } from './text-wrap';

/** Where the shell keeps the registry it loaded, in the one shared QueryClient. */
export const REGISTRY_QUERY_KEY = ['octopus', 'registry'] as const;

const messages = defineMessages({
  registered: { 'zh-CN': '注册版本 {version}', 'en-US': 'registered {version}' },
  build: { 'zh-CN': '{name} v{version}', 'en-US': '{name} v{version}' },
  mismatch: {
    'zh-CN': '注册表指向 {registered}，实际加载的是 {built}',
    'en-US': 'the registry points at {registered} but {built} is loaded',
  },
});

/** A `RemotePanelFrame`'s props: the remote's registry name, the release it was built as (semver), its content. */
export interface RemotePanelFrameProps {
  name: RemoteName;
  /** The release this remote was built as. */
  version: string;
  children: ReactNode;
}

/**
 * Every remote's root element: carries `data-remote` (a stable test hook) and shows, in a corner,
 * which build is running and what the registry (read from the shared QueryClient) says should be.
 * Long words wrap inside it, whatever the remote renders (TEXT_WRAP_STYLE).
 */
export function RemotePanelFrame({ name, version, children }: RemotePanelFrameProps) {
  const t = useT(messages);
  // Read-only: the shell fetched the registry; a remote only looks at the shared cache.
  const { data: registry } = useQuery<RemoteRegistry>({ queryKey: REGISTRY_QUERY_KEY, queryFn: skipToken });
  const registered = registry?.remotes[name]?.version;
  return (
    <section data-remote={name} data-remote-version={version} className="octopus-remote" style={{ position: 'relative', minHeight: 120, maxWidth: '100%', ...TEXT_WRAP_STYLE }}>
      {children}
      <footer style={{ display: 'flex', justifyContent: 'flex-end', gap: 4, marginTop: 12 }}>
        {registered ? (
          <Tooltip title={registered === version ? undefined : t('mismatch', { registered, built: version })}>
            <Tag data-registry-version={registered} color={registered === version ? 'default' : 'warning'}>
              {t('registered', { version: registered })}
            </Tag>
          </Tooltip>
        ) : null}
        <Tag data-testid="remote-build" color="blue">
          {t('build', { name, version })}
        </Tag>
      </footer>
    </section>
  );
}
