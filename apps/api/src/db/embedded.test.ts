import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataDirLockedError, lockDataDir, lockFileFor, restrictDataDir } from './embedded';

const fresh = (): string => path.join(mkdtempSync(path.join(tmpdir(), 'octopus-lock-')), 'api');

describe('embedded data folder lock', () => {
  it('is exclusive while its holder lives, released on close', () => {
    const dir = fresh();
    const release = lockDataDir(dir, 'the api');
    expect(() => lockDataDir(dir, 'pnpm agents')).toThrow(DataDirLockedError);
    release();
    expect(existsSync(lockFileFor(dir))).toBe(false);
    lockDataDir(dir, 'pnpm agents')();
  });

  it('refuses while another live process holds it, naming it; takes over a lock whose process died', async () => {
    const dir = fresh();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(lockFileFor(dir), JSON.stringify({ pid: child.pid, role: 'the api' }));
      expect(() => lockDataDir(dir, 'pnpm audit-log')).toThrow(new RegExp(`in use by the api \\(pid ${child.pid}\\): stop the api first, or run against PostgreSQL with DATABASE_URL`));
      writeFileSync(lockFileFor(dir), JSON.stringify({ pid: child.pid, role: 'pnpm agents' }));
      expect(() => lockDataDir(dir, 'the api')).toThrow(/in use by pnpm agents .*wait for it to finish/);
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    // Its process is gone (kill -9 left the file behind): stale, taken over.
    const release = lockDataDir(dir, 'the api');
    release();
  });

  it('restricts the folder to 0700 and its files to 0600', () => {
    const dir = fresh();
    mkdirSync(path.join(dir, 'base'), { recursive: true, mode: 0o755 });
    writeFileSync(path.join(dir, 'base', 'table'), 'x', { mode: 0o666 });
    restrictDataDir(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, 'base')).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, 'base', 'table')).mode & 0o777).toBe(0o600);
  });
});
