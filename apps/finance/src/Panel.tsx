import { type ComponentType } from 'react';
import { REMOTE_CONTRACT_VERSION, type RemoteModule, type RemoteProps } from '@octopus/contracts';
import { RemotePanelFrame, useT } from '@octopus/ui';
import packageJson from '../package.json';
import { CallHeader, NoCustomer } from '@octopus/remote-kit';
import { FinanceContent } from './FinanceContent';
import { messages } from './messages';

export function FinancePanel(props: RemoteProps) {
  const t = useT(messages);
  const userId = props.customer?.userId ?? null;
  return (
    <RemotePanelFrame name="finance" version={packageJson.version}>
      <CallHeader title={t('title')} customer={props.customer} />
      {/* Keyed by call and customer: a call switch remounts with that call's tab and queries. */}
      {userId ? (
        <FinanceContent key={`${props.callId ?? 'no-call'}:${userId}`} userId={userId} callId={props.callId} api={props.api} workspace={props.workspace} />
      ) : (
        <NoCustomer />
      )}
    </RemotePanelFrame>
  );
}

export const remote: RemoteModule<ComponentType<RemoteProps>> = {
  name: 'finance',
  version: packageJson.version,
  contractVersion: REMOTE_CONTRACT_VERSION,
  Component: FinancePanel,
};
