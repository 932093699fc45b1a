import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Same values as `octopusModeSchema` in @octopus/contracts. */
export type OctopusMode = 'demo' | 'test' | 'production';

/** Bytes of entropy a production secret must carry at least (HS256 key size, RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

/** File (inside the data folder) holding the generated demo/test secret. */
export const SECRET_FILE = 'token-secret';

/**
 * `OCTOPUS_MODE` (`demo` | `test` | `production`; default `demo`). `NODE_ENV` is ignored on purpose:
 * build tools set it, and a production build must not silently change who may sign tokens.
 * @throws Error on any other value.
 */
export function modeFromEnv(env: NodeJS.ProcessEnv = process.env): OctopusMode {
  const raw = env.OCTOPUS_MODE ?? 'demo';
  if (raw === 'demo' || raw === 'test' || raw === 'production') return raw;
  throw new Error(`OCTOPUS_MODE must be demo, test or production, got "${raw}"`);
}

/**
 * Why `secret` is not strong enough, or null. It must decode (hex, base64/base64url, or as raw
 * text) to at least 32 bytes and not be one short pattern repeated.
 */
export function secretProblem(secret: string): string | null {
  if (secretBytes(secret) < MIN_SECRET_BYTES) {
    return `must carry at least ${MIN_SECRET_BYTES} random bytes (e.g. \`openssl rand -hex 32\`)`;
  }
  if (new Set(secret).size < 8) return 'is not random: too few distinct characters';
  return null;
}

/** Bytes a secret stands for: hex counts half its length, base64 three quarters, anything else its UTF-8 size. */
function secretBytes(secret: string): number {
  if (/^[0-9a-f]+$/i.test(secret) && secret.length % 2 === 0) return secret.length / 2;
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(secret)) return Math.floor((secret.replace(/=+$/, '').length * 3) / 4);
  return Buffer.byteLength(secret, 'utf8');
}

export interface ResolveSecretOptions {
  mode: OctopusMode;
  /** The shared data folder (both services read the same file). Default `<cwd>/.data`. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The token secret both services sign and verify with.
 * - `OCTOPUS_TOKEN_SECRET`, when set, in every mode (checked by `secretProblem`).
 * - production: nothing else; throws when it is missing or weak.
 * - demo/test: else `<dataDir>/token-secret`, generated (32 random bytes, hex, mode 0600) on first start.
 * There is no built-in default: no start path runs with a secret anyone else knows.
 * @throws Error naming the problem (missing or weak secret in production; weak secret in any mode).
 */
export function resolveTokenSecret(options: ResolveSecretOptions): string {
  const env = options.env ?? process.env;
  const given = env.OCTOPUS_TOKEN_SECRET;
  if (given) {
    const problem = secretProblem(given);
    if (problem) throw new Error(`OCTOPUS_TOKEN_SECRET ${problem}`);
    return given;
  }
  if (options.mode === 'production') {
    throw new Error(`production mode needs OCTOPUS_TOKEN_SECRET (at least ${MIN_SECRET_BYTES} random bytes, e.g. \`openssl rand -hex 32\`)`);
  }
  const dir = path.resolve(options.dataDir ?? '.data');
  const file = path.join(dir, SECRET_FILE);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (!secretProblem(stored)) return stored;
  }
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(MIN_SECRET_BYTES).toString('hex');
  // `wx` fails if another service wrote it first: then read theirs, so both share one secret.
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: existsSync(file) ? 'w' : 'wx' });
    chmodSync(file, 0o600);
    return secret;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}

/** A fresh random secret (tests, and `pnpm agents` hints). */
export function randomSecret(): string {
  return randomBytes(MIN_SECRET_BYTES).toString('hex');
}
