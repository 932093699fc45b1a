import type { ServiceChannel } from '@octopus/contracts';
import { defineMessages } from '@octopus/ui';

export const messages = defineMessages({
  title: { 'zh-CN': '服务轨迹', 'en-US': 'Service track' },
  filter: { 'zh-CN': '渠道', 'en-US': 'Channel' },
  all: { 'zh-CN': '全部', 'en-US': 'All' },
  empty: { 'zh-CN': '暂无服务记录', 'en-US': 'No contacts yet' },
  more: { 'zh-CN': '加载更早的记录', 'en-US': 'Load older contacts' },
  inbound: { 'zh-CN': '呼入', 'en-US': 'inbound' },
  outbound: { 'zh-CN': '呼出', 'en-US': 'outbound' },
  agent: { 'zh-CN': '坐席 {id}', 'en-US': 'agent {id}' },
  recording: { 'zh-CN': '录音 {ref}', 'en-US': 'recording {ref}' },
  note: { 'zh-CN': '备注', 'en-US': 'Note' },
  noNote: { 'zh-CN': '（无备注）', 'en-US': '(no note)' },
  disposition: { 'zh-CN': '小结：{label}', 'en-US': 'Disposition: {label}' },
});

export const channelMessages = defineMessages<ServiceChannel>({
  call: { 'zh-CN': '电话', 'en-US': 'Call' },
  im: { 'zh-CN': '在线客服', 'en-US': 'IM' },
  ticket: { 'zh-CN': '工单', 'en-US': 'Ticket' },
});

export const CHANNEL_COLORS: Record<ServiceChannel, string> = { call: 'blue', im: 'green', ticket: 'orange' };
