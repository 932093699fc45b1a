import { buildLoan, chinaToday, creditLine, publicLoan, type InstallmentRow, type LoanRow } from './loans';

const loan: LoanRow = { id: 'L1', user_id: 'U1', product: '分期', principal_fen: 30_000, term_months: 3, annual_rate_bp: 1200, disbursed_at: '2026-01-01T00:00:00Z' };
const inst = (seq: number, due: string, paid: number): InstallmentRow => ({ loan_id: 'L1', seq, due_date: due, principal_fen: 10_000, interest_fen: 100, paid_fen: paid, paid_at: paid ? '2026-02-01T00:00:00Z' : null });

describe('loan arithmetic', () => {
  it('dates instalments in China time (UTC+8)', () => {
    expect(chinaToday(Date.parse('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(chinaToday(Date.parse('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('marks paid, overdue, due (within 7 days) and upcoming instalments, and sums what is owed', () => {
    const built = buildLoan(loan, [inst(1, '2026-02-01', 10_100), inst(2, '2026-02-25', 0), inst(3, '2026-03-05', 50)], '2026-03-01');
    expect(built.installments.map((i) => i.status)).toEqual(['paid', 'overdue', 'due']);
    expect(built.installments[1]?.overdueDays).toBe(4);
    expect(built.status).toBe('overdue');
    expect(built.outstandingFen).toBe(10_100 + 10_050);
    expect(built.overdue).toEqual({ count: 1, amountFen: 10_100, maxDays: 4 });
    expect(built.nextDue).toEqual({ seq: 3, dueDate: '2026-03-05', amountFen: 10_050 });
    expect(built.unpaidPrincipalFen).toBe(20_000);
    expect(publicLoan(built)).not.toHaveProperty('unpaidPrincipalFen');
    expect(buildLoan(loan, [inst(1, '2026-04-01', 0)], '2026-03-01').installments[0]?.status).toBe('upcoming');
  });

  it('blocks withdrawing for no line, a frozen line, an overdue instalment, or no headroom, in that order', () => {
    const overdue = buildLoan(loan, [inst(1, '2026-02-01', 0)], '2026-03-01');
    const current = buildLoan(loan, [inst(1, '2026-04-01', 0)], '2026-03-01');
    expect(creditLine(null, [current]).withdrawBlockedReason).toBe('no_credit_line');
    expect(creditLine({ limit_fen: 50_000, frozen_reason: '风控' }, [overdue]).withdrawBlockedReason).toBe('frozen');
    expect(creditLine({ limit_fen: 50_000, frozen_reason: null }, [overdue]).withdrawBlockedReason).toBe('overdue');
    expect(creditLine({ limit_fen: 10_000, frozen_reason: null }, [current]).withdrawBlockedReason).toBe('limit_exhausted');
    expect(creditLine({ limit_fen: 50_000, frozen_reason: null }, [current])).toEqual({
      limitFen: 50_000, usedFen: 10_000, availableFen: 40_000, canWithdraw: true, withdrawBlockedReason: null, frozenNote: null,
    });
  });
});
