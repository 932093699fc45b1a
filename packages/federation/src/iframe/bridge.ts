import type { OpenTicketRequest } from '@octopus/contracts';
import { createOriginCheck, normalizeOrigin } from './origin';
import {
  childMessage,
  childMessageSchema,
  hostMessage,
  hostMessageSchema,
  type IframeAction,
  type IframeContext,
} from './protocol';

/** The slice of `window` the bridges use: tests pass a jsdom window, pages the real one. */
type MessageWindow = Pick<Window, 'addEventListener' | 'removeEventListener'>;

/** How the host side of an iframe remote is wired: whom it talks to and what it does with the page's messages. */
export interface IframeHostBridgeOptions {
  /** The iframe's window: messages must come from it, and the context goes only to it. */
  target: () => Window | null;
  /** The iframe page's origin (e.g. `http://localhost:3003`): the only origin heard and written to. */
  allowedOrigin: string;
  onAction?: (action: IframeAction) => void;
  onResize?: (height: number) => void;
  /** Called when the page announces itself (it then gets the latest context). */
  onReady?: (name: string) => void;
  /** Where to listen; the host's own window by default. */
  window?: MessageWindow;
}

/** The host side of an iframe remote (see `createIframeHostBridge`). */
export interface IframeHostBridge {
  /** Sends (and remembers) the context; re-sent to the page whenever it says it is ready (reloads included). */
  sendContext(context: IframeContext): void;
  destroy(): void;
}

/**
 * Listens for the page's `ready`, `action` and `resize` messages (only from `target()` at `allowedOrigin`;
 * anything else, or malformed, is ignored) and posts the context to it at that exact origin. `destroy` stops listening.
 * @throws Error when `allowedOrigin` is not an exact http(s) origin (`*` and `null` included).
 */
export function createIframeHostBridge(options: IframeHostBridgeOptions): IframeHostBridge {
  const origin = normalizeOrigin(options.allowedOrigin);
  if (!origin) throw new Error(`iframe bridge: "${options.allowedOrigin}" is not an allowed origin (give an exact http(s) origin)`);
  const listenOn = options.window ?? window;
  let latest: IframeContext | null = null;

  const post = () => {
    const target = options.target();
    // Exact targetOrigin: if the frame navigated elsewhere, the browser drops the message (and the token with it).
    if (target && latest) target.postMessage(hostMessage('context', latest), origin);
  };

  const onMessage = (event: MessageEvent) => {
    if (normalizeOrigin(event.origin) !== origin) return;
    if (event.source === null || event.source !== options.target()) return;
    const parsed = childMessageSchema.safeParse(event.data);
    if (!parsed.success) return;
    const message = parsed.data;
    if (message.type === 'ready') {
      options.onReady?.(message.payload.name);
      post();
    } else if (message.type === 'action') options.onAction?.(message.payload);
    else options.onResize?.(message.payload.height);
  };
  listenOn.addEventListener('message', onMessage);

  return {
    sendContext(context) {
      latest = context;
      post();
    },
    destroy() {
      listenOn.removeEventListener('message', onMessage);
      latest = null;
    },
  };
}

/** How the page side of an iframe remote is wired: which hosts may embed it, its name and the context callback. */
export interface IframeChildBridgeOptions {
  /** Host origins this page may be embedded by (build-time allow-list). */
  allowedOrigins: readonly string[];
  /** Its name in `ready`, for the host's logs. */
  name: string;
  onContext: (context: IframeContext) => void;
  /** The page's window (listen here) and its parent (the host); the real ones by default. */
  window?: MessageWindow;
  parent?: () => Window | null;
}

/**
 * The page side of an iframe remote: host actions as messages (see `createIframeChildBridge`). A message sent
 * before the host's first context is dropped, except `ready`.
 */
export interface IframeChildBridge {
  /** Announces the page; the host answers with the context. Called once at creation. */
  ready(): void;
  dial(phone: string): void;
  openTicket(request: OpenTicketRequest): void;
  showMessage(kind: 'info' | 'success' | 'warning' | 'error', text: string): void;
  resize(height: number): void;
  /** The host origin the context came from, once one did. */
  hostOrigin(): string | null;
  destroy(): void;
}

/**
 * Listens for the host's context (only from the parent window at an allowed origin, then pinned to that origin)
 * and announces the page (`ready`) at once. `showMessage` text is cut to 500 characters; `resize` heights are
 * rounded up to whole px. Never throws; a page not in a frame sends nothing.
 */
export function createIframeChildBridge(options: IframeChildBridgeOptions): IframeChildBridge {
  const allowed = createOriginCheck(options.allowedOrigins);
  const origins = options.allowedOrigins.map(normalizeOrigin).filter((o): o is string => o !== null);
  const listenOn = options.window ?? window;
  const parent = options.parent ?? (() => (window.parent === window ? null : window.parent));
  // Pinned to the first allowed origin that sent a context: later messages go there only.
  let host: string | null = null;

  const send = (message: ReturnType<typeof childMessage>) => {
    const target = parent();
    if (!target) return;
    if (host) target.postMessage(message, host);
    // Before a context arrives we do not know which allowed host embeds us; a wrong targetOrigin is dropped by the browser.
    else if (message.type === 'ready') for (const origin of origins) target.postMessage(message, origin);
  };

  const onMessage = (event: MessageEvent) => {
    if (!allowed(event.origin)) return;
    if (event.source === null || event.source !== parent()) return;
    if (host !== null && normalizeOrigin(event.origin) !== host) return;
    const parsed = hostMessageSchema.safeParse(event.data);
    if (!parsed.success) return;
    host = normalizeOrigin(event.origin);
    options.onContext(parsed.data.payload);
  };
  listenOn.addEventListener('message', onMessage);

  const bridge: IframeChildBridge = {
    ready: () => send(childMessage('ready', { name: options.name })),
    dial: (phone) => send(childMessage('action', { action: 'dial', phone })),
    openTicket: (request) => send(childMessage('action', { action: 'openTicket', ...request })),
    showMessage: (kind, text) => send(childMessage('action', { action: 'showMessage', kind, text: text.slice(0, 500) })),
    resize: (height) => send(childMessage('resize', { height: Math.max(0, Math.ceil(height)) })),
    hostOrigin: () => host,
    destroy: () => listenOn.removeEventListener('message', onMessage),
  };
  bridge.ready();
  return bridge;
}
