import { createRoot } from 'react-dom/client';
import type { RemoteModule } from '@octopus/contracts';
import { StandaloneHarness, type StandaloneHarnessProps } from './StandaloneHarness';

/** Entry for a remote's own dev page (`pnpm --filter <remote> dev`). */
export function mountStandalone(remote: RemoteModule, options: Omit<StandaloneHarnessProps, 'remote'> = {}): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('the harness page needs a #root element');
  createRoot(container).render(<StandaloneHarness remote={remote} {...options} />);
}
