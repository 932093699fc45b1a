import { defineMessages } from '@octopus/ui';
import { shellCommonMessages } from '../i18n/common-messages';

/** Strings of the caller panel and verification, in both languages. */
export const callerMessages = defineMessages({
  ...shellCommonMessages,
  ringingIncoming: { 'zh-CN': '来电振铃', 'en-US': 'Incoming call' },
  transferOffered: { 'zh-CN': '{agent} 转来的电话', 'en-US': 'Transfer from {agent}' },
  consultOffered: { 'zh-CN': '{agent} 发起的咨询', 'en-US': 'Consultation from {agent}' },
  inConference: { 'zh-CN': '三方通话中', 'en-US': 'In conference' },
  transferringTo: { 'zh-CN': '正在转接至 {target}……', 'en-US': 'Transferring to {target}…' },
  consultingWith: { 'zh-CN': '正在咨询 {target}（{state}）', 'en-US': 'Consulting {target} ({state})' },
  consultRinging: { 'zh-CN': '振铃中', 'en-US': 'ringing' },
  consultTalking: { 'zh-CN': '通话中', 'en-US': 'talking' },
  callerPanel: { 'zh-CN': '来电信息', 'en-US': 'Caller' },
  noActiveCallHint: { 'zh-CN': '空闲时来电会在这里弹出。', 'en-US': 'Incoming calls pop up here.' },
  customer: { 'zh-CN': '客户', 'en-US': 'Customer' },
  unknownCustomer: { 'zh-CN': '未识别客户', 'en-US': 'Unidentified caller' },
  ownNumber: { 'zh-CN': '使用本人注册号码来电', 'en-US': 'Calling from the account’s own number' },
  otherNumber: { 'zh-CN': '非注册号码来电', 'en-US': 'Calling from another number' },
  number: { 'zh-CN': '号码', 'en-US': 'Number' },
  callerIdShown: { 'zh-CN': '外显号码 {callerId}', 'en-US': 'Caller ID {callerId}' },
  verifyTitle: { 'zh-CN': '身份核验', 'en-US': 'Verify the caller' },
  noResults: { 'zh-CN': '没有找到客户', 'en-US': 'No customer found' },
  select: { 'zh-CN': '选择', 'en-US': 'Select' },
  selected: { 'zh-CN': '已选择', 'en-US': 'Selected' },
  confirmInputLabel: {
    'zh-CN': '客户口述的注册手机号或证件号后几位',
    'en-US': 'Registered phone or ID suffix the caller tells you',
  },
  checkFailed: { 'zh-CN': '核对不一致，剩余 {left} 次', 'en-US': 'Does not match; {left} attempts left' },
  checkPassed: { 'zh-CN': '核对一致', 'en-US': 'Matches' },
  bindVerified: { 'zh-CN': '确认身份并绑定', 'en-US': 'Confirm identity and bind' },
  bindWithoutCheck: { 'zh-CN': '仅绑定（查询确认）', 'en-US': 'Bind (identified by search)' },
  identifiedNotVerified: {
    'zh-CN': '已识别来电者为客户 {userId}，但尚未核验身份',
    'en-US': 'Caller identified as customer {userId}, not verified',
  },
  identifiedNotVerifiedHint: {
    'zh-CN': '资料保持脱敏，财务数据不显示。请核对客户口述的注册手机号或证件号后几位以完成核验。',
    'en-US': 'Data stays masked and finance is hidden. Check the registered phone or ID suffix the caller tells you to verify them.',
  },
  verificationSteps: { 'zh-CN': '核验记录', 'en-US': 'Verification steps' },
  maskedHint: { 'zh-CN': '客户未核验，资料已脱敏', 'en-US': 'Caller not verified: data is masked' },
});
