import { defineMessages } from '@octopus/ui';
import { shellCommonMessages } from './common-messages';

/** Strings of the language switch, in both languages. */
export const languageMessages = defineMessages({
  ...shellCommonMessages,
});
