import { scopedKey, type CustomerScope } from '@octopus/api-client';

/** Scoped by user, call and grant: a verified re-grant refetches instead of reusing the refusal. */
export const financeKeys = {
  consignments: (scope: CustomerScope) => scopedKey('finance', 'consignments', scope),
  loans: (scope: CustomerScope) => scopedKey('finance', 'loans', scope),
};
