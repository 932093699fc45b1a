// Test helpers for the iframe integration (a host page and the remote's iframe page): a complete context
// and a stand-in for the other window. Not part of any production bundle (`@octopus/federation/testing`).
import type { IframeContext } from '../iframe/protocol';

/**
 * A complete `IframeContext`: call `call-1`, verified customer U0000001 (13800138000), en-US, agent 1001,
 * api `http://localhost:4100` with token `agent-token` and grant `grant-token`. `overrides` replace whole fields.
 */
export function iframeContext(overrides: Partial<IframeContext> = {}): IframeContext {
  return {
    callId: 'call-1',
    customer: { userId: 'U0000001', phone: '13800138000', verification: { status: 'verified', method: 'ivr-phone' } },
    locale: 'en-US',
    api: { baseUrl: 'http://localhost:4100', token: 'agent-token', grant: 'grant-token' },
    agent: { id: '1001', name: 'Agent' },
    ...overrides,
  };
}

/** Another window (an iframe's, appended to the document): a `source` for messages that is not this window. */
export function otherWindow(): Window {
  const frame = document.createElement('iframe');
  document.body.appendChild(frame);
  return frame.contentWindow!;
}

/** Delivers `data` to this window as a `message` event from `origin` and `source`, as postMessage would. */
export function deliverMessage(data: unknown, origin: string, source: Window | null): void {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
}
