import { z } from 'zod';
import { accessInfoSchema, fenSchema, apiIsoDateTimeSchema, apiLimitParam, apiOffsetParam } from './common';

/** A resale platform's order: paid → seller ships to us → authenticated → shipped to buyer → delivered → completed. */
export const orderStatusSchema = z.enum([
  'pending_payment',
  'paid',
  'authenticating',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'refunding',
  'refunded',
]);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/**
 * `GET /users/:userId/orders`: an optional status filter and a page (`limit` 1–100, default 20; `offset` default 0).
 */
export const orderListQuerySchema = z.object({
  status: orderStatusSchema.optional(),
  limit: apiLimitParam(100, 20),
  offset: apiOffsetParam,
});
export type OrderListQuery = z.infer<typeof orderListQuerySchema>;

/**
 * One line of an order: `line` from 1, unit `priceFen` in integer fen, `quantity` in pieces, `size` as sold (e.g. `42.5`).
 */
export const orderItemSchema = z.object({
  line: z.number().int(),
  sku: z.string(),
  brand: z.string(),
  name: z.string(),
  category: z.enum(['sneakers', 'apparel', 'accessories']),
  size: z.string(),
  color: z.string(),
  priceFen: fenSchema,
  quantity: z.number().int(),
});
export type OrderItem = z.infer<typeof orderItemSchema>;

/**
 * An order in a list: `totalFen` in integer fen, `itemCount` in pieces, `createdAt` ISO 8601 UTC; carrier and
 * tracking number once shipped, else null.
 */
export const orderSummarySchema = z.object({
  orderId: z.string(),
  userId: z.string(),
  status: orderStatusSchema,
  createdAt: apiIsoDateTimeSchema,
  totalFen: fenSchema,
  itemCount: z.number().int(),
  /** First item's label, e.g. "Nike Air Jordan 1 High OG · 42.5". */
  headline: z.string(),
  logisticsCompany: z.string().nullable(),
  trackingNo: z.string().nullable(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

/** `GET /users/:userId/orders` → 200: one page, newest first, and `total` orders matching the filter. */
export const orderListResponseSchema = z.object({
  orders: z.array(orderSummarySchema),
  total: z.number().int(),
  access: accessInfoSchema,
});
export type OrderListResponse = z.infer<typeof orderListResponseSchema>;

/** One carrier scan of a shipment: when (ISO 8601 UTC), the carrier's status text, where, and its description. */
export const logisticsEventSchema = z.object({
  at: apiIsoDateTimeSchema,
  status: z.string(),
  location: z.string(),
  description: z.string(),
});
export type LogisticsEvent = z.infer<typeof logisticsEventSchema>;

/**
 * `GET /orders/:orderId` → 200: the order with items, receiver (masked for unverified access), payment and
 * shipping times (ISO 8601 UTC, null until they happen) and logistics events.
 */
export const orderDetailSchema = orderSummarySchema.extend({
  items: z.array(orderItemSchema),
  receiver: z.object({ name: z.string(), phone: z.string(), address: z.string() }),
  paidAt: apiIsoDateTimeSchema.nullable(),
  paymentMethod: z.string().nullable(),
  shippedAt: apiIsoDateTimeSchema.nullable(),
  deliveredAt: apiIsoDateTimeSchema.nullable(),
  /** Newest event first. */
  logistics: z.array(logisticsEventSchema),
  access: accessInfoSchema,
});
export type OrderDetail = z.infer<typeof orderDetailSchema>;
