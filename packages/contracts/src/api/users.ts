import { z } from 'zod';
import { accessInfoSchema, apiEntityIdSchema, apiIsoDateTimeSchema, apiMobileSchema } from './common';

/** The customer's membership tier, lowest to highest. */
export const memberLevelSchema = z.enum(['normal', 'silver', 'gold', 'platinum']);
export type MemberLevel = z.infer<typeof memberLevelSchema>;

/**
 * `GET /users/search`: exactly one of phone, orderId or idSuffix (last 4–6 characters of the
 * 18-character ID number; X may be upper or lower case).
 */
export const userSearchQuerySchema = z
  .object({
    phone: apiMobileSchema.optional(),
    orderId: apiEntityIdSchema.optional(),
    idSuffix: z
      .string()
      .regex(/^[0-9]{3,5}[0-9Xx]$/, 'must be the last 4–6 characters of an ID number')
      .optional(),
  })
  .refine((q) => [q.phone, q.orderId, q.idSuffix].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of phone, orderId, idSuffix',
    path: ['phone'],
  });
export type UserSearchQuery = z.infer<typeof userSearchQuerySchema>;

/** What search reveals: always masked, enough to pick and bind a caller. */
export const userSearchResultSchema = z.object({
  userId: z.string(),
  maskedName: z.string(),
  maskedPhones: z.array(z.string()),
  level: memberLevelSchema,
  registeredAt: apiIsoDateTimeSchema,
  matchedBy: z.enum(['phone', 'order', 'id-suffix']),
});
export type UserSearchResult = z.infer<typeof userSearchResultSchema>;

/** `GET /users/search` → 200: matching customers, masked (empty when none match). */
export const userSearchResponseSchema = z.object({ results: z.array(userSearchResultSchema) });
export type UserSearchResponse = z.infer<typeof userSearchResponseSchema>;

/** A postal address (Chinese administrative levels); `full` is the whole line, masked like `detail` when masked. */
export const addressSchema = z.object({
  province: z.string(),
  city: z.string(),
  district: z.string(),
  /** Street and house number; "****" when masked. */
  detail: z.string(),
  full: z.string(),
});
export type Address = z.infer<typeof addressSchema>;

/** One of the customer's registered phone numbers (masked when the access is); `primary` marks the main one. */
export const userPhoneSchema = z.object({ phone: z.string(), primary: z.boolean() });

/** `GET /users/:userId`. When `access.masked`, name/phones/ID number/address are masked. */
export const userProfileSchema = z.object({
  userId: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  phones: z.array(userPhoneSchema),
  idNumber: z.string(),
  address: addressSchema,
  level: memberLevelSchema,
  registeredAt: apiIsoDateTimeSchema,
  stats: z.object({ orders: z.number().int(), openTickets: z.number().int() }),
  access: accessInfoSchema,
});
export type UserProfile = z.infer<typeof userProfileSchema>;
