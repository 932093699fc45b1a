import { defineMessages } from '@octopus/ui';
import { shellCommonMessages } from '../i18n/common-messages';

/** Strings of the customer panel, in both languages. */
export const customerLookupMessages = defineMessages({
  ...shellCommonMessages,
});
