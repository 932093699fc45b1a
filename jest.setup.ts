// Shared test setup: DOM matchers, and the browser APIs antd needs that jsdom lacks.
import '@testing-library/jest-dom';
import { REMOTE_CONTRACT_VERSION } from './packages/contracts/src/remote/version';

// What a remote's webpack build defines (DefinePlugin): the contract of the @octopus/contracts it compiles against.
process.env.OCTOPUS_CONTRACT_VERSION ??= REMOTE_CONTRACT_VERSION;

// A loaded 2-core machine (CI runs two jest workers beside servers they start) is slow: a ceiling against hangs,
// not a speed target. Speed targets live in `pnpm bench`.
jest.setTimeout(30_000);

if (typeof window !== 'undefined') {
  // findBy*/waitFor give up after 1 s by default: on a loaded 2-core CI machine antd renders take longer.
  // A ceiling, not a speed target: waits still end as soon as their condition holds.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rtl = require('@testing-library/react') as { configure(options: { asyncUtilTimeout: number }): void };
  rtl.configure({ asyncUtilTimeout: 10_000 });

  if (!window.matchMedia) {
    window.matchMedia = (query: string): MediaQueryList =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList;
  }
  if (typeof globalThis.MessageChannel === 'undefined') {
    // jsdom has none; antd's form scheduling only needs async delivery between the two ports.
    class MessagePortStub {
      onmessage: ((event: { data: unknown }) => void) | null = null;
      other: MessagePortStub | null = null;
      postMessage(data: unknown) {
        setTimeout(() => this.other?.onmessage?.({ data }), 0);
      }
      close() {}
    }
    class MessageChannelStub {
      port1 = new MessagePortStub();
      port2 = new MessagePortStub();
      constructor() {
        this.port1.other = this.port2;
        this.port2.other = this.port1;
      }
    }
    (globalThis as unknown as { MessageChannel: unknown }).MessageChannel = MessageChannelStub;
  }
  if (!('ResizeObserver' in window)) {
    class ResizeObserverStub {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    }
    (window as unknown as { ResizeObserver: unknown }).ResizeObserver = ResizeObserverStub;
  }
  // antd measures scrollbars through getComputedStyle with a pseudo element, which jsdom does not implement.
  const originalGetComputedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element, pseudo?: string | null) => originalGetComputedStyle(element, pseudo ? undefined : pseudo);
}
