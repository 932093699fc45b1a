import type { InternalSelfServiceRequest, InternalSelfServiceResponse } from '@octopus/contracts';
import type { Queryable } from '@octopus/db';
import { loadLoans, listConsignments } from '../finance/repository';
import { verifyIdentity } from '../identity/ivr';
import { findOrder } from '../orders/repository';

// The IVR's self-service answers. The cti-server passes on what the caller keyed; the api checks it again
// here — the same check as `POST /internal/identity/verify` — and answers only for a caller it verifies
// (ADR 0019): a bug or a forged request at the cti-server cannot read a customer's data by naming them.

/**
 * The verified account for the keyed identity: `input` verifies directly (the registered phone keyed from
 * it, or the calling number's account's ID suffix), or `input` identifies an account and `idSuffix` is its
 * ID suffix. Null when not verified.
 */
export async function verifiedCaller(db: Queryable, request: Pick<InternalSelfServiceRequest, 'callerPhone' | 'input' | 'idSuffix'>): Promise<string | null> {
  const first = await verifyIdentity(db, { callerPhone: request.callerPhone, input: request.input });
  if (first.status === 'verified' && first.userId) return first.userId;
  if (first.level !== 'identified' || !first.userId || !request.idSuffix) return null;
  const second = await verifyIdentity(db, { callerPhone: request.callerPhone, input: request.idSuffix, userId: first.userId });
  return second.status === 'verified' && second.userId === first.userId ? first.userId : null;
}

/**
 * The answer for a verified `userId`: an order of theirs (by number; another customer's order is "not found"),
 * their newest consignment, or the earliest next due instalment across their loans (as of `now`, ms).
 */
export async function selfServiceAnswer(db: Queryable, userId: string, request: InternalSelfServiceRequest, now: number): Promise<InternalSelfServiceResponse> {
  switch (request.service) {
    case 'order-status': {
      const number = request.orderNumber ?? '';
      const orderId = number.startsWith('SO') ? number : `SO${number}`;
      const order = number ? await findOrder(db, orderId) : null;
      if (!order || order.row.user_id !== userId) return { service: 'order-status', found: false, orderId: null, status: null, latestLogistics: null };
      return { service: 'order-status', found: true, orderId, status: order.row.status, latestLogistics: order.logistics[0] ?? null };
    }
    case 'consignment-status': {
      const newest = (await listConsignments(db, userId))[0];
      return newest
        ? { service: 'consignment-status', found: true, consignmentId: newest.consignmentId, productName: newest.productName, status: newest.status }
        : { service: 'consignment-status', found: false, consignmentId: null, productName: null, status: null };
    }
    case 'loan-next-due': {
      const dues = (await loadLoans(db, 'user', userId, now)).flatMap((l) => (l.nextDue ? [l.nextDue] : []));
      dues.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
      const first = dues[0];
      if (!first) return { service: 'loan-next-due', found: false, dueDate: null, amountFen: null };
      // Instalments due the same day across loans are paid together.
      const amountFen = dues.filter((d) => d.dueDate === first.dueDate).reduce((sum, d) => sum + d.amountFen, 0);
      return { service: 'loan-next-due', found: true, dueDate: first.dueDate, amountFen };
    }
  }
}
