import { defineMessages } from '@octopus/ui';
import { commonMessages } from './common-messages';

/** Strings of the language switch, in both languages. */
export const languageMessages = defineMessages({
  ...commonMessages,
});
