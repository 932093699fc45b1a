import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id parameters. Production: OWASP Password Storage Cheat Sheet's first Argon2id option
 * (m = 19 MiB, t = 2, p = 1). `fast` (test mode only) keeps suites quick; never use it for real accounts.
 */
export const PASSWORD_HASH_PARAMS = {
  standard: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  fast: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
} as const;

/** Hashes a password with Argon2id; the PHC string carries salt and parameters. */
export function hashPassword(password: string, strength: keyof typeof PASSWORD_HASH_PARAMS = 'standard'): Promise<string> {
  return hash(password, PASSWORD_HASH_PARAMS[strength]);
}

/**
 * True when `password` matches the PHC string `passwordHash`. A malformed hash answers false
 * (never throws), so a broken row cannot become a login oracle.
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A password an account may be given: 8–256 characters, not all one character.
 * Returns the problem in words, or null when acceptable.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return 'must be at least 8 characters';
  if (password.length > 256) return 'must be at most 256 characters';
  if (new Set(password).size < 3) return 'must not repeat one or two characters';
  return null;
}

/**
 * The password of the demo accounts (1001–1008, 2001, 2002), seeded by the api in demo and test modes only
 * (never in production); the cti-server's in-memory account directory for unit tests uses the same.
 */
export const DEMO_PASSWORD = 'octopus';
