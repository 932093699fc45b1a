import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * The embedded (PGlite) database is one process's folder: a second process opening it (a CLI while
 * the api runs) sees a stale copy and its writes are lost. The owner holds `<dataDir>.lock`, a file
 * with its pid and role; another process refuses while that pid is alive. A lock left by a process
 * that died (kill -9) is taken over. Beside a PostgreSQL database (`DATABASE_URL`) nothing is locked.
 */
export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: { pid: number; role: string },
  ) {
    super(
      `the embedded database ${lockFile.replace(/\.lock$/, '')} is in use by ${holder.role} (pid ${holder.pid}): ` +
        (holder.role === 'the api' ? 'stop the api first, or run against PostgreSQL with DATABASE_URL' : 'wait for it to finish'),
    );
    this.name = 'DataDirLockedError';
  }
}

export function lockFileFor(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): { pid: number; role: string } | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; role?: unknown };
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, role: typeof parsed.role === 'string' ? parsed.role : 'another process' } : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock of the embedded database folder `dataDir` for this process (`role` names it in the
 * refusal others get). @returns release(), idempotent. @throws DataDirLockedError while a live process holds it.
 */
export function lockDataDir(dataDir: string, role: string): () => void {
  const file = lockFileFor(dataDir);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, role, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new DataDirLockedError(file, holder);
      if (holder?.pid === process.pid) throw new DataDirLockedError(file, holder);
      // Stale (its process is gone) or unreadable: remove and try again.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

/**
 * Creates the embedded database folder 0700 and tightens what is already in it (folders 0700, files
 * 0600): it holds every customer's data. The folder's 0700 is what keeps other users out of files
 * created later (PGlite creates them 0666 regardless of the umask).
 */
export function restrictDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const walk = (dir: string): void => {
    chmodSync(dir, 0o700);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && (statSync(full).mode & 0o077) !== 0) chmodSync(full, 0o600);
    }
  };
  walk(dataDir);
}
