import { defineMessages } from '@octopus/ui';

/** Strings of login and session, in both languages. */
export const sessionMessages = defineMessages({
  loginTitle: { 'zh-CN': '坐席登录', 'en-US': 'Agent login' },
  agentId: { 'zh-CN': '工号', 'en-US': 'Agent ID' },
  password: { 'zh-CN': '密码', 'en-US': 'Password' },
  login: { 'zh-CN': '登录', 'en-US': 'Log in' },
  loginFailedCredentials: { 'zh-CN': '工号或密码错误', 'en-US': 'Wrong agent ID or password' },
  loginFailedUnreachable: { 'zh-CN': '无法连接话务服务器', 'en-US': 'The telephony server is unreachable' },
  loginFailed: { 'zh-CN': '登录失败：{message}', 'en-US': 'Login failed: {message}' },
  loginFailedDisabled: { 'zh-CN': '该账号已停用，请联系主管', 'en-US': 'This account is disabled; ask your supervisor' },
  loginThrottled: {
    'zh-CN': '登录失败次数过多，请 {seconds} 秒后再试',
    'en-US': 'Too many failed attempts; try again in {seconds} s',
  },
  loginThrottledOver: { 'zh-CN': '现在可以再次尝试登录', 'en-US': 'You can try again now' },
  'sessionEnded.ended': {
    'zh-CN': '会话已结束（已在别处退出、被撤销或已过期），请重新登录',
    'en-US': 'Your session ended (logged out elsewhere, revoked or expired); log in again',
  },
  'sessionEnded.expired': {
    'zh-CN': '长时间无操作，已自动退出，请重新登录',
    'en-US': 'You were logged out after a period of inactivity; log in again',
  },
  'sessionEnded.too-many-sessions': {
    'zh-CN': '该坐席打开的会话过多，请关闭其他窗口后重新登录',
    'en-US': 'This agent has too many open sessions; close another window and log in again',
  },
  required: { 'zh-CN': '必填', 'en-US': 'Required' },
});
