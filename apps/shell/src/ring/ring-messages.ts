import { defineMessages } from '@octopus/ui';

/** Strings of the ring alert, in both languages. */
export const ringMessages = defineMessages({
  incoming: { 'zh-CN': '来电 {number}', 'en-US': 'Incoming call {number}' },
  transferOffered: { 'zh-CN': '转接来电 {number}', 'en-US': 'Transferred call {number}' },
  consultOffered: { 'zh-CN': '咨询请求（来自坐席 {agent}）', 'en-US': 'Consultation request from agent {agent}' },
  secondsLeft: { 'zh-CN': '剩余 {seconds} 秒', 'en-US': '{seconds} s left' },
  // Not "Answer"/"接听": the phone bar's Answer button keeps that name alone (a stable hook other teams' tests use).
  answer: { 'zh-CN': '接起来电', 'en-US': 'Pick up' },
  answerHint: { 'zh-CN': '快捷键 Alt+A（macOS：Option+A）', 'en-US': 'Shortcut Alt+A (macOS: Option+A)' },
  mute: { 'zh-CN': '关闭铃声', 'en-US': 'Mute ringtone' },
  unmute: { 'zh-CN': '打开铃声', 'en-US': 'Unmute ringtone' },
  titleRinging: { 'zh-CN': '📞 来电 {number}', 'en-US': '📞 Incoming call {number}' },
  notificationTitle: { 'zh-CN': 'Octopus 来电', 'en-US': 'Octopus: incoming call' },
  notificationBody: { 'zh-CN': '{number} 正在振铃，请回到工作台接听。', 'en-US': '{number} is ringing: return to the workbench to answer.' },
  announce: { 'zh-CN': '来电 {number}，剩余 {seconds} 秒。按 Alt+A 接听。', 'en-US': 'Incoming call {number}, {seconds} seconds to answer. Press Alt+A to answer.' },
});
