import { defineMessages } from '@octopus/ui';
import { commonMessages } from '../i18n/common-messages';

/** Strings of the customer panel, in both languages. */
export const customerLookupMessages = defineMessages({
  ...commonMessages,
});
