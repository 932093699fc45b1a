import type { Consignment } from '@octopus/contracts';
import { toIso, toIsoOrNull, type Queryable } from '@octopus/db';
import { buildLoan, chinaToday, type InstallmentRow, type LoanRow, type LoanWithUnpaidPrincipal } from './loans';

// SQL of the finance routes: consignments, loans with instalments, credit lines.

/** The customer's consignments, newest first. */
export async function listConsignments(db: Queryable, userId: string): Promise<Consignment[]> {
  const rows = await db.query<{
    id: string; user_id: string; brand: string; product_name: string; size: string; status: Consignment['status'];
    listed_price_fen: number | null; sold_price_fen: number | null; fee_fen: number | null; payout_fen: number | null;
    payout_account: string; created_at: unknown; sold_at: unknown; paid_out_at: unknown;
  }>('SELECT * FROM consignments WHERE user_id = $1 ORDER BY created_at DESC, id DESC', [userId]);
  return rows.map((r) => ({
    consignmentId: r.id, userId: r.user_id, brand: r.brand, productName: r.product_name, size: r.size, status: r.status,
    listedPriceFen: r.listed_price_fen, soldPriceFen: r.sold_price_fen, feeFen: r.fee_fen, payoutFen: r.payout_fen,
    payoutAccount: r.payout_account, createdAt: toIso(r.created_at), soldAt: toIsoOrNull(r.sold_at), paidOutAt: toIsoOrNull(r.paid_out_at),
  }));
}

/** A customer's loans (newest first) or one loan, with instalments, as of today in China time (`now` in ms). */
export async function loadLoans(db: Queryable, where: 'user' | 'loan', id: string, now: number): Promise<LoanWithUnpaidPrincipal[]> {
  const loans = await db.query<LoanRow>(
    where === 'user' ? 'SELECT * FROM loans WHERE user_id = $1 ORDER BY disbursed_at DESC, id' : 'SELECT * FROM loans WHERE id = $1',
    [id],
  );
  if (loans.length === 0) return [];
  const installments = await db.query<InstallmentRow>(
    `SELECT loan_id, seq, to_char(due_date, 'YYYY-MM-DD') AS due_date, principal_fen, interest_fen, paid_fen, paid_at
     FROM installments WHERE loan_id = ANY($1::text[]) ORDER BY loan_id, seq`,
    [loans.map((l) => l.id)],
  );
  const today = chinaToday(now);
  return loans.map((loan) => buildLoan(loan, installments.filter((i) => i.loan_id === loan.id), today));
}

/** The customer's credit line (limit in fen, freeze reason); null when they have none. */
export async function findCreditLine(db: Queryable, userId: string): Promise<{ limit_fen: number; frozen_reason: string | null } | null> {
  const lines = await db.query<{ limit_fen: number; frozen_reason: string | null }>('SELECT limit_fen, frozen_reason FROM credit_lines WHERE user_id = $1', [userId]);
  return lines[0] ?? null;
}

/** The customer a loan belongs to; null when there is no such loan. */
export async function loanOwner(db: Queryable, loanId: string): Promise<string | null> {
  const rows = await db.query<{ user_id: string }>('SELECT user_id FROM loans WHERE id = $1', [loanId]);
  return rows[0]?.user_id ?? null;
}
