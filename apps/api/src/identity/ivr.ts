import type { InternalIdentityVerifyResponse } from '@octopus/contracts';
import type { Queryable } from '@octopus/db';
import { nationalNumber, normaliseIdentityInput } from './identity';
import { idSuffixMatches, ownerOfPhone } from './repository';

// Identification is not verification: only what the caller proves raises the level to `verified`.

/**
 * The IVR's identity check.
 * - 11 digits = a registered phone. Keyed from that same phone (the calling number): verified for its
 *   account. Keyed from another number: the account is only *identified* (status failed, level
 *   identified, its userId) and the IVR asks for the ID suffix next, with that userId.
 * - 4–6 characters = the ID number's suffix of the calling number's account, or of `userId` when the
 *   previous step identified one: verified when it matches.
 * With `userId`, a keyed phone verifies only when it is that account's and the calling number.
 */
export async function verifyIdentity(
  db: Queryable,
  request: { callerPhone: string; input: string; userId?: string | undefined },
): Promise<InternalIdentityVerifyResponse> {
  const input = normaliseIdentityInput(request.input);
  const caller = nationalNumber(request.callerPhone);
  if (/^\d{11}$/.test(input)) {
    const failed: InternalIdentityVerifyResponse = { status: 'failed', method: 'ivr-phone', userId: null, level: 'none' };
    const owner = await ownerOfPhone(db, input);
    if (!owner || (request.userId !== undefined && owner.userId !== request.userId)) return failed;
    if (input === caller) return { status: 'verified', method: 'ivr-phone', userId: owner.userId, level: 'verified' };
    return { status: 'failed', method: 'ivr-phone', userId: owner.userId, level: 'identified' };
  }
  const failed: InternalIdentityVerifyResponse = { status: 'failed', method: 'ivr-id-suffix', userId: null, level: 'none' };
  if (!/^\d{3,5}[\dX]$/.test(input)) return failed;
  const subject = request.userId ?? (await ownerOfPhone(db, caller))?.userId;
  if (!subject) return failed;
  return (await idSuffixMatches(db, subject, input)) ? { status: 'verified', method: 'ivr-id-suffix', userId: subject, level: 'verified' } : failed;
}
