import { defineMessages } from '@octopus/ui';

export const shellMessages = defineMessages({
  title: { 'zh-CN': 'Octopus 客服工作台', 'en-US': 'Octopus agent workbench' },
  registryFailed: { 'zh-CN': '无法加载模块注册表', 'en-US': 'The remote registry could not be loaded' },
  retry: { 'zh-CN': '重试', 'en-US': 'Retry' },
  noCall: { 'zh-CN': '当前无通话', 'en-US': 'No active call' },
  activeCall: { 'zh-CN': '通话中：{from}', 'en-US': 'On call: {from}' },
  language: { 'zh-CN': 'English', 'en-US': '中文' },
});
