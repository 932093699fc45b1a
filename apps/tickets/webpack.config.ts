import { defineRemoteConfig } from '../../webpack.shared';

export default defineRemoteConfig({
  appDir: __dirname,
  remote: 'tickets',
  port: Number(process.env.REMOTE_PORT ?? 3001),
  exposes: { './Panel': './src/Panel.tsx' },
});
