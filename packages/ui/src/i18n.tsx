import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { Locale } from '@octopus/contracts';

/** A message table: one entry per key, each with both languages, so a missing translation is a type error. */
export type Messages<K extends string = string> = Record<K, Record<Locale, string>>;

export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

const LocaleContext = createContext<Locale>('zh-CN');

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

export function translate<K extends string>(
  messages: Messages<K>,
  locale: Locale,
  key: K,
  params?: Record<string, string | number>,
): string {
  const template = messages[key][locale];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `const t = useT(messages); t('hangUp')` — typed keys, `{name}` placeholders. */
export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const locale = useLocale();
  return useCallback((key: K, params?: Record<string, string | number>) => translate(messages, locale, key, params), [messages, locale]);
}

/** `?lng=en-US` switches to English; anything else (or nothing) is Simplified Chinese, our agents' language. */
export function localeFromSearch(search: string): Locale {
  const lng = new URLSearchParams(search).get('lng');
  return lng === 'en-US' || lng === 'en' ? 'en-US' : 'zh-CN';
}
