import { z } from 'zod';
import { accessInfoSchema, fenSchema, apiIsoDateSchema, apiIsoDateTimeSchema } from './common';

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

export const consignmentListResponseSchema = z.object({
  consignments: z.array(consignmentSchema),
  access: accessInfoSchema,
});
export type ConsignmentListResponse = z.infer<typeof consignmentListResponseSchema>;

export const installmentStatusSchema = z.enum(['paid', 'overdue', 'due', 'upcoming']);
export type InstallmentStatus = z.infer<typeof installmentStatusSchema>;

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

export const loanListResponseSchema = z.object({
  credit: creditLineSchema,
  loans: z.array(loanSchema),
  access: accessInfoSchema,
});
export type LoanListResponse = z.infer<typeof loanListResponseSchema>;

export const loanDetailResponseSchema = z.object({ loan: loanSchema, access: accessInfoSchema });
export type LoanDetailResponse = z.infer<typeof loanDetailResponseSchema>;
