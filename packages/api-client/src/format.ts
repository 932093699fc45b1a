import type { Locale } from '@octopus/contracts';

/** Money arrives as integer fen; shown as yuan with two decimals, never through float arithmetic on fen sums. */
export function formatFen(fen: number, locale: Locale): string {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  const grouped = yuan.toLocaleString(locale === 'zh-CN' ? 'zh-CN' : 'en-US');
  return `${negative ? '-' : ''}¥${grouped}.${cents}`;
}

/** ISO timestamp → local date and time, in the agent's language. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** A masked value from the api (`138****8000`, `张**`): the UI shows it as-is and never tries to unmask. */
export function isMaskedValue(value: string | null | undefined): boolean {
  return typeof value === 'string' && /\*{2,}/.test(value);
}
