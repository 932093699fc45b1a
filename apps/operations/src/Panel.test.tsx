import { fireEvent, screen } from '@testing-library/react';
import { makeProps, renderPanel } from '@octopus/remote-kit/testing';
import { OperationsPanel } from './Panel';
import { SCREENS, screenTitles } from './screens';

jest.setTimeout(20_000);

describe('operations panel', () => {
  it('lists every screen of screens.tsx as a tab, titled in the page language, and opens the first lazily', async () => {
    await renderPanel(OperationsPanel, makeProps({ locale: 'en-US', callId: null, customer: null }));
    for (const { title } of SCREENS) expect(screen.getByRole('tab', { name: title['en-US'] })).toBeInTheDocument();
    expect(await screen.findByTestId('operations-board')).toBeInTheDocument();
    expect(document.querySelector('[data-remote="operations"]')).not.toBeNull();
  });

  it('titles the screens in zh-CN by default', async () => {
    await renderPanel(OperationsPanel, makeProps({ callId: null, customer: null }));
    fireEvent.click(screen.getByRole('tab', { name: screenTitles.board!['zh-CN'] }));
    expect(screen.getByRole('tab', { name: '实时监控' })).toBeInTheDocument();
  });

  it('gives each screen its own folder key, unique', () => {
    const keys = SCREENS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z][a-z0-9-]*$/);
  });
});
