import { defineMessages } from '@octopus/ui';
import { shellCommonMessages } from '../i18n/common-messages';

/** Strings of the workbench frame (header, registry, navigation), in both languages. */
export const workbenchMessages = defineMessages({
  ...shellCommonMessages,
  registryFailed: { 'zh-CN': '无法加载模块注册表', 'en-US': 'The remote registry could not be loaded' },
  retry: { 'zh-CN': '重试', 'en-US': 'Retry' },
  logout: { 'zh-CN': '退出', 'en-US': 'Log out' },
  workbenchLink: { 'zh-CN': '工作台', 'en-US': 'Workbench' },
  auditLink: { 'zh-CN': '审计日志', 'en-US': 'Audit log' },
  remoteHealthLink: { 'zh-CN': '模块健康', 'en-US': 'Remote health' },
  'role.agent': { 'zh-CN': '坐席', 'en-US': 'Agent' },
  'role.supervisor': { 'zh-CN': '主管', 'en-US': 'Supervisor' },
  'role.admin': { 'zh-CN': '管理员', 'en-US': 'Admin' },
});
