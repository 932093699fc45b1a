import { defineRemoteConfig } from '../../webpack.shared';

export default defineRemoteConfig({
  appDir: __dirname,
  remote: 'operations',
  port: Number(process.env.REMOTE_PORT ?? 3005),
  exposes: { './Panel': './src/Panel.tsx' },
});
