import type { CallRecordUpsert, IdentityVerifyResponse, InternalUserByPhone } from '@octopus/contracts';

/** Who a phone number or keyed-in identity belongs to (the api's users in production). */
export interface CustomerDirectory {
  userByPhone(phone: string): Promise<InternalUserByPhone | null>;
  verify(callerPhone: string, input: string): Promise<IdentityVerifyResponse>;
}

/** Where finished call records go (the api, through an outbox, in production). Must not throw. */
export interface CallRecordSink {
  put(record: CallRecordUpsert): void;
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
}

export const nullDirectory: CustomerDirectory = {
  userByPhone: async () => null,
  verify: async (_phone, input) => ({ status: 'failed', method: input.length === 11 ? 'ivr-phone' : 'ivr-id-suffix', userId: null }),
};

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

/** An in-memory directory for tests and the api-less demo. */
export class MemoryDirectory implements CustomerDirectory {
  constructor(private readonly users: Array<{ userId: string; name: string; phone: string; idNumber: string }>) {}

  async userByPhone(phone: string): Promise<InternalUserByPhone | null> {
    const u = this.users.find((x) => x.phone === phone);
    return u ? { userId: u.userId, name: u.name } : null;
  }

  async verify(callerPhone: string, input: string): Promise<IdentityVerifyResponse> {
    if (input.length === 11) {
      // The caller keyed in a registered number: they may call from another phone.
      const u = this.users.find((x) => x.phone === input);
      return { status: u ? 'verified' : 'failed', method: 'ivr-phone', userId: u ? u.userId : null };
    }
    const u = this.users.find((x) => x.phone === callerPhone);
    const ok = !!u && input.length >= 4 && u.idNumber.toUpperCase().endsWith(input.toUpperCase());
    return { status: ok ? 'verified' : 'failed', method: 'ivr-id-suffix', userId: ok && u ? u.userId : null };
  }
}
