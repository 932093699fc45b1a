import type { CreditLine, Installment, Loan } from '@octopus/contracts';
import { toIso, toIsoOrNull } from '@octopus/db';

// Loan arithmetic: instalment status, outstanding and overdue amounts, the credit line's headroom.
// Pure functions of rows and today's date; the SQL is in ./repository.ts.

const DAY = 86_400_000;

/** Today's date (YYYY-MM-DD) in China time (UTC+8, no DST), as instalment due dates are; `now` in ms since the epoch. */
export function chinaToday(now: number): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY);
}

/** A `loans` row. Amounts in fen, rate in basis points a year. */
export interface LoanRow {
  id: string;
  user_id: string;
  product: string;
  principal_fen: number;
  term_months: number;
  annual_rate_bp: number;
  disbursed_at: unknown;
}

/** An `installments` row; `due_date` as YYYY-MM-DD (China time). */
export interface InstallmentRow {
  loan_id: string;
  seq: number;
  due_date: string;
  principal_fen: number;
  interest_fen: number;
  paid_fen: number;
  paid_at: unknown;
}

/** A loan with the principal not yet repaid (fen), which counts against the credit line. */
export type LoanWithUnpaidPrincipal = Loan & { unpaidPrincipalFen: number };

/**
 * The loan as of `today` (YYYY-MM-DD): an instalment is `paid` when paid in full, `overdue` after its
 * due date, `due` within 7 days of it, else `upcoming`; the loan is `settled`, `overdue` or `active`.
 */
export function buildLoan(row: LoanRow, rows: InstallmentRow[], today: string): LoanWithUnpaidPrincipal {
  const installments: Installment[] = rows.map((r) => {
    const amount = r.principal_fen + r.interest_fen;
    const paid = r.paid_fen >= amount;
    const lateBy = daysBetween(r.due_date, today);
    const status: Installment['status'] = paid ? 'paid' : lateBy > 0 ? 'overdue' : lateBy >= -7 ? 'due' : 'upcoming';
    return {
      seq: r.seq,
      dueDate: r.due_date,
      principalFen: r.principal_fen,
      interestFen: r.interest_fen,
      amountFen: amount,
      paidFen: r.paid_fen,
      paidAt: toIsoOrNull(r.paid_at),
      status,
      overdueDays: status === 'overdue' ? lateBy : 0,
    };
  });
  const unpaid = installments.filter((i) => i.status !== 'paid');
  const overdue = unpaid.filter((i) => i.status === 'overdue');
  const next = unpaid.find((i) => i.status !== 'overdue') ?? null;
  const unpaidPrincipal = rows.filter((r) => r.paid_fen < r.principal_fen + r.interest_fen).reduce((s, r) => s + r.principal_fen, 0);
  return {
    loanId: row.id,
    userId: row.user_id,
    product: row.product,
    principalFen: row.principal_fen,
    termMonths: row.term_months,
    annualRateBp: row.annual_rate_bp,
    disbursedAt: toIso(row.disbursed_at),
    status: unpaid.length === 0 ? 'settled' : overdue.length > 0 ? 'overdue' : 'active',
    outstandingFen: unpaid.reduce((s, i) => s + i.amountFen - i.paidFen, 0),
    nextDue: next ? { seq: next.seq, dueDate: next.dueDate, amountFen: next.amountFen - next.paidFen } : null,
    overdue: {
      count: overdue.length,
      amountFen: overdue.reduce((s, i) => s + i.amountFen - i.paidFen, 0),
      maxDays: overdue.reduce((m, i) => Math.max(m, i.overdueDays), 0),
    },
    installments,
    unpaidPrincipalFen: unpaidPrincipal,
  };
}

/** The loan as the api sends it (without the internal unpaid principal). */
export function publicLoan(loan: LoanWithUnpaidPrincipal): Loan {
  const { unpaidPrincipalFen: _unused, ...rest } = loan;
  return rest;
}

/**
 * The credit line of a customer with `line` (null: none) and these loans: used = unpaid principal,
 * available = limit − used (never below 0); withdrawing is blocked, in this order, for no line, a
 * frozen line, any overdue instalment, or no headroom left.
 */
export function creditLine(line: { limit_fen: number; frozen_reason: string | null } | null, loans: LoanWithUnpaidPrincipal[]): CreditLine {
  const used = loans.reduce((s, l) => s + l.unpaidPrincipalFen, 0);
  const available = line ? Math.max(0, line.limit_fen - used) : 0;
  const hasOverdue = loans.some((l) => l.overdue.count > 0);
  const reason: CreditLine['withdrawBlockedReason'] = !line
    ? 'no_credit_line'
    : line.frozen_reason
      ? 'frozen'
      : hasOverdue
        ? 'overdue'
        : available <= 0
          ? 'limit_exhausted'
          : null;
  return {
    limitFen: line?.limit_fen ?? 0,
    usedFen: used,
    availableFen: available,
    canWithdraw: reason === null,
    withdrawBlockedReason: reason,
    frozenNote: line?.frozen_reason ?? null,
  };
}
