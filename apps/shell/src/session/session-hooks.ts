import { useEffect } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { isApiError } from '@octopus/api-client';
import type { TelephonyClient } from '@octopus/telephony';
import { renewTelephonySession } from '../telephony/telephony-adapter';
import { startSessionRenewal, trackLastInput } from './session-renewal';
import type { SessionEndReason, SessionStore } from './session-store';

/** True for the api's answer to a token whose session is over (401 `session_ended`, or any 401: expired, revoked). */
export function isSessionEndedError(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

/** Silent renewal while the agent works (input in the last 10 minutes, or a call in progress). */
export function useSessionRenewal(session: SessionStore, telephony: TelephonyClient): void {
  useEffect(() => {
    const input = trackLastInput(window);
    const stop = startSessionRenewal({
      session,
      lastInputAt: input.lastInputAt,
      callInProgress: () => [...telephony.store.getState().calls.values()].some((call) => call.state !== 'ended'),
      renewTelephony: (token) => renewTelephonySession(telephony.actions, token),
    });
    return () => {
      stop();
      input.stop();
    };
  }, [session, telephony]);
}

/**
 * Any query or mutation of the shell or a remote (one shared QueryClient) that the api answers 401
 * ends the session here too: back to the login page with a message, instead of a page of errors.
 */
export function useEndSessionOnUnauthorized(queryClient: QueryClient, onEnd: (reason: SessionEndReason) => void): void {
  useEffect(() => {
    const queries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && isSessionEndedError(event.action.error)) onEnd('ended');
    });
    const mutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error' && isSessionEndedError(event.action.error)) onEnd('ended');
    });
    return () => {
      queries();
      mutations();
    };
  }, [queryClient, onEnd]);
}
