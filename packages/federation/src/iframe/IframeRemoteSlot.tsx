import { useCallback, useEffect, useRef, useState } from 'react';
import { RemoteLoadError } from '../errors';
import { useOptionalRemoteLoader } from '../RemoteLoaderContext';
import { RemoteFallback } from '../RemoteSlot';
import type { RemoteName, RemoteProps } from '@octopus/contracts';
import { createIframeHostBridge, type IframeHostBridge } from './bridge';
import type { IframeContext } from './protocol';

/** An `IframeRemoteSlot`'s props; `initialHeight` in px (default 480). */
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
  /** How long the page may take to announce itself before the slot shows its fallback with Retry (ms, default 10 000). */
  readyTimeoutMs?: number;
}

/** What of the contract props crosses into the iframe: call, customer, locale, api access, agent id and name. */
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
export function IframeRemoteSlot({ name, src, allowedOrigin, props, title, initialHeight = 480, readyTimeoutMs = 10_000 }: IframeRemoteSlotProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const bridge = useRef<IframeHostBridge | null>(null);
  const [height, setHeight] = useState(initialHeight);
  // The page must announce itself (`ready`) in time; else (wrong allow-list, server hanging) fallback + Retry.
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  useEffect(() => {
    if (state !== 'loading') return;
    const timer = setTimeout(() => setState('failed'), readyTimeoutMs);
    return () => clearTimeout(timer);
  }, [state, attempt, readyTimeoutMs]);
  // Retry re-reads the registry first, as a federated slot's does (after a rollback or a move, the page the
  // registry names now); without a loader (tests, standalone) it only reloads the page.
  const loader = useOptionalRemoteLoader();
  const retry = useCallback(() => {
    void Promise.resolve(loader?.retry(name))
      .catch(() => undefined)
      .finally(() => {
        setState('loading');
        setAttempt((value) => value + 1);
      });
  }, [loader, name]);
  // Another page (a registry change): it must announce itself again within the bound.
  const shownSrc = useRef(src);
  useEffect(() => {
    if (shownSrc.current === src) return;
    shownSrc.current = src;
    setState('loading');
  }, [src]);
  // The latest host actions and props without re-creating the bridge on every render.
  const host = useRef(props.host);
  host.current = props.host;
  const latestProps = useRef(props);
  latestProps.current = props;

  useEffect(() => {
    const created = createIframeHostBridge({
      target: () => frame.current?.contentWindow ?? null,
      allowedOrigin,
      onResize: setHeight,
      onReady: () => setState('ready'),
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
    // A new bridge (the page moved to another origin) starts with the current context, sent once the page is ready.
    created.sendContext(contextFromProps(latestProps.current));
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

  if (state === 'failed') {
    const error = new RemoteLoadError(name, 'timeout', `${src} did not answer within ${Math.round(readyTimeoutMs / 100) / 10} s (is this shell's origin on its allow-list?)`);
    return <RemoteFallback name={name} error={error} retry={retry} />;
  }
  return (
    <section data-remote-iframe={name} data-iframe-state={state} style={{ width: '100%' }}>
      <iframe
        key={attempt}
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
