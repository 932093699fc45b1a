// The running deployment's own description, written by `pnpm start` (and the e2e stack) when it is up,
// so operator tools (`pnpm registry …`) act on *that* deployment — its shell URL, its registry file,
// its remotes' ports — and never on their own defaults.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './workspace';

export interface DeploymentState {
  /** The process serving the deployment (`pnpm start`); a state whose process is gone is stale. */
  pid: number;
  startedAt: string;
  /** Public URL of the shell (serves /registry.json). */
  shellUrl: string;
  /** The registry file the shell serves (absolute), or an http(s) URL when it serves a hosted one. */
  registrySource: string;
  /** Each web app's public base URL by name (`tickets` → `http://localhost:3001`). */
  apps: Record<string, string>;
  /** The contract version the deployment's shell speaks. */
  contractVersion: string;
  /** The api's public URL (telemetry collector). */
  apiUrl?: string;
  /** The deployment's data folder root (its generated token secret lives there). */
  dataDir?: string;
}

/** Where the state lives: `OCTOPUS_DEPLOYMENT_FILE`, else `<repo>/.octopus/deployment.json`. */
export function deploymentFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.OCTOPUS_DEPLOYMENT_FILE ? path.resolve(env.OCTOPUS_DEPLOYMENT_FILE) : path.join(repoRoot, '.octopus', 'deployment.json');
}

/** Writes the state atomically (tmp + rename). */
export function writeDeploymentState(state: DeploymentState, file: string = deploymentFile()): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

/** Removes the state if it is this process's (on shutdown). */
export function clearDeploymentState(file: string = deploymentFile(), pid: number = process.pid): void {
  const state = readDeploymentState(file, { allowStale: true });
  if (state?.pid === pid) rmSync(file, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The running deployment's state, or null when none was written or its process is gone
 * (`allowStale` returns it anyway).
 */
export function readDeploymentState(file: string = deploymentFile(), options: { allowStale?: boolean } = {}): DeploymentState | null {
  if (!existsSync(file)) return null;
  let state: DeploymentState;
  try {
    state = JSON.parse(readFileSync(file, 'utf8')) as DeploymentState;
  } catch {
    return null;
  }
  if (!options.allowStale && !alive(state.pid)) return null;
  return state;
}
