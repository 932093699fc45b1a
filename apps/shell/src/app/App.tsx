import { useCallback, useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { Locale, SessionAgent } from '@octopus/contracts';
import type { FederationRuntime } from '@octopus/federation';
import type { TelephonyClient, WebSocketConstructor } from '@octopus/telephony';
import { TelephonyProvider } from '@octopus/telephony/react';
import { OctopusUiProvider } from '@octopus/ui';
import { createShellApi } from '../api/shell-api';
import { DocumentLanguage } from '../i18n/DocumentLanguage';
import { ShellApiProvider } from '../api/ShellApiProvider';
import type { RuntimeConfig } from '../config/runtime-config';
import { LoginPage } from '../session/LoginPage';
import type { SessionEndReason, SessionStore } from '../session/session-store';
import { useEndSessionOnUnauthorized, useSessionRenewal } from '../session/session-hooks';
import { useTelephonyConnection } from '../telephony/useTelephonyConnection';
import { createWorkspaceStore } from '../workspace/workspace-store';
import { WorkspaceProvider } from '../workspace/WorkspaceProvider';
import { ShellContextProvider } from '../config/ShellContext';
import { AfterPaintProvider, fetchAfterPaint, runNow, type AfterPaint } from '../paint/after-paint';
import { Workbench } from './Workbench';

export interface AppProps {
  queryClient: QueryClient;
  telephony: TelephonyClient;
  session: SessionStore;
  config: RuntimeConfig;
  locale: Locale;
  runtime: FederationRuntime;
  registryUrl: string;
  /** How often open pages re-read the registry (ms; default REGISTRY_POLL_MS, 15 s). */
  registryPollMs?: number;
  /** localStorage in the browser (drafts survive a reload); omitted in tests. */
  storage?: Storage;
  /** This tab's id (drafts typed here are saved from here); default a random one. See `persistentTabId`. */
  tabId?: string;
  /**
   * When the parts of the workbench that may follow a frame late update (`afterNextPaint` in the browser, so a
   * ring paints the caller panel first); default at once (tests).
   */
  afterPaint?: AfterPaint;
  /** Tests only: the WebSocket class the CTI connection uses and the api's fetch. */
  WebSocketImpl?: WebSocketConstructor;
  fetchImpl?: typeof fetch;
}

function LoggedIn({ props, token, agent }: { props: AppProps; token: string; agent: SessionAgent }) {
  const { telephony, session, config, queryClient, storage } = props;
  const endSession = useCallback(
    (reason: SessionEndReason) => {
      session.end(reason);
      queryClient.clear();
    },
    [session, queryClient],
  );
  const logout = useCallback(async () => {
    // Tell the cti-server first, so routing stops at once; then revoke the session (which closes the socket).
    // Only the connection that holds the phone speaks for the agent: logging out a tab or machine that
    // merely follows must not set the agent Offline under the one taking calls.
    if (telephony.store.getState().session?.phone) {
      await Promise.race([telephony.actions.setState('offline').catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000))]);
    }
    await session.logout();
    queryClient.clear();
  }, [session, queryClient, telephony]);
  useTelephonyConnection(telephony, config.ctiUrl, session, endSession, props.WebSocketImpl);
  useSessionRenewal(session, telephony);
  useEndSessionOnUnauthorized(queryClient, endSession);
  // One workspace store per agent: drafts persist per agent on this machine.
  const workspace = useMemo(
    () => createWorkspaceStore({ storage, storageKey: `octopus.workspace.${agent.id}`, ...(props.tabId ? { tabId: props.tabId } : {}) }),
    [storage, agent.id, props.tabId],
  );
  useEffect(() => () => workspace.dispose(), [workspace]);
  const api = useMemo(
    () =>
      createShellApi({
        baseUrl: config.apiUrl,
        getToken: () => session.getState().token,
        onUnauthorized: () => endSession('ended'),
        // Reads wait for the next paint (a ring's first frame shows the caller before any request is built).
        fetchImpl: fetchAfterPaint(props.afterPaint ?? runNow, props.fetchImpl),
      }),
    [config.apiUrl, session, endSession, props.fetchImpl, props.afterPaint],
  );
  return (
    <ShellContextProvider value={{ apiUrl: config.apiUrl, ctiUrl: config.ctiUrl, token }}>
      <ShellApiProvider api={api}>
        <WorkspaceProvider store={workspace}>
          <Workbench runtime={props.runtime} registryUrl={props.registryUrl} registryPollMs={props.registryPollMs} agent={agent} onLogout={logout} />
        </WorkspaceProvider>
      </ShellApiProvider>
    </ShellContextProvider>
  );
}

function Root(props: AppProps) {
  const { token, agent } = useStore(props.session);
  if (!token || !agent) return <LoginPage session={props.session} />;
  return <LoggedIn key={agent.id} props={props} token={token} agent={agent} />;
}

/** Providers the shell owns and shares with every remote: the QueryClient, the telephony store, theme and locale. */
export function App(props: AppProps) {
  return (
    <QueryClientProvider client={props.queryClient}>
      <TelephonyProvider client={props.telephony}>
        <OctopusUiProvider locale={props.locale}>
          <AfterPaintProvider value={props.afterPaint ?? runNow}>
            <DocumentLanguage />
            <Root {...props} />
          </AfterPaintProvider>
        </OctopusUiProvider>
      </TelephonyProvider>
    </QueryClientProvider>
  );
}
