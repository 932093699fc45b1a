import { act, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { OctopusUiProvider } from './OctopusUiProvider';
import { RemotePanelFrame } from './RemotePanelFrame';
import { TEXT_WRAP_STYLE } from './text-wrap';

describe('<RemotePanelFrame>: long words', () => {
  it('is every remote’s root, and lets a 400-character word wrap instead of widening the page', async () => {
    const word = 'x'.repeat(400);
    await act(async () => {
      render(
        <QueryClientProvider client={new QueryClient()}>
          <OctopusUiProvider locale="en-US">
            <div style={{ display: 'flex' }}>
              <RemotePanelFrame name="tickets" version="1.2.3">
                <p>{word}</p>
              </RemotePanelFrame>
            </div>
          </OctopusUiProvider>
        </QueryClientProvider>,
      );
    });
    const root = document.querySelector<HTMLElement>('[data-remote="tickets"]')!;
    expect(root).toContainElement(screen.getByText(word));
    // Inherited by all the remote renders; min-width:0 lets the frame shrink as a flex child.
    expect(root).toHaveStyle({ overflowWrap: 'anywhere', wordBreak: 'break-word', minWidth: '0', maxWidth: '100%' });
  });

  it('exports the same rules for the shell and standalone pages', () => {
    expect(TEXT_WRAP_STYLE).toEqual({ overflowWrap: 'anywhere', wordBreak: 'break-word', minWidth: 0 });
  });
});
