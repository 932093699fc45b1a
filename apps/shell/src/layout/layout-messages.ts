import { defineMessages } from '@octopus/ui';
import { shellCommonMessages } from '../i18n/common-messages';

/** Strings of agent status and connection, in both languages. */
export const layoutMessages = defineMessages({
  ...shellCommonMessages,
  language: { 'zh-CN': 'English', 'en-US': '中文' },
  'connection.connected': { 'zh-CN': '已连接', 'en-US': 'Connected' },
  'connection.connecting': { 'zh-CN': '连接中', 'en-US': 'Connecting' },
  'connection.reconnecting': { 'zh-CN': '重连中', 'en-US': 'Reconnecting' },
  'connection.offline': { 'zh-CN': '离线', 'en-US': 'Offline' },
  'connection.session-ended': { 'zh-CN': '会话已结束', 'en-US': 'Session ended' },
  bannerReconnecting: {
    'zh-CN': '与话务服务器的连接中断，正在重连……{seconds} 秒内通话为你保留。',
    'en-US': 'Connection to the telephony server lost; reconnecting… your calls are kept for {seconds} s.',
  },
  bannerReconnectingLate: {
    'zh-CN': '与话务服务器的连接中断，正在重连……已超过保留时间，等待你的通话可能已转给他人。',
    'en-US': 'Connection to the telephony server lost; reconnecting… past the hold time, calls waiting for you may have moved on.',
  },
  bannerOffline: { 'zh-CN': '未连接话务服务器，无法接听来电。', 'en-US': 'Not connected to the telephony server: no calls can reach you.' },
  otherTabHasPhone: {
    'zh-CN': '话机在本坐席的另一个窗口中，此窗口只读跟随。',
    'en-US': 'Another tab of yours holds the phone; this tab follows read-only.',
  },
  takePhone: { 'zh-CN': '在此窗口接管话机', 'en-US': 'Use the phone here' },
  stateFor: { 'zh-CN': '{state} · {time}', 'en-US': '{state} · {time}' },
  nextState: { 'zh-CN': '通话结束后：{state}', 'en-US': 'After this call: {state}' },
  wrapUpLeft: { 'zh-CN': '剩余 {seconds} 秒', 'en-US': '{seconds}s left' },
  endWrapUpShort: { 'zh-CN': '结束话后处理', 'en-US': 'End' },
  agentStatus: { 'zh-CN': '坐席状态', 'en-US': 'Agent status' },
});
