import { randomBytes } from 'node:crypto';
import { DEMO_PASSWORD, hashPassword, signToken, verifyPassword, type AgentClaims } from '@octopus/auth';
import {
  AGENT_TOKEN_TTL_SECONDS,
  LOGIN_THROTTLE,
  SESSION_IDLE_TTL_SECONDS,
  SESSION_MAX_TTL_SECONDS,
  type InternalAgent,
  type InternalLoginRequest,
  type LoginResponse,
} from '@octopus/contracts';
import { DEMO_AGENTS, DEMO_STAFF, type AgentAccount } from '../engine/config';
import type { AccountDirectory, AuthAnswer } from '../engine/ports';

/** An account of the in-memory directory: the roster entry plus its password (hashed at construction). */
export interface MemoryAccount extends AgentAccount {
  password: string;
}

export interface MemoryAccountDirectoryOptions {
  /** Default: the demo agents 1001–1008, supervisor 2001 and admin 2002, password `octopus`. */
  accounts?: MemoryAccount[];
  tokenSecret: string;
  /** Agent token lifetime (seconds). Default `AGENT_TOKEN_TTL_SECONDS` (15 min). */
  tokenTtlSeconds?: number;
  /** Idle session lifetime (seconds). Default `SESSION_IDLE_TTL_SECONDS` (1 h). */
  sessionIdleSeconds?: number;
  now?: () => number;
  /** Sessions to start with (those another node's directory saved through `onSessionChange`). */
  sessions?: MemorySession[];
  /** Called after a session is created, extended or revoked (a floor of nodes keeps them in Redis). */
  onSessionChange?: (session: MemorySession) => void;
}

/** A server-side session of the in-memory directory; times are epoch ms. */
export interface MemorySession {
  id: string;
  agentId: string;
  expiresAt: number;
  maxExpiresAt: number;
  revoked: boolean;
}

/** The demo accounts with their password, for the api-less demo and tests. */
export function demoAccounts(): MemoryAccount[] {
  return [...DEMO_AGENTS, ...DEMO_STAFF].map((a) => ({ ...a, password: DEMO_PASSWORD }));
}

const answer = (status: number, body: unknown, retryAfter: string | null = null): AuthAnswer => ({ status, body, retryAfter });

/**
 * The `AccountDirectory` port without an api (tests, api-less demo), with the api's rules: Argon2id
 * hashes ('fast' parameters: this is never a production store), the same token claims, server-side
 * sessions that logout revokes and idle/max lifetimes end, per-account throttling (`LOGIN_THROTTLE`),
 * the same body for an unknown agent and a wrong password.
 */
export class MemoryAccountDirectory implements AccountDirectory {
  private readonly accounts = new Map<string, { account: AgentAccount; hash: Promise<string> }>();
  private readonly sessions = new Map<string, MemorySession>();
  private readonly failures = new Map<string, number[]>();
  private readonly tokenTtlSeconds: number;
  private readonly sessionIdleMs: number;
  private readonly now: () => number;
  /** A hash no password matches, checked for unknown agents so both answers take as long. */
  private readonly decoy: Promise<string>;

  constructor(private readonly options: MemoryAccountDirectoryOptions) {
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? AGENT_TOKEN_TTL_SECONDS;
    this.sessionIdleMs = (options.sessionIdleSeconds ?? SESSION_IDLE_TTL_SECONDS) * 1000;
    this.now = options.now ?? Date.now;
    for (const { password, ...account } of options.accounts ?? demoAccounts()) {
      this.accounts.set(account.id, { account, hash: hashPassword(password, 'fast') });
    }
    this.decoy = hashPassword(randomBytes(16).toString('hex'), 'fast');
    for (const session of options.sessions ?? []) this.sessions.set(session.id, { ...session });
  }

  async login(request: InternalLoginRequest): Promise<AuthAnswer> {
    const now = this.now();
    const recent = (this.failures.get(request.agentId) ?? []).filter((t) => t > now - LOGIN_THROTTLE.windowSeconds * 1000);
    const excess = recent.length - LOGIN_THROTTLE.freeFailures;
    if (excess >= 0) {
      const waitMs = Math.min(LOGIN_THROTTLE.maxDelaySeconds, 2 ** excess) * 1000;
      const until = recent[recent.length - 1]! + waitMs;
      if (now < until) {
        const seconds = String(Math.ceil((until - now) / 1000));
        return answer(429, { error: 'login_throttled', message: `too many failed logins: try again in ${seconds} s` }, seconds);
      }
    }
    const entry = this.accounts.get(request.agentId);
    const ok = await verifyPassword(await (entry?.hash ?? this.decoy), request.password);
    if (!entry || !ok) {
      this.failures.set(request.agentId, [...recent, now]);
      return answer(401, { error: 'invalid_credentials', message: 'wrong agent id or password' });
    }
    if (entry.account.disabled) return answer(403, { error: 'account_disabled', message: 'this account is disabled' });
    this.failures.delete(request.agentId);
    // Ended sessions are forgotten (an unknown session counts as inactive all the same).
    for (const [id, s] of this.sessions) if (!this.isActive(s)) this.sessions.delete(id);
    const session: MemorySession = {
      id: randomBytes(12).toString('hex'),
      agentId: entry.account.id,
      expiresAt: now + this.sessionIdleMs,
      maxExpiresAt: now + SESSION_MAX_TTL_SECONDS * 1000,
      revoked: false,
    };
    this.sessions.set(session.id, session);
    this.options.onSessionChange?.({ ...session });
    return answer(200, this.issue(entry.account, session));
  }

  async refresh(sessionId: string): Promise<AuthAnswer> {
    const session = this.sessions.get(sessionId);
    const entry = session ? this.accounts.get(session.agentId) : undefined;
    if (!session || !entry || !this.isActive(session) || entry.account.disabled) {
      return answer(401, { error: 'session_ended', message: 'the session has ended: log in again' });
    }
    session.expiresAt = Math.min(session.maxExpiresAt, this.now() + this.sessionIdleMs);
    this.options.onSessionChange?.({ ...session });
    return answer(200, this.issue(entry.account, session));
  }

  async logout(sessionId: string): Promise<AuthAnswer> {
    this.revoke(sessionId);
    return answer(200, { ok: true });
  }

  async inactiveSessions(sessionIds: string[]): Promise<string[]> {
    return sessionIds.filter((id) => {
      const s = this.sessions.get(id);
      return !s || !this.isActive(s) || !!this.accounts.get(s.agentId)?.account.disabled;
    });
  }

  async agents(): Promise<InternalAgent[]> {
    return [...this.accounts.values()].map(({ account: a }) => ({
      id: a.id,
      name: a.name,
      role: a.role ?? 'agent',
      skillGroups: a.skillGroups.slice(),
      disabled: !!a.disabled,
    }));
  }

  /** Ends a session as an admin's revoke would (tests). */
  revoke(sessionId: string): void {
    const s = this.sessions.get(sessionId);
    if (!s) return;
    s.revoked = true;
    this.options.onSessionChange?.({ ...s });
  }

  /** Disables or enables an account (tests); a disabled account's sessions stop being active. */
  setDisabled(agentId: string, disabled: boolean): void {
    const entry = this.accounts.get(agentId);
    if (entry) entry.account = { ...entry.account, disabled };
  }

  /** Adds an account (tests: a new agent appears in the api after start). */
  add(account: MemoryAccount): void {
    const { password, ...rest } = account;
    this.accounts.set(rest.id, { account: rest, hash: hashPassword(password, 'fast') });
  }

  private isActive(s: MemorySession): boolean {
    const now = this.now();
    return !s.revoked && now < s.expiresAt && now < s.maxExpiresAt;
  }

  private issue(account: AgentAccount, session: MemorySession): LoginResponse {
    const role = account.role ?? 'agent';
    const token = signToken<AgentClaims>(
      { kind: 'agent', sub: account.id, sid: session.id, name: account.name, role, skillGroups: account.skillGroups },
      { secret: this.options.tokenSecret, ttlSeconds: this.tokenTtlSeconds, now: this.now },
    );
    const expiresAt = (Math.floor(this.now() / 1000) + this.tokenTtlSeconds) * 1000;
    return { token, expiresAt, sessionId: session.id, agent: { id: account.id, name: account.name, role, skillGroups: account.skillGroups.slice() } };
  }
}
