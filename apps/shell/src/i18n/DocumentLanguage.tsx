import { useEffect } from 'react';
import { useLocale, useT } from '@octopus/ui';
import { languageMessages } from './language-messages';

/**
 * Keeps `<html lang>` and the document title in the page's language: screen readers pick their voice
 * and browsers their fonts from `lang`, and the tab title is what the agent sees in the task bar.
 * index.html ships `lang="zh-CN"` and the Chinese title (the default) until this runs.
 */
export function DocumentLanguage() {
  const t = useT(languageMessages);
  const locale = useLocale();
  const title = t('title');
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = title;
  }, [locale, title]);
  return null;
}
