import { useEffect, useRef, useState } from 'react';
import type { RemoteName, RemoteProps } from '@octopus/contracts';
import { createIframeHostBridge, type IframeHostBridge } from './bridge';
import type { IframeContext } from './messages';

export interface IframeRemoteSlotProps {
  name: RemoteName;
  /** The page, e.g. `http://localhost:3003/0.1.0/embed.html`. */
  src: string;
  /** The page's origin; the only one the slot listens to and sends the context to. */
  allowedOrigin: string;
  /** The same contract props a federated remote gets; host actions are bridged. */
  props: RemoteProps;
  title?: string;
  /** Height before the page reports its own. */
  initialHeight?: number;
}

export function contextFromProps(props: RemoteProps): IframeContext {
  return {
    callId: props.callId,
    customer: props.customer,
    locale: props.locale,
    api: { baseUrl: props.api.baseUrl, token: props.api.token, grant: props.api.grant },
    agent: props.agent ? { id: props.agent.id, name: props.agent.name } : null,
  };
}

/**
 * A remote shown as an iframe page: the context follows the current call through postMessage (exact
 * origin both ways), and the page's requests (dial, open ticket, message) reach the host's actions.
 */
export function IframeRemoteSlot({ name, src, allowedOrigin, props, title, initialHeight = 480 }: IframeRemoteSlotProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const bridge = useRef<IframeHostBridge | null>(null);
  const [height, setHeight] = useState(initialHeight);
  // The latest host actions without re-creating the bridge on every render.
  const host = useRef(props.host);
  host.current = props.host;

  useEffect(() => {
    const created = createIframeHostBridge({
      target: () => frame.current?.contentWindow ?? null,
      allowedOrigin,
      onResize: setHeight,
      onAction: (action) => {
        if (action.action === 'dial') host.current.dial(action.phone);
        else if (action.action === 'openTicket') {
          // The whole prefill (title, order, category, description) goes through, not just the ids.
          const { action: _kind, ...request } = action;
          host.current.openTicket(request);
        }
        else host.current.showMessage(action.kind, action.text);
      },
    });
    bridge.current = created;
    return () => {
      created.destroy();
      bridge.current = null;
    };
  }, [allowedOrigin]);

  const { callId, customer, locale, api, agent } = props;
  useEffect(() => {
    bridge.current?.sendContext(contextFromProps({ ...props, callId, customer, locale, api, agent }));
    // Only what the context carries: new host callbacks do not resend it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [callId, customer, locale, api, agent]);

  return (
    <section data-remote-iframe={name} style={{ width: '100%' }}>
      <iframe
        ref={frame}
        src={src}
        title={title ?? name}
        // No top navigation, no popups: the page only runs its own scripts and talks through the bridge.
        sandbox="allow-scripts allow-same-origin allow-forms"
        referrerPolicy="no-referrer"
        style={{ width: '100%', height, border: 0, display: 'block' }}
      />
    </section>
  );
}
