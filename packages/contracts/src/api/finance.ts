import { z } from 'zod';
import { accessInfoSchema, fenSchema, apiIsoDateSchema, apiIsoDateTimeSchema } from './common';

/**
 * A consignment's lifecycle: received for inspection → inspecting → listed → sold → paid out; or returned / cancelled.
 */
export const consignmentStatusSchema = z.enum([
  'pending_inspection',
  'inspecting',
  'listed',
  'sold',
  'paid_out',
  'returned',
  'cancelled',
]);
export type ConsignmentStatus = z.infer<typeof consignmentStatusSchema>;

/**
 * An item the customer consigned for resale. Money in integer fen (`…Fen`, null until known: listed price once
 * listed, sold price, fee and payout once sold); times ISO 8601 UTC.
 */
export const consignmentSchema = z.object({
  consignmentId: z.string(),
  userId: z.string(),
  brand: z.string(),
  productName: z.string(),
  size: z.string(),
  status: consignmentStatusSchema,
  listedPriceFen: fenSchema.nullable(),
  soldPriceFen: fenSchema.nullable(),
  feeFen: fenSchema.nullable(),
  payoutFen: fenSchema.nullable(),
  /** Always shown as bank + last 4 digits. */
  payoutAccount: z.string(),
  createdAt: apiIsoDateTimeSchema,
  soldAt: apiIsoDateTimeSchema.nullable(),
  paidOutAt: apiIsoDateTimeSchema.nullable(),
});
export type Consignment = z.infer<typeof consignmentSchema>;

/**
 * `GET /users/:userId/consignments` → 200 (verified access only; a masked request is a 403 `verification_required`).
 */
export const consignmentListResponseSchema = z.object({
  consignments: z.array(consignmentSchema),
  access: accessInfoSchema,
});
export type ConsignmentListResponse = z.infer<typeof consignmentListResponseSchema>;

/**
 * An instalment's state as of today (China time): `paid` in full, `overdue` after its due date, `due` within 7
 * days of it, else `upcoming` (apps/api/src/finance/loans.ts).
 */
export const installmentStatusSchema = z.enum(['paid', 'overdue', 'due', 'upcoming']);
export type InstallmentStatus = z.infer<typeof installmentStatusSchema>;

/**
 * One instalment of a loan: `seq` from 1, amounts in integer fen (`amountFen` = principal + interest), `dueDate`
 * as `YYYY-MM-DD`, `overdueDays` (days past due, 0 unless `overdue`).
 */
export const installmentSchema = z.object({
  seq: z.number().int(),
  dueDate: apiIsoDateSchema,
  principalFen: fenSchema,
  interestFen: fenSchema,
  amountFen: fenSchema,
  paidFen: fenSchema,
  paidAt: apiIsoDateTimeSchema.nullable(),
  /** Derived at read time from today's date (China time): due = within the next 7 days. */
  status: installmentStatusSchema,
  overdueDays: z.number().int(),
});
export type Installment = z.infer<typeof installmentSchema>;

/**
 * A loan with its schedule. Money in integer fen; `termMonths` in months; `outstandingFen` is what is unpaid of all
 * instalments; `nextDue` the first unpaid instalment not overdue (null when none); `overdue` counts overdue
 * instalments, their unpaid amount (fen) and the longest lateness (`maxDays`, days). `status` is `settled` when all
 * are paid, `overdue` when any is, else `active`.
 */
export const loanSchema = z.object({
  loanId: z.string(),
  userId: z.string(),
  product: z.string(),
  principalFen: fenSchema,
  termMonths: z.number().int(),
  /** Annual rate in basis points (1 bp = 0.01 %). */
  annualRateBp: z.number().int(),
  disbursedAt: apiIsoDateTimeSchema,
  status: z.enum(['active', 'overdue', 'settled']),
  outstandingFen: fenSchema,
  nextDue: z.object({ seq: z.number().int(), dueDate: apiIsoDateSchema, amountFen: fenSchema }).nullable(),
  overdue: z.object({ count: z.number().int(), amountFen: fenSchema, maxDays: z.number().int() }),
  installments: z.array(installmentSchema),
});
export type Loan = z.infer<typeof loanSchema>;

/** The user's credit line: whether they can withdraw (draw a new loan) now, and why not. */
export const creditLineSchema = z.object({
  limitFen: fenSchema,
  usedFen: fenSchema,
  availableFen: fenSchema,
  canWithdraw: z.boolean(),
  /** Why not, as a code the UI translates. */
  withdrawBlockedReason: z.enum(['no_credit_line', 'frozen', 'overdue', 'limit_exhausted']).nullable(),
  /** Risk team's note when frozen. */
  frozenNote: z.string().nullable(),
});
export type CreditLine = z.infer<typeof creditLineSchema>;

/**
 * `GET /users/:userId/loans` → 200: the credit line and the loans (verified access only, else 403 `verification_required`).
 */
export const loanListResponseSchema = z.object({
  credit: creditLineSchema,
  loans: z.array(loanSchema),
  access: accessInfoSchema,
});
export type LoanListResponse = z.infer<typeof loanListResponseSchema>;

/**
 * `GET /loans/:loanId` → 200: one loan with its instalments (verified access only, else 403 `verification_required`).
 */
export const loanDetailResponseSchema = z.object({ loan: loanSchema, access: accessInfoSchema });
export type LoanDetailResponse = z.infer<typeof loanDetailResponseSchema>;
