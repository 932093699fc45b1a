import type { ReactNode } from 'react';
import { App as AntdApp, ConfigProvider, theme } from './antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { Locale } from '@octopus/contracts';
import { LocaleProvider } from './i18n';

const antdLocales = { 'zh-CN': zhCN, 'en-US': enUS } as const;

/** The one look of Octopus: brand colour, compact density for a dense workbench. */
export const octopusTheme = {
  algorithm: theme.defaultAlgorithm,
  token: { colorPrimary: '#1f6feb', borderRadius: 6, fontSize: 14 },
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
