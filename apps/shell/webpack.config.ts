import path from 'node:path';
import { defineHostConfig } from '../../webpack.shared';

export default defineHostConfig({
  appDir: __dirname,
  name: 'octopus_shell',
  port: Number(process.env.SHELL_PORT ?? 3000),
  title: 'Octopus 客服工作台',
  pageCss: path.join(__dirname, 'src/page.css'),
  runtimePlugins: [path.resolve(__dirname, '../../packages/federation/src/runtime-plugin.ts')],
});
