import type { ReactNode } from 'react';
import { App as AntdApp, ConfigProvider, theme } from './antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { Locale } from '@octopus/contracts';
import { LocaleProvider } from './i18n';

const antdLocales = { 'zh-CN': zhCN, 'en-US': enUS } as const;

/**
 * Text colours that reach WCAG 2.1 AA contrast (4.5:1 for normal text, SC 1.4.3) on white and on
 * antd's tinted backgrounds (tag and alert fills, `#e6f4ff`-like tints), measured by axe-core in the
 * e2e suite (e2e/a11y-layout.spec.ts). antd's defaults miss it: secondary/description text is
 * rgba(0,0,0,0.45) (3.4:1), error text #ff4d4f (3.3:1), info/link #1677ff (4.1:1), hover #4894f7
 * (3.1:1), and a preset tag's text is its palette's 7th shade on the 1st (green 3.4:1, gold 2.8:1).
 * Ratios from the WCAG relative-luminance formula against antd 6's generated palettes.
 */
const ACCESSIBLE_TEXT = {
  // ≥ 5.4:1 on white, ≥ 5:1 on #eff6ff / #f8fafc (the call list's tints).
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  colorTextDescription: 'rgba(0, 0, 0, 0.6)',
  // Placeholders (antd: rgba(0,0,0,0.25), 1.9:1): axe counts them as text, e.g. a disposition picker's prompt.
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  // Links and info (processing tags): 5.9:1 on white, 5.3:1 on #e6f4ff. Hover darkens instead of lightening.
  colorInfo: '#1a5fcc',
  colorLink: '#1a5fcc',
  colorLinkHover: '#1052c4',
  colorPrimaryHover: '#1052c4',
  // Danger text and buttons: 5.6:1 on white, 5.1:1 on #fff1f0.
  colorError: '#cf1322',
  colorErrorHover: '#a8071a',
  colorErrorText: '#cf1322',
  // Status tags (success / warning) take their text from these.
  colorSuccess: '#237804',
  colorWarning: '#ad4e00',
} as const;

/**
 * Preset tag text (a palette's 7th shade) raised to ≥ 4.5:1 on the palette's 1st shade (the tag's
 * fill): the 8th or 9th shade of the same palette. antd keeps each shade under two keys (`green7`
 * and `green-7`, one CSS variable `--ant-green-7`), so both are set.
 */
const PRESET_TEXT: Record<string, string> = { volcano: '#ad2102', orange: '#ad4e00', gold: '#874d00', yellow: '#876800', lime: '#3f6600', green: '#237804', cyan: '#006d75' };
const PRESET_TEXT_TOKENS = Object.fromEntries(Object.entries(PRESET_TEXT).flatMap(([palette, colour]) => [[`${palette}7`, colour], [`${palette}-7`, colour]]));

/** The one look of Octopus: brand colour, compact density for a dense workbench, AA-contrast text. */
export const octopusTheme = {
  algorithm: theme.defaultAlgorithm,
  token: { colorPrimary: '#1f6feb', borderRadius: 6, fontSize: 14, ...ACCESSIBLE_TEXT, ...PRESET_TEXT_TOKENS },
};

/** antd theme + antd locale + our locale. The shell wraps everything in it; the remote harness does too. */
export function OctopusUiProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <ConfigProvider locale={antdLocales[locale]} theme={octopusTheme}>
      <AntdApp>
        <LocaleProvider locale={locale}>{children}</LocaleProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
