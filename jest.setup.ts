// Shared test setup: DOM matchers, and the browser APIs antd needs that jsdom lacks.
import '@testing-library/jest-dom';

if (typeof window !== 'undefined') {
  // antd in jsdom on a loaded 2-core machine is slow: a ceiling against hangs, not a speed target.
  jest.setTimeout(30_000);

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
