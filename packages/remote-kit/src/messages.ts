import { apiErrorMessages } from '@octopus/api-client';
import { defineMessages } from '@octopus/ui';

/** Strings every state of the panel shares: no customer, loading, errors (the api-client's table), retry. */
export const commonMessages = defineMessages({
  ...apiErrorMessages,
  retry: { 'zh-CN': '重试', 'en-US': 'Retry' },
  backToList: { 'zh-CN': '返回列表', 'en-US': 'Back to list' },
  noCustomer: { 'zh-CN': '尚未绑定客户', 'en-US': 'No customer bound yet' },
  noCustomerHint: {
    'zh-CN': '在来电面板中查询并绑定来电客户后，这里会显示其数据。',
    'en-US': 'Search for the caller in the caller panel and bind them; their data shows up here.',
  },
  activeCall: { 'zh-CN': '当前通话', 'en-US': 'Active call' },
  callEnded: { 'zh-CN': '此通话已结束', 'en-US': 'This call has ended' },
  callEndedNoAccess: {
    'zh-CN': '此通话已结束，客户数据的授权随通话结束；已显示的内容仍可查看。',
    'en-US': 'This call has ended, and with it the access to this customer’s data; what was shown stays readable.',
  },
  consultedNoAccess: {
    'zh-CN': '你正在被咨询：客户数据由接待该来电的坐席查看。',
    'en-US': 'You are consulted on this call: the customer’s data stays with the agent handling it.',
  },
  none: { 'zh-CN': '无', 'en-US': 'none' },
  masked: { 'zh-CN': '已脱敏', 'en-US': 'masked' },
  maskedHint: {
    'zh-CN': '来电者未核验：个人信息已脱敏显示。',
    'en-US': 'Caller not verified: personal data is shown masked.',
  },
  maskedValue: { 'zh-CN': '脱敏信息，无法拨打', 'en-US': 'Masked, cannot be dialled' },
  dial: { 'zh-CN': '拨打 {phone}', 'en-US': 'Call {phone}' },
});
