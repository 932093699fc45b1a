import { scopedKey, type CustomerScope } from '@octopus/api-client';
import type { OrderStatus } from '@octopus/contracts';

/** Scoped by user, call and grant: one call's orders never show on another. */
export const orderKeys = {
  list: (scope: CustomerScope, status: OrderStatus | null, page: number) => scopedKey('orders', 'list', scope, status, page),
  detail: (scope: CustomerScope, orderId: string) => scopedKey('orders', 'detail', scope, orderId),
  tickets: (scope: CustomerScope) => scopedKey('orders', 'tickets', scope),
};
