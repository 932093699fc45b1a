import type { AgentState } from '@octopus/contracts';
import { defineMessages } from '@octopus/ui';

/** The supervisor board's words. */
export const boardMessages = defineMessages({
  agents: { 'zh-CN': '坐席', 'en-US': 'Agents' },
  queues: { 'zh-CN': '队列', 'en-US': 'Queues' },
  calls: { 'zh-CN': '通话', 'en-US': 'Live calls' },
  agent: { 'zh-CN': '坐席', 'en-US': 'Agent' },
  state: { 'zh-CN': '状态', 'en-US': 'State' },
  inState: { 'zh-CN': '持续', 'en-US': 'Time in state' },
  groups: { 'zh-CN': '技能组', 'en-US': 'Groups' },
  group: { 'zh-CN': '技能组', 'en-US': 'Group' },
  currentCall: { 'zh-CN': '当前通话', 'en-US': 'Current call' },
  missed: { 'zh-CN': '今日未接', 'en-US': 'Missed rings today' },
  waiting: { 'zh-CN': '排队', 'en-US': 'Waiting' },
  longestWait: { 'zh-CN': '最长等待', 'en-US': 'Longest wait' },
  serviceLevel: { 'zh-CN': '服务水平（20 秒）', 'en-US': 'Service level (20 s)' },
  overflowed: { 'zh-CN': '溢出', 'en-US': 'Overflowed' },
  abandoned: { 'zh-CN': '放弃', 'en-US': 'Abandoned' },
  answered: { 'zh-CN': '已接听', 'en-US': 'Answered' },
  staffing: { 'zh-CN': '空闲 / 在线', 'en-US': 'Idle / online' },
  caller: { 'zh-CN': '来电号码', 'en-US': 'Caller' },
  duration: { 'zh-CN': '时长', 'en-US': 'Duration' },
  verification: { 'zh-CN': '核身', 'en-US': 'Verification' },
  callState: { 'zh-CN': '通话状态', 'en-US': 'Call state' },
  actions: { 'zh-CN': '操作', 'en-US': 'Actions' },
  setState: { 'zh-CN': '设置 {agent} 的状态', 'en-US': 'Set the state of {agent}' },
  routeTo: { 'zh-CN': '分配给坐席', 'en-US': 'Route to agent' },
  routeLabel: { 'zh-CN': '将来电 {number} 分配给坐席', 'en-US': 'Route the call from {number} to an agent' },
  none: { 'zh-CN': '—', 'en-US': '—' },
  noCalls: { 'zh-CN': '当前没有通话', 'en-US': 'No live calls' },
  noRows: { 'zh-CN': '暂无数据', 'en-US': 'Nothing yet' },
  offline: { 'zh-CN': '未连接', 'en-US': 'Not connected' },
  failed: { 'zh-CN': '无法读取实时数据', 'en-US': 'The live data could not be read' },
  actionFailed: { 'zh-CN': '操作未成功：{message}', 'en-US': 'Not done: {message}' },
  updated: { 'zh-CN': '更新于 {time}', 'en-US': 'Updated {time}' },
});

/** Agent states in words. */
export const agentStateMessages = defineMessages<AgentState>({
  idle: { 'zh-CN': '空闲', 'en-US': 'Idle' },
  busy: { 'zh-CN': '忙碌', 'en-US': 'Busy' },
  break: { 'zh-CN': '小休', 'en-US': 'Break' },
  meeting: { 'zh-CN': '会议', 'en-US': 'Meeting' },
  offline: { 'zh-CN': '离线', 'en-US': 'Offline' },
  ringing: { 'zh-CN': '振铃', 'en-US': 'Ringing' },
  talking: { 'zh-CN': '通话中', 'en-US': 'Talking' },
  'wrap-up': { 'zh-CN': '话后处理', 'en-US': 'Wrap-up' },
});

/** A live call's phase in words. */
export const phaseMessages = defineMessages({
  queued: { 'zh-CN': '排队中', 'en-US': 'Queued' },
  ringing: { 'zh-CN': '振铃中', 'en-US': 'Ringing' },
  connected: { 'zh-CN': '通话中', 'en-US': 'Connected' },
  held: { 'zh-CN': '保持中', 'en-US': 'On hold' },
});

/** A caller's verification in words. */
export const verificationMessages = defineMessages({
  verified: { 'zh-CN': '已核身', 'en-US': 'Verified' },
  failed: { 'zh-CN': '核身失败', 'en-US': 'Failed' },
  skipped: { 'zh-CN': '未核身（跳过）', 'en-US': 'Skipped' },
  unverified: { 'zh-CN': '未核身', 'en-US': 'Unverified' },
  'ivr-phone': { 'zh-CN': 'IVR 手机号', 'en-US': 'IVR phone' },
  'ivr-id-suffix': { 'zh-CN': 'IVR 证件号', 'en-US': 'IVR ID digits' },
  'agent-confirm': { 'zh-CN': '坐席确认', 'en-US': 'Agent confirmed' },
  'agent-search': { 'zh-CN': '坐席查找', 'en-US': 'Agent search' },
});
