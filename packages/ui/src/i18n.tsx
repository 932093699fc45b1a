import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { Locale } from '@octopus/contracts';

/** A message table: one entry per key, each with both languages, so a missing translation is a type error. */
export type Messages<K extends string = string> = Record<K, Record<Locale, string>>;

/** Declares a message table; returns it unchanged (the type checks that every key has both locales). */
export function defineMessages<K extends string>(messages: Messages<K>): Messages<K> {
  return messages;
}

const LocaleContext = createContext<Locale>('zh-CN');

/** Sets the UI locale for everything below (`useLocale`, `useT`); default without a provider: zh-CN. */
export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

/** The nearest `LocaleProvider`'s locale, zh-CN without one. */
export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** A bound translator: the text of `key` in the current locale, `{name}` placeholders filled from `params`. */
export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/**
 * The text of `key` in `locale`, each `{name}` replaced by `params[name]` (a placeholder without a param stays as
 * written). Never throws for a key of the table (the type allows no other).
 */
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
