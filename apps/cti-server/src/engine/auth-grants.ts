// The default grant signer: `@octopus/auth` tokens (HS256, the secret shared with the api).
import { signToken, verifyTokenOfKind, type GrantClaims } from '@octopus/auth';
import type { GrantSigner } from './ports';

/** How `authGrants` signs: the shared secret and the grants' lifetime. */
export interface AuthGrantsOptions {
  /** The token secret shared with the api (`resolveTokenSecret`). */
  secret: string;
  /** How long a grant is valid, in seconds (the api also refuses it once the leg's grant end is reported). Default 1800. */
  ttlSeconds?: number;
}

/** Grants and proof checks with `@octopus/auth` (what the api verifies); wired at the composition root. */
export function authGrants(options: AuthGrantsOptions): GrantSigner {
  const ttlSeconds = options.ttlSeconds ?? 1800;
  return {
    // Wall-clock time, not the engine clock: the api verifies grants against its own clock.
    sign: (request) => signToken<GrantClaims>({ kind: 'grant', ...request }, { secret: options.secret, ttlSeconds }),
    verificationProven(proof, expected) {
      try {
        const claims = verifyTokenOfKind(proof, 'verification', { secret: options.secret });
        return claims.callId === expected.callId && claims.agentId === expected.agentId && claims.userId === expected.userId;
      } catch {
        return false;
      }
    },
  };
}
