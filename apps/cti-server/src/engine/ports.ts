import type {
  CallRecordUpsert,
  InternalAgent,
  InternalAuditEvent,
  InternalGrantEnded,
  InternalIdentityVerifyResponse,
  InternalSelfServiceRequest,
  InternalSelfServiceResponse,
  InternalLoginRequest,
  InternalUserByIdResponse,
  InternalUserByPhone,
  IvrPrompt,
  MemberLevel,
} from '@octopus/contracts';

/** Who a phone number or keyed-in identity belongs to (the api's users in production). */
export interface CustomerDirectory {
  userByPhone(phone: string): Promise<InternalUserByPhone | null>;
  /** The account with this id, or null when there is none (bind refuses unknown users). */
  userById(userId: string): Promise<InternalUserByIdResponse | null>;
  /**
   * The IVR's check of what the caller keyed (`POST /internal/identity/verify`). With `userId`, the
   * input (an ID suffix) is checked against that account instead of the calling number's.
   * `level: 'identified'` (with that account's `userId`) means the keyed phone names an account the
   * call does not come from: ask for the ID suffix next.
   */
  verify(callerPhone: string, input: string, userId?: string): Promise<InternalIdentityVerifyResponse>;
  /**
   * The IVR's self-service answer (`POST /internal/ivr/self-service`): the api checks the keyed identity
   * again and answers only when it verifies. Rejects (403 included) when it cannot answer. Absent: the IVR
   * offers no self-service (callers go to an agent).
   */
  selfService?(request: InternalSelfServiceRequest): Promise<InternalSelfServiceResponse>;
}

/** Where finished call records go (the api, through an outbox, in production). Must not throw. */
export interface CallRecordSink {
  put(record: CallRecordUpsert): void;
}

/**
 * Where "this agent's part of the call is over" goes (`POST /internal/grants/ended` through the outbox):
 * the api refuses the leg's grants from `notAfter` on. Must not throw.
 */
export interface GrantEndSink {
  grantEnded(notice: InternalGrantEnded): void;
}

/**
 * Where the cti-server's access decisions go (the api's audit chain, `POST /internal/audit` in batches,
 * through the outbox): binds, rejected proofs, WebSocket refusals, refresh/logout refusals. Must not throw.
 */
export interface AuditSink {
  audit(event: InternalAuditEvent): void;
}

/** What a login, refresh or logout answered: relayed to the client as is. */
export interface AuthAnswer {
  status: number;
  /** JSON body (`LoginResponse` on 200 for login/refresh; `{error, message}` otherwise). */
  body: unknown;
  /** `Retry-After` (seconds) of a 429, else null. */
  retryAfter: string | null;
}

/**
 * Agent accounts and their server-side sessions (the api's `agents` and `agent_sessions`, reached
 * with a service token; `MemoryAccountDirectory` in tests without an api). The cti-server never
 * checks a password itself.
 */
export interface AccountDirectory {
  /** `POST /internal/auth/login`: 200 LoginResponse, 400, 401 invalid_credentials, 403 account_disabled, 429 login_throttled. */
  login(request: InternalLoginRequest): Promise<AuthAnswer>;
  /** `POST /internal/auth/refresh`: a new token for the same session; 401 when it is no longer active. */
  refresh(sessionId: string): Promise<AuthAnswer>;
  /** `POST /internal/auth/logout`: revokes the session. */
  logout(sessionId: string): Promise<AuthAnswer>;
  /**
   * `POST /internal/sessions/check`: which of `sessionIds` are revoked, expired or unknown.
   * @throws when the directory cannot answer (callers keep what they have and ask again).
   */
  inactiveSessions(sessionIds: string[]): Promise<string[]>;
  /** `GET /internal/agents`: every account, disabled ones flagged. @throws when unreachable. */
  agents(): Promise<InternalAgent[]>;
}

/** What one grant lets one agent see: a customer's data for one call (`@octopus/auth`'s `GrantClaims` less `iat`/`exp`). */
export interface GrantRequest {
  callId: string;
  agentId: string;
  userId: string;
  /** `verified`: full data; `unverified`: masked, no finance (the api's rule). */
  level: 'verified' | 'unverified';
  /** The number the inbound caller calls from (the network proved it); null on an outbound call. */
  callerNumber: string | null;
}

/**
 * Signs the per-call customer grants the api honours and checks the api's verification proofs
 * (`authGrants` in `auth-grants.ts`: HS256 tokens of `@octopus/auth` with the shared secret, wired in
 * `server/start.ts`). Times are wall-clock: the api verifies against its own clock.
 */
export interface GrantSigner {
  /** A signed grant for `request`, valid for the signer's TTL. Must not throw. */
  sign(request: GrantRequest): string;
  /**
   * Whether `proof` is a `verification` token the api issued for exactly this call, agent and user
   * (valid signature, not expired). Never throws: anything else is false.
   */
  verificationProven(proof: string, expected: { callId: string; agentId: string; userId: string }): boolean;
}

/** The telephone network on the caller's side: the simulator in demo/test mode, nothing in production. */
export interface CallerNetwork {
  /** An agent dialled out; the callee may answer later through `engine.calleeAnswered`. */
  dialOut(callId: string, number: string): void;
  /** The caller was put into the satisfaction survey; a rating may come through `engine.callerRated`. */
  surveyStarted(callId: string): void;
  /** The caller was invited to rate the call. */
  ratingInvited(callId: string): void;
  /** The call is over on every side. */
  callEnded(callId: string): void;
  /** The IVR plays the caller a prompt (interactive sessions); the simulator keeps them for `GET /sim/calls/:callId/ivr`. */
  ivrPrompt?(callId: string, prompt: IvrPrompt): void;
}

/** What `MemoryDirectory` answers in self-service for one user. */
export interface MemorySelfServiceData {
  orders?: Array<{ orderId: string; status: string; latestLogistics: { at: string; status: string; location: string; description: string } | null }>;
  consignment?: { consignmentId: string; productName: string; status: string };
  nextDue?: { dueDate: string; amountFen: number };
}

/** A directory that knows nobody (every check fails): the engine's default. */
export const nullDirectory: CustomerDirectory = {
  userByPhone: async () => null,
  userById: async () => null,
  verify: async (_phone, input) => ({ status: 'failed', method: input.length === 11 ? 'ivr-phone' : 'ivr-id-suffix', userId: null, level: 'none' }),
};

/** A network that ignores everything: the engine's default until the ingress sets one. */
export const nullNetwork: CallerNetwork = {
  dialOut: () => undefined,
  surveyStarted: () => undefined,
  ratingInvited: () => undefined,
  callEnded: () => undefined,
};

/** Keeps records in memory; for tests and the benchmark. */
export class MemoryRecordSink implements CallRecordSink {
  readonly records = new Map<string, CallRecordUpsert>();
  puts = 0;
  put(record: CallRecordUpsert): void {
    this.puts++;
    this.records.set(record.callId, record);
  }
}

/** Keeps the latest "grant ended" notices in memory, in order (at most `keep`); for tests and the api-less demo. */
export class MemoryGrantEndSink implements GrantEndSink {
  readonly notices: InternalGrantEnded[] = [];
  constructor(private readonly keep = 10_000) {}
  grantEnded(notice: InternalGrantEnded): void {
    this.notices.push(notice);
    if (this.notices.length > this.keep) this.notices.splice(0, this.notices.length - this.keep);
  }
}

/** Keeps audit events in memory, in order (at most `keep`); for tests and the api-less demo. */
export class MemoryAuditSink implements AuditSink {
  readonly events: InternalAuditEvent[] = [];
  constructor(private readonly keep = 10_000) {}
  audit(event: InternalAuditEvent): void {
    this.events.push(event);
    if (this.events.length > this.keep) this.events.splice(0, this.events.length - this.keep);
  }
}

/**
 * An in-memory directory for tests and the api-less demo, with the api's rules: the registered phone
 * keyed from that same phone verifies; keyed from another number it only identifies the account.
 */
export class MemoryDirectory implements CustomerDirectory {
  /**
   * `data`: per user id, what self-service answers (orders by id with their latest logistics event, the newest
   * consignment, the next loan instalment). Answered, as the api does, only when the keyed identity verifies.
   */
  constructor(
    private readonly users: Array<{ userId: string; name: string; phone: string; idNumber: string; level?: MemberLevel }>,
    private readonly data: Record<string, MemorySelfServiceData> = {},
  ) {}

  async selfService(request: InternalSelfServiceRequest): Promise<InternalSelfServiceResponse> {
    let checked = await this.verify(request.callerPhone, request.input);
    if (checked.level === 'identified' && checked.userId && request.idSuffix) checked = await this.verify(request.callerPhone, request.idSuffix, checked.userId);
    if (checked.status !== 'verified' || !checked.userId) throw new Error('403 not_verified');
    const d = this.data[checked.userId] ?? {};
    if (request.service === 'order-status') {
      const id = request.orderNumber ? (request.orderNumber.startsWith('SO') ? request.orderNumber : `SO${request.orderNumber}`) : '';
      const order = d.orders?.find((o) => o.orderId === id);
      return order
        ? { service: 'order-status', found: true, orderId: order.orderId, status: order.status, latestLogistics: order.latestLogistics }
        : { service: 'order-status', found: false, orderId: null, status: null, latestLogistics: null };
    }
    if (request.service === 'consignment-status') {
      const c = d.consignment;
      return c ? { service: 'consignment-status', found: true, ...c } : { service: 'consignment-status', found: false, consignmentId: null, productName: null, status: null };
    }
    const due = d.nextDue;
    return due ? { service: 'loan-next-due', found: true, ...due } : { service: 'loan-next-due', found: false, dueDate: null, amountFen: null };
  }

  async userByPhone(phone: string): Promise<InternalUserByPhone | null> {
    const u = this.users.find((x) => x.phone === phone);
    return u ? { userId: u.userId, name: u.name, ...(u.level && { level: u.level }) } : null;
  }

  async userById(userId: string): Promise<InternalUserByIdResponse | null> {
    const u = this.users.find((x) => x.userId === userId);
    return u ? { userId: u.userId, name: u.name, ...(u.level && { level: u.level }) } : null;
  }

  async verify(callerPhone: string, input: string, userId?: string): Promise<InternalIdentityVerifyResponse> {
    const keyed = input.replace(/#$/, '').replace(/\*/g, 'X');
    if (keyed.length === 11 && userId === undefined) {
      const u = this.users.find((x) => x.phone === keyed);
      if (!u) return { status: 'failed', method: 'ivr-phone', userId: null, level: 'none' };
      // Knowing someone's number proves nothing unless the call comes from it.
      if (u.phone === callerPhone) return { status: 'verified', method: 'ivr-phone', userId: u.userId, level: 'verified' };
      return { status: 'failed', method: 'ivr-phone', userId: u.userId, level: 'identified' };
    }
    const u = userId === undefined ? this.users.find((x) => x.phone === callerPhone) : this.users.find((x) => x.userId === userId);
    const ok = !!u && keyed.length >= 4 && keyed.length <= 6 && u.idNumber.toUpperCase().endsWith(keyed.toUpperCase());
    return ok && u
      ? { status: 'verified', method: 'ivr-id-suffix', userId: u.userId, level: 'verified' }
      : { status: 'failed', method: 'ivr-id-suffix', userId: null, level: 'none' };
  }
}
