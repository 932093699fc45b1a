import { defineMessages } from '@octopus/ui';

/** The operations tab's own words (each screen keeps its own table in its folder). */
export const messages = defineMessages({
  title: { 'zh-CN': '运营', 'en-US': 'Operations' },
  screens: { 'zh-CN': '运营页面', 'en-US': 'Operations screens' },
  loading: { 'zh-CN': '正在加载…', 'en-US': 'Loading…' },
  forbidden: { 'zh-CN': '仅主管和管理员可查看', 'en-US': 'For supervisors and admins' },
});
