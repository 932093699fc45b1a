import { createRoot } from 'react-dom/client';
import { EmbedApp } from './EmbedApp';

// Set at build time (apps/finance/webpack.config.ts, OCTOPUS_EMBED_ALLOWED_ORIGINS): never taken from the URL.
const allowedOrigins = (process.env.OCTOPUS_EMBED_ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);

const container = document.getElementById('root');
if (!container) throw new Error('the embed page needs a #root element');
createRoot(container).render(<EmbedApp allowedOrigins={allowedOrigins} search={window.location.search} />);
