import { defineRemoteConfig } from '../../webpack.shared';

export default defineRemoteConfig({
  appDir: __dirname,
  remote: 'orders',
  port: Number(process.env.REMOTE_PORT ?? 3002),
  exposes: { './Panel': './src/Panel.tsx' },
});
