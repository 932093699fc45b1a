import { scopedKey, type CustomerScope } from '@octopus/api-client';

/** Every tickets query is scoped by user, call and grant, so one call's tickets never show on another. */
export const ticketKeys = {
  list: (scope: CustomerScope) => scopedKey('tickets', 'list', scope),
  detail: (scope: CustomerScope, ticketId: string) => scopedKey('tickets', 'detail', scope, ticketId),
};
