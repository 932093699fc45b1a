import { defineRemoteConfig } from '../../webpack.shared';

export default defineRemoteConfig({
  appDir: __dirname,
  remote: 'finance',
  port: Number(process.env.REMOTE_PORT ?? 3003),
  exposes: { './Panel': './src/Panel.tsx' },
});
