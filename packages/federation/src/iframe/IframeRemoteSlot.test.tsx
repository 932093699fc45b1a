import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Providers, testProps } from '../test-helpers';
import { IframeRemoteSlot } from './IframeRemoteSlot';

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
