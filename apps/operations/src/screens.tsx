// The operations remote's screens: ONE entry per screen, each in its own folder (`src/<screen>/`), loaded
// lazily so the tab's first paint (and every supervisor's login) carries none of their code.
// To add a screen: create `src/<key>/<Name>Screen.tsx` exporting `<Name>Screen(props: RemoteProps)` and add one line below.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Locale, RemoteProps } from '@octopus/contracts';

/** One screen of the operations tab: its key (also its folder), its title per locale, its lazily loaded component. */
export interface OperationsScreen {
  key: string;
  title: Record<Locale, string>;
  Screen: LazyExoticComponent<ComponentType<RemoteProps>>;
}

/** The screens, in tab order. */
export const SCREENS: readonly OperationsScreen[] = [
  { key: 'board', title: { 'zh-CN': '实时监控', 'en-US': 'Live board' }, Screen: lazy(() => import('./board/BoardScreen').then((m) => ({ default: m.BoardScreen }))) },
  { key: 'ivr', title: { 'zh-CN': '语音导航', 'en-US': 'IVR designer' }, Screen: lazy(() => import('./ivr/IvrScreen').then((m) => ({ default: m.IvrScreen }))) },
  { key: 'report', title: { 'zh-CN': '效果报表', 'en-US': 'Effectiveness report' }, Screen: lazy(() => import('./report/ReportScreen').then((m) => ({ default: m.ReportScreen }))) },
];

/** The screens' titles as a message table (checked for both locales with every other table). */
export const screenTitles: Record<string, Record<Locale, string>> = Object.fromEntries(SCREENS.map((screen) => [screen.key, screen.title]));
