import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Providers, testProps } from '../test-helpers';
import { RemoteLoaderProvider } from '../RemoteLoaderContext';
import type { RemoteLoader } from '../remote-loader';
import { IframeRemoteSlot } from './IframeRemoteSlot';
import { childMessage } from './protocol';

describe('<IframeRemoteSlot>', () => {
  it('falls back with Retry when the page never announces itself, and Retry reloads it', async () => {
    await act(async () => {
      render(
        <Providers>
          <IframeRemoteSlot name="finance" src="http://localhost:3003/0.1.0/embed.html" allowedOrigin="http://localhost:3003" props={testProps} readyTimeoutMs={100} />
        </Providers>,
      );
    });
    expect(document.querySelector('[data-iframe-state="loading"] iframe')).not.toBeNull();
    await waitFor(() => expect(document.querySelector('[data-remote-fallback="finance"]')).toHaveAttribute('data-failure-stage', 'timeout'));
    expect(screen.getByRole('alert')).toHaveTextContent('did not answer within 0.1 s');
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    });
    expect(document.querySelector('[data-iframe-state="loading"] iframe')).not.toBeNull();
  });
});

describe('<IframeRemoteSlot> when the registry moves the page', () => {
  const OLD = 'http://elsewhere.test:3303';
  const NEW = 'http://localhost:3003';

  it('sends the current context to the page at its new origin once it announces itself', async () => {
    const view = render(<IframeRemoteSlot name="finance" src={`${OLD}/0.1.0/embed.html`} allowedOrigin={OLD} props={{ ...testProps, callId: 'call-7' }} />);
    view.rerender(<IframeRemoteSlot name="finance" src={`${NEW}/0.1.0/embed.html`} allowedOrigin={NEW} props={{ ...testProps, callId: 'call-7' }} />);
    const child = view.container.querySelector('iframe')!.contentWindow!;
    const post = jest.spyOn(child, 'postMessage').mockImplementation(() => undefined);
    act(() => window.dispatchEvent(new MessageEvent('message', { data: childMessage('ready', { name: 'finance' }), origin: NEW, source: child })));
    expect(post).toHaveBeenLastCalledWith(expect.objectContaining({ type: 'context', payload: expect.objectContaining({ callId: 'call-7' }) }), NEW);
    expect(view.container.querySelector('[data-iframe-state="ready"]')).not.toBeNull();
  });

  it('Retry re-reads the registry through the loader before reloading the page', async () => {
    const retried: string[] = [];
    const loader = { retry: async (name: string) => void retried.push(name) } as unknown as RemoteLoader;
    await act(async () => {
      render(
        <Providers>
          <RemoteLoaderProvider loader={loader}>
            <IframeRemoteSlot name="finance" src={`${OLD}/0.1.0/embed.html`} allowedOrigin={OLD} props={testProps} readyTimeoutMs={100} />
          </RemoteLoaderProvider>
        </Providers>,
      );
    });
    await waitFor(() => expect(document.querySelector('[data-remote-fallback="finance"]')).not.toBeNull());
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    });
    expect(retried).toEqual(['finance']);
    await waitFor(() => expect(document.querySelector('[data-iframe-state="loading"] iframe')).not.toBeNull());
  });
});
