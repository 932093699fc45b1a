import type { IncomingMessage } from 'node:http';
import { verifyTokenOfKind, TokenError, type AgentClaims } from '@octopus/auth';
import { CTI_CLOSE_CODES, CTI_PROTOCOL_VERSION, ctiTopicSchema, type CtiTopic } from '@octopus/contracts';
import type { CtiEngine } from '../../engine/engine';
import type { AccountDirectory } from '../../engine/ports';
import { errorSummary } from '../../log';

/** What the checks before the upgrade decided: accept this agent's session, or refuse in-band. */
export type ConnectVerdict =
  | {
      ok: true;
      agentId: string;
      sid: string;
      /** Epoch ms. */
      expiresAt: number;
      topics: Set<CtiTopic>;
      /** `takeover=1` on the connect URL: take the phone even when another connection of the agent holds it. */
      takeover?: boolean;
    }
  | { ok: false; code: number; errorCode: string; message: string; agentId?: string; sid?: string };

/** Sessions confirmed active within this long (ms) are accepted on reconnect while the api does not answer. */
const ACTIVE_CACHE_MS = 60_000;

type Waiter = { resolve: (active: boolean) => void; reject: (error: unknown) => void };

/**
 * The checks a connection passes before it is accepted, and the memory of which server-side sessions
 * (`sid`) the account service last confirmed active: a reconnect storm's session checks go to the api
 * as one request (batched for 10 ms, ≤ 5,000 sids), and a session confirmed within 60 s is let in while
 * the api does not answer.
 */
export class ConnectChecks {
  /** sid → when the directory last said it is active (epoch ms). */
  private readonly knownActive = new Map<string, number>();
  private batch: Map<string, Waiter[]> | null = null;

  constructor(
    private readonly engine: CtiEngine,
    private readonly accounts: AccountDirectory,
    private readonly tokenSecret: string,
    private readonly refreshRoster: (() => Promise<void>) | null,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Run before the upgrade, so no frame arrives meanwhile: protocol version (4400), a valid agent token
   * (4401; an expired one 4403), a known, enabled agent (4401), an active server-side session (4403).
   * An unreachable account service refuses with 1013 (try again) unless the session was confirmed
   * active recently. Never rejects.
   */
  async authorize(request: Pick<IncomingMessage, 'url'>): Promise<ConnectVerdict> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const protocol = url.searchParams.get('protocol');
    if (protocol !== null && protocol !== String(CTI_PROTOCOL_VERSION)) {
      return { ok: false, code: CTI_CLOSE_CODES.unsupportedProtocol, errorCode: 'unsupported-protocol', message: `this server speaks protocol ${CTI_PROTOCOL_VERSION}` };
    }
    let claims: AgentClaims;
    try {
      claims = verifyTokenOfKind(url.searchParams.get('token') ?? '', 'agent', { secret: this.tokenSecret });
    } catch (error) {
      // A genuine token that ran out: the session is over for this client (renew in time, or log in again).
      if (error instanceof TokenError && error.code === 'expired') {
        return { ok: false, code: CTI_CLOSE_CODES.sessionEnded, errorCode: 'session-ended', message: 'the token has expired: renew it or log in again' };
      }
      const message = error instanceof TokenError ? error.message : 'invalid token';
      return { ok: false, code: CTI_CLOSE_CODES.unauthorized, errorCode: 'unauthorized', message };
    }
    if (typeof claims.sid !== 'string' || claims.sid.length === 0 || typeof claims.sub !== 'string') {
      return { ok: false, code: CTI_CLOSE_CODES.unauthorized, errorCode: 'unauthorized', message: 'the token names no session' };
    }
    if (!this.engine.isActiveAgent(claims.sub) && this.refreshRoster) await this.refreshRoster().catch(() => undefined);
    if (!this.engine.isActiveAgent(claims.sub)) {
      return { ok: false, code: CTI_CLOSE_CODES.unauthorized, errorCode: 'unauthorized', message: 'unknown or disabled agent', agentId: claims.sub, sid: claims.sid };
    }
    try {
      if (!(await this.isSessionActive(claims.sid))) {
        this.knownActive.delete(claims.sid);
        return { ok: false, code: CTI_CLOSE_CODES.sessionEnded, errorCode: 'session-ended', message: 'the session has ended: log in again', agentId: claims.sub, sid: claims.sid };
      }
      this.knownActive.set(claims.sid, Date.now());
    } catch (error) {
      const seen = this.knownActive.get(claims.sid);
      if (seen === undefined || Date.now() - seen > ACTIVE_CACHE_MS) {
        this.log(`session check on connect failed: ${errorSummary(error)}`);
        return { ok: false, code: 1013, errorCode: 'try-again', message: 'the account service does not answer: reconnect shortly' };
      }
    }
    const topicsParam = url.searchParams.get('topics');
    const topics = new Set<CtiTopic>();
    for (const t of topicsParam === null ? ['agents', 'groups'] : topicsParam.split(',')) {
      const parsed = ctiTopicSchema.safeParse(t);
      if (parsed.success) topics.add(parsed.data);
    }
    return { ok: true, agentId: claims.sub, sid: claims.sid, expiresAt: claims.exp * 1000, topics, takeover: url.searchParams.get('takeover') === '1' };
  }

  /** The periodic check found these sids active at `checkedAt` (epoch ms); entries older than 60 s are dropped. */
  confirmed(sids: Iterable<string>, checkedAt: number): void {
    for (const sid of sids) this.knownActive.set(sid, checkedAt);
    for (const [sid, at] of this.knownActive) if (checkedAt - at > ACTIVE_CACHE_MS) this.knownActive.delete(sid);
  }

  /** The session ended (logout, revoke): no reconnect is let in on the strength of an old confirmation. */
  forget(sid: string): void {
    this.knownActive.delete(sid);
  }

  /** One sid's check, batched with the others asked for within 10 ms. */
  private isSessionActive(sid: string): Promise<boolean> {
    if (!this.batch) {
      const batch = new Map<string, Waiter[]>();
      this.batch = batch;
      setTimeout(() => {
        if (this.batch === batch) this.batch = null;
        this.accounts.inactiveSessions([...batch.keys()]).then(
          (inactive) => {
            const gone = new Set(inactive);
            for (const [s, waiters] of batch) for (const w of waiters) w.resolve(!gone.has(s));
          },
          (error: unknown) => {
            for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
          },
        );
      }, 10);
    }
    const batch = this.batch;
    return new Promise((resolve, reject) => {
      const waiters = batch.get(sid) ?? [];
      waiters.push({ resolve, reject });
      batch.set(sid, waiters);
      // The api takes up to 10,000 ids at once: a full batch goes now.
      if (batch.size >= 5000 && this.batch === batch) this.batch = null;
    });
  }
}
