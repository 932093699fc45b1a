import { createRoot } from 'react-dom/client';
import { loadAllowedOrigins } from './allowed-origins';
import { EmbedApp } from './EmbedApp';

// Baked in at build time (apps/finance/webpack.config.ts, OCTOPUS_EMBED_ALLOWED_ORIGINS): used when the
// page's server does not publish the list at runtime. Never taken from the URL.
const buildTimeOrigins = (process.env.OCTOPUS_EMBED_ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);

async function start(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('the embed page needs a #root element');
  const allowedOrigins = await loadAllowedOrigins(window.location.href, buildTimeOrigins);
  createRoot(container).render(<EmbedApp allowedOrigins={allowedOrigins} search={window.location.search} />);
}

void start();
