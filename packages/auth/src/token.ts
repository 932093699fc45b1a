import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AgentRole } from '@octopus/contracts';

/** Claims every token carries (seconds since the epoch, as in JWT). */
export interface BaseClaims {
  iat: number;
  exp: number;
}

/**
 * An agent's token: names a server-side session (`sid`) that logout, expiry or an admin revokes.
 * Both services accept it only while that session is active (the signature alone is not enough).
 */
export interface AgentClaims extends BaseClaims {
  kind: 'agent';
  /** Agent id, e.g. "1001". */
  sub: string;
  /** Server-side session id (the api's `agent_sessions.id`). */
  sid: string;
  name: string;
  role: AgentRole;
  skillGroups: string[];
}

/** The one `AgentRole` type, defined in @octopus/contracts (a type-only import: no zod at run time). */
export type { AgentRole };

/**
 * The level a grant carries. `verified`: the caller proved the account (a server-side check passed).
 * `unverified`: the account is only *identified* (its number called, or the agent bound a searched
 * account): the api masks personal data and withholds finance. The wire name stays `unverified` so
 * remotes built against contract 1.x keep working.
 */
export type GrantLevel = 'verified' | 'unverified';

/**
 * A short-lived grant, issued by the cti-server with a call, that lets exactly one agent see one
 * customer's data while handling that call. Unverified grants make the api mask personal data.
 */
export interface GrantClaims extends BaseClaims {
  kind: 'grant';
  callId: string;
  agentId: string;
  userId: string;
  level: GrantLevel;
  /**
   * The number the caller is calling FROM on an inbound call (the network proved possession of it),
   * as the cti-server received it; null on an outbound call (the agent chose the number). The api's
   * agent phone check verifies only this number. Grants signed before this claim existed count as null.
   */
  callerNumber: string | null;
}

/**
 * Proof that the api's identity check passed for one caller on one call, handled by one agent.
 * The api issues it (`POST /identity/verify`); the cti-server requires it to raise a call to verified.
 */
export interface VerificationClaims extends BaseClaims {
  kind: 'verification';
  callId: string;
  agentId: string;
  userId: string;
  method: 'agent-confirm';
}

/** Service-to-service calls (cti-server → api). */
export interface ServiceClaims extends BaseClaims {
  kind: 'service';
  sub: string;
}

/** Every kind of token Octopus signs (told apart by `kind`); `iat`/`exp` in epoch seconds. */
export type TokenClaims = AgentClaims | GrantClaims | ServiceClaims | VerificationClaims;
type Unsigned<T> = T extends BaseClaims ? Omit<T, 'iat' | 'exp'> : never;

/**
 * Why a token was refused: `code` `malformed` (not a compact HS256 JWT of ours, or incomplete claims),
 * `bad-signature`, `expired` (`exp` at or before now) or `wrong-kind`. Thrown by `verifyToken`, `verifyTokenOfKind`.
 */
export class TokenError extends Error {
  constructor(
    message: string,
    readonly code: 'malformed' | 'bad-signature' | 'expired' | 'wrong-kind',
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

function signature(data: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

/** How `signToken` signs: the HMAC secret, the lifetime (seconds) and the clock (epoch ms; default `Date.now`). */
export interface SignOptions {
  secret: string;
  /** Lifetime in seconds. */
  ttlSeconds: number;
  now?: () => number;
}

/**
 * Signs `claims` as a compact JWT (HS256) with `iat` = now and `exp` = now + `ttlSeconds` (epoch seconds).
 * Never throws.
 */
export function signToken<T extends TokenClaims>(claims: Unsigned<T>, options: SignOptions): string {
  const iat = Math.floor((options.now?.() ?? Date.now()) / 1000);
  const body = base64url(JSON.stringify({ ...claims, iat, exp: iat + options.ttlSeconds }));
  const data = `${HEADER}.${body}`;
  return `${data}.${signature(data, options.secret).toString('base64url')}`;
}

/** How `verifyToken` checks: the HMAC secret and the clock (epoch ms; default `Date.now`). */
export interface VerifyOptions {
  secret: string;
  now?: () => number;
}

/**
 * Checks a token's form, signature (constant-time) and expiry, in that order, and returns its claims.
 * @throws TokenError `malformed`, `bad-signature` or `expired`.
 */
export function verifyToken(token: string, options: VerifyOptions): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenError('token is not in compact JWT form', 'malformed');
  const [header, body, sig] = parts as [string, string, string];
  if (header !== HEADER) throw new TokenError('unsupported token header', 'malformed');
  const expected = signature(`${header}.${body}`, options.secret);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new TokenError('token signature does not match', 'bad-signature');
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new TokenError('token body is not JSON', 'malformed');
  }
  if (!isClaims(claims)) throw new TokenError('token claims are incomplete', 'malformed');
  const nowSeconds = Math.floor((options.now?.() ?? Date.now()) / 1000);
  if (claims.exp <= nowSeconds) throw new TokenError('token has expired', 'expired');
  return claims;
}

/**
 * `verifyToken`, then that the token is of `kind`.
 * @throws TokenError as `verifyToken`, or `wrong-kind` for a valid token of another kind.
 */
export function verifyTokenOfKind<K extends TokenClaims['kind']>(
  token: string,
  kind: K,
  options: VerifyOptions,
): Extract<TokenClaims, { kind: K }> {
  const claims = verifyToken(token, options);
  if (claims.kind !== kind) throw new TokenError(`expected a ${kind} token, got ${claims.kind}`, 'wrong-kind');
  return claims as Extract<TokenClaims, { kind: K }>;
}

function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.iat === 'number' &&
    typeof v.exp === 'number' &&
    (v.kind === 'agent' || v.kind === 'grant' || v.kind === 'service' || v.kind === 'verification')
  );
}
