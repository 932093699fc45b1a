// `pnpm voice:start`: runs the voice path (rtpengine + Kamailio, docs/adr/0012-voice-path.md) on the
// configured ports until Ctrl+C; `pnpm start` then runs with voice.
// `pnpm voice:install` (root, Debian): installs the engines and keeps their stock services off.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startVoice, voiceConfig } from './lib/voice';

export const VOICE_PACKAGES = ['kamailio', 'kamailio-websocket-modules', 'kamailio-utils-modules', 'rtpengine-daemon', 'baresip-core', 'sip-tester', 'sox'];

function install(): void {
  if (process.getuid?.() !== 0) {
    console.error('voice:install installs Debian packages: run it as root (sudo pnpm voice:install)');
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Not the `rtpengine` metapackage: it pulls the kernel module (DKMS); userspace forwarding is enough.
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', '--no-install-recommends', ...VOICE_PACKAGES]]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  // Debian enables both daemons at install; they would hold 5060 with the stock config.
  for (const unit of ['kamailio', 'rtpengine-daemon']) {
    spawnSync('systemctl', ['disable', '--now', unit], { stdio: 'ignore' });
    spawnSync('service', [unit, 'stop'], { stdio: 'ignore' });
  }
  console.log('voice packages installed; start them with `pnpm voice:start`');
}

async function start(): Promise<void> {
  const config = voiceConfig();
  const voice = await startVoice(config, { inheritLogs: process.argv.includes('--logs'), writeState: true });
  console.log(`voice is up: agents register at ws://${config.publicHost}:${config.sipWsPort}, callers dial ${voice.sipUri}`);
  console.log(`Kamailio asks the cti-server at ${config.ctiUrl}; now run \`pnpm start\` (it picks voice up), then \`pnpm call --voice\`.`);
  const stop = () => {
    void voice.close().then(() => {
      rmSync(path.join(config.dir, 'state.json'), { force: true });
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const command = process.argv[2];
if (command === 'install') install();
else if (command === 'start')
  start().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
else {
  console.error('usage: tsx scripts/voice.ts install|start [--logs]');
  process.exit(2);
}
