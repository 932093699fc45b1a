import { scopedKey, type CustomerScope } from '@octopus/api-client';
import type { ServiceChannel } from '@octopus/contracts';

/** Scoped by user, call and grant: one call's timeline never shows on another. */
export const trackKeys = {
  timeline: (scope: CustomerScope, channel: ServiceChannel | null) => scopedKey('service-track', 'timeline', scope, channel),
};
