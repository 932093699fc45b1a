import { defineMessages } from '@octopus/ui';
import { shellCommonMessages } from '../i18n/common-messages';

/** Strings of the call list, call records and notes, in both languages. */
export const callListMessages = defineMessages({
  ...shellCommonMessages,
  currentCalls: { 'zh-CN': '当前通话', 'en-US': 'Current calls' },
  recentCalls: { 'zh-CN': '最近通话', 'en-US': 'Recent calls' },
  noCurrentCalls: { 'zh-CN': '暂无通话', 'en-US': 'No calls right now' },
  noRecords: { 'zh-CN': '暂无通话记录', 'en-US': 'No call records yet' },
  recordsFailed: { 'zh-CN': '通话记录加载失败：{message}', 'en-US': 'Call records failed to load: {message}' },
  connectTime: { 'zh-CN': '接通时间', 'en-US': 'Connected' },
  notConnected: { 'zh-CN': '未接通', 'en-US': 'Not connected' },
  rating: { 'zh-CN': '评价', 'en-US': 'Rating' },
  notePlaceholder: { 'zh-CN': '输入通话备注，自动保存', 'en-US': 'Type a note; it saves as you type' },
  'note.saving': { 'zh-CN': '保存中…', 'en-US': 'Saving…' },
  'note.saved': { 'zh-CN': '已保存', 'en-US': 'Saved' },
  'note.waiting': { 'zh-CN': '草稿已保留，通话记录生成后自动保存', 'en-US': 'Draft kept; saves once the call record exists' },
  'note.error': { 'zh-CN': '保存失败，稍后重试：{message}', 'en-US': 'Not saved, retrying: {message}' },
  'note.idle': { 'zh-CN': ' ', 'en-US': ' ' },
  delete: { 'zh-CN': '删除', 'en-US': 'Delete' },
  deleteConfirm: { 'zh-CN': '删除这条通话记录？', 'en-US': 'Delete this call record?' },
  inbound: { 'zh-CN': '呼入', 'en-US': 'Inbound' },
  outbound: { 'zh-CN': '呼出', 'en-US': 'Outbound' },
  duration: { 'zh-CN': '时长 {duration}', 'en-US': 'Duration {duration}' },
  'call.ringing': { 'zh-CN': '振铃', 'en-US': 'Ringing' },
  'call.talking': { 'zh-CN': '通话中', 'en-US': 'Talking' },
  'call.held': { 'zh-CN': '保持', 'en-US': 'On hold' },
  'call.consulting': { 'zh-CN': '咨询中', 'en-US': 'Consulting' },
  'call.transferring': { 'zh-CN': '转接中', 'en-US': 'Transferring' },
  'call.wrap-up': { 'zh-CN': '话后处理', 'en-US': 'After-call work' },
  'call.ended': { 'zh-CN': '已结束', 'en-US': 'Ended' },
});
