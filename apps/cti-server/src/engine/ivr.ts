// The IVR: a caller dials in, picks a skill group by key, keys an identity the api checks, then queues.
import type { MemberLevel, VerificationMethod, VerificationStatus } from '@octopus/contracts';
import { errorSummary } from '../log';
import type { Call, InboundCallRequest } from './model';
import { groupByKeys, startSession } from './ivr-session';
import { enqueue } from './routing';
import type { EngineState } from './state';

/** A caller dials in: the call enters the IVR (key track, verification) and queues when it is done. Returns the call id at once. */
export function inboundCall(s: EngineState, request: InboundCallRequest): string {
  const now = s.clock.now();
  const keys = request.keys ?? '';
  const location = s.segments.lookup(request.from);
  const call = s.newCall('inbound', request.from, now);
  call.province = location?.province ?? null;
  call.city = location?.city ?? null;
  if (request.interactive) {
    // The caller answers prompt by prompt (ivr-session.ts): journalled from the start like any call.
    s.calls.set(call.id, call);
    startSession(s, call, request.to);
    s.markCall(call);
    return call.id;
  }
  // Keys given up front go through the same tree: menu keys pick the options, anything else an agent.
  let group = request.skillGroup ?? groupByKeys(s, request.to, keys);
  if (!s.groups.has(group)) group = s.defaultGroup;
  call.skillGroup = group;
  // Verification digits are personal data: the key track keeps only their count.
  call.keyTrack = (keys + (request.verify ? `#${'*'.repeat(request.verify.length)}#` : '')).slice(0, 64);
  call.verificationStatus = request.verify ? 'unverified' : 'skipped';
  call.ivrInput = { from: request.from, ...(request.verify !== undefined && { verify: request.verify }), ...(request.idSuffix !== undefined && { idSuffix: request.idSuffix }) };
  s.calls.set(call.id, call);
  s.markCall(call); // journalled from the start: a restart runs its IVR again
  void runIvr(s, call, request.from, request.verify, request.idSuffix);
  return call.id;
}

/**
 * The IVR's identity check, through the directory (the api), each request bounded by
 * `directoryTimeoutMs`. Only a check the server performed verifies: the calling number's ID suffix, or
 * the registered phone keyed from that same phone. A registered phone keyed from another number only
 * identifies its account; the IVR then asks for that account's ID suffix (`idSuffix`) and verifies only
 * when it matches. An unreachable api queues the caller as unverified. Never rejects.
 */
export async function runIvr(s: EngineState, call: Call, from: string, verify: string | undefined, idSuffix: string | undefined): Promise<void> {
  const timeout = <T>(p: Promise<T>): Promise<T> =>
    Promise.race([
      p,
      new Promise<T>((_, fail) => {
        const t = setTimeout(() => fail(new Error('directory timeout')), s.directoryTimeoutMs);
        t.unref?.();
      }),
    ]);
  let status: VerificationStatus = verify ? 'unverified' : 'skipped';
  let method: VerificationMethod | null = null;
  let userId: string | null = null;
  let name: string | null = null;
  let numberUserId: string | null = null;
  let level: MemberLevel | null = null;
  let secondPrompt = false;
  try {
    const [checked, byPhone] = await Promise.all([
      verify ? timeout(s.directory.verify(from, verify)) : Promise.resolve(null),
      timeout(s.directory.userByPhone(from)).catch(() => null),
    ]);
    numberUserId = byPhone?.userId ?? null;
    if (checked) {
      method = checked.method;
      if (checked.status === 'verified' && checked.userId) {
        status = 'verified';
        userId = checked.userId;
      } else if (checked.level === 'identified' && verify) {
        // Identified, not verified: the account is known (masked data), its ID suffix is asked next.
        // (Should the api not name the account, the keyed phone does.)
        const identified = checked.userId ?? (await timeout(s.directory.userByPhone(verify)).catch(() => null))?.userId ?? null;
        userId = identified;
        status = identified ? 'unverified' : 'failed';
        secondPrompt = identified !== null;
        if (identified && idSuffix) {
          const second = await timeout(s.directory.verify(from, idSuffix, identified));
          method = second.method;
          status = second.status === 'verified' && second.userId === identified ? 'verified' : 'failed';
        }
      } else status = 'failed';
    }
    if (!userId && byPhone) userId = byPhone.userId;
    if (byPhone && byPhone.userId === userId) {
      name = byPhone.name;
      level = byPhone.level ?? null;
    } else if (userId) {
      const user = await timeout(s.directory.userById(userId)).catch(() => null);
      name = user?.name ?? null;
      level = user?.level ?? null;
    }
  } catch (error) {
    // The api is unreachable: the caller still reaches an agent, who verifies by hand.
    s.log(`IVR verification for ${call.id} failed: ${errorSummary(error)}`);
    status = 'unverified';
    method = null;
    userId = null;
    name = null;
    level = null;
  }
  s.run(() => {
    if (call.phase !== 'ivr' || s.calls.get(call.id) !== call) return;
    call.ivrInput = null;
    if (secondPrompt && idSuffix) call.keyTrack = `${call.keyTrack}${'*'.repeat(idSuffix.length)}#`.slice(0, 64);
    call.verificationStatus = status;
    call.verificationMethod = method;
    call.userId = userId;
    call.customerName = name;
    call.numberUserId = numberUserId;
    call.customerLevel = level;
    enqueue(s, call, call.skillGroup ?? s.defaultGroup, { front: false, keepWait: false, admit: true });
  });
}
