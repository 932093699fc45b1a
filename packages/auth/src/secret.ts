import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OctopusMode } from '@octopus/contracts';

/** The one `OctopusMode` type, defined in @octopus/contracts (a type-only import: no zod at run time). */
export type { OctopusMode };

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

/** Estimated entropy (bits) a secret must carry at least. */
export const MIN_SECRET_ENTROPY_BITS = 128;

/** The secret that shipped in the repository before issue 8: refused in any form. */
const OLD_PUBLIC_SECRET = 'octopus-dev-secret';

/**
 * Why `secret` is not strong enough, or null. It must decode (hex, base64/base64url, or as raw
 * text) to at least 32 bytes, not contain the old public secret (`octopus-dev-secret…`), not be one
 * shorter pattern repeated (any period up to half its length), and carry at least 128 bits by a
 * character-frequency estimate (length × Shannon entropy per character): a structured phrase or a
 * pattern padded to length fails, `openssl rand -hex 32` or `-base64 32` passes.
 */
export function secretProblem(secret: string): string | null {
  if (secret.toLowerCase().includes(OLD_PUBLIC_SECRET)) return 'is the old public secret (octopus-dev-secret…), which anyone can read';
  if (secretBytes(secret) < MIN_SECRET_BYTES) {
    return `must carry at least ${MIN_SECRET_BYTES} random bytes (e.g. \`openssl rand -hex 32\`)`;
  }
  if (new Set(secret).size < 8) return 'is not random: too few distinct characters';
  const period = repeatPeriod(secret);
  if (period !== null) return `is not random: a ${period}-character pattern repeated`;
  if (estimatedEntropyBits(secret) < MIN_SECRET_ENTROPY_BITS) {
    return `is not random: about ${Math.floor(estimatedEntropyBits(secret))} bits of entropy, needs ${MIN_SECRET_ENTROPY_BITS} (e.g. \`openssl rand -hex 32\`)`;
  }
  return null;
}

/** The shortest period p ≤ length/2 with secret[i] = secret[i+p] for every i, or null (KMP prefix function). */
function repeatPeriod(secret: string): number | null {
  const chars = [...secret];
  const n = chars.length;
  const prefix = new Array<number>(n).fill(0);
  for (let i = 1; i < n; i++) {
    let k = prefix[i - 1] as number;
    while (k > 0 && chars[i] !== chars[k]) k = prefix[k - 1] as number;
    if (chars[i] === chars[k]) k++;
    prefix[i] = k;
  }
  const period = n - (prefix[n - 1] ?? 0);
  return n > 0 && period <= n / 2 ? period : null;
}

/** length × Shannon entropy of the character distribution (bits): a distinct-character estimate. */
function estimatedEntropyBits(secret: string): number {
  const chars = [...secret];
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * chars.length;
}

/** Bytes a secret stands for: hex counts half its length, base64 three quarters, anything else its UTF-8 size. */
function secretBytes(secret: string): number {
  if (/^[0-9a-f]+$/i.test(secret) && secret.length % 2 === 0) return secret.length / 2;
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(secret)) return Math.floor((secret.replace(/=+$/, '').length * 3) / 4);
  return Buffer.byteLength(secret, 'utf8');
}

/** Where `resolveTokenSecret` looks: the mode, the data folder and the environment (default `process.env`). */
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
  // The data root holds the secret and (embedded) every customer's data: its owner only.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
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
