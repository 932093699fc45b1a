import webpack, { type Configuration } from 'webpack';
import { embedAllowedOrigins } from '../../scripts/lib/origins';
import { defineRemoteConfig } from '../../webpack.shared';

// Host origins allowed to embed the iframe page (embed.html) and send it the customer context: fixed at
// build time, never read from the page URL (the context carries the agent's token). The same list is the
// page's frame-ancestors, which the static server sends at runtime (scripts/lib/security-headers.ts).
const remoteConfig = defineRemoteConfig({
  appDir: __dirname,
  remote: 'finance',
  port: Number(process.env.REMOTE_PORT ?? 3003),
  exposes: { './Panel': './src/Panel.tsx' },
  pages: {
    embed: {
      entry: './src/embed/index.ts',
      filename: 'embed.html',
      title: 'Octopus — finance',
      // The host sizes the iframe; the page is as tall as its content.
      fullHeight: false,
    },
  },
});

export default (env: unknown, argv: { mode?: 'production' | 'development' }): Configuration[] =>
  remoteConfig(env, argv).map((config) => ({
    ...config,
    plugins: [...(config.plugins ?? []), new webpack.DefinePlugin({ 'process.env.OCTOPUS_EMBED_ALLOWED_ORIGINS': JSON.stringify(embedAllowedOrigins().join(',')) })],
  }));
