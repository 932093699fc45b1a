import { screen } from '@testing-library/react';
import { createHarness, renderWith } from '../test-utils';
import { RemoteHealthPage } from './RemoteHealthPage';

describe('<RemoteHealthPage>', () => {
  it('shows per remote, release and track the loads, success rate and p95 load time', async () => {
    const harness = createHarness();
    harness.api.remoteLoads = {
      windowMinutes: 60,
      rows: [
        { remote: 'tickets', version: '0.1.0', track: 'stable', loads: 40, failures: 0, successRate: 1, p95Ms: 212 },
        { remote: 'tickets', version: '0.2.0', track: 'canary', loads: 8, failures: 2, successRate: 0.75, p95Ms: null },
      ],
    };
    await renderWith(harness, <RemoteHealthPage role="supervisor" />);
    const canary = await screen.findByText('75.0%');
    const row = canary.closest('[data-remote-load]')!;
    expect(row.getAttribute('data-remote-load')).toBe('tickets@0.2.0:canary');
    expect(row.textContent).toContain('—');
    const stable = document.querySelector('[data-remote-load="tickets@0.1.0:stable"]')!;
    expect(stable.textContent).toContain('100.0%');
    expect(stable.textContent).toContain('212 ms');
  });

  it('is not offered to agents', async () => {
    await renderWith(createHarness(), <RemoteHealthPage role="agent" />);
    expect(screen.queryByTestId('remote-health')).toBeNull();
  });
});
