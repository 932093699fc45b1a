import { defineRemoteConfig } from '../../webpack.shared';

export default defineRemoteConfig({
  appDir: __dirname,
  remote: 'service-track',
  port: Number(process.env.REMOTE_PORT ?? 3004),
  exposes: { './Panel': './src/Panel.tsx' },
});
