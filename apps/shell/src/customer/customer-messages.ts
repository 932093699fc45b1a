import { defineMessages } from '@octopus/ui';

// Strings of the customer panel, history, dispositions and call timers, in both languages.
export const customerMessages = defineMessages({
  customerPanel: { 'zh-CN': '客户概览', 'en-US': 'Customer at a glance' },
  name: { 'zh-CN': '姓名', 'en-US': 'Name' },
  level: { 'zh-CN': '会员等级', 'en-US': 'Level' },
  'level.normal': { 'zh-CN': '普通会员', 'en-US': 'Normal' },
  'level.silver': { 'zh-CN': '白银会员', 'en-US': 'Silver' },
  'level.gold': { 'zh-CN': '黄金会员', 'en-US': 'Gold' },
  'level.platinum': { 'zh-CN': '铂金会员', 'en-US': 'Platinum' },
  phones: { 'zh-CN': '注册手机', 'en-US': 'Registered phones' },
  primary: { 'zh-CN': '主号', 'en-US': 'primary' },
  idNumber: { 'zh-CN': '证件号', 'en-US': 'ID number' },
  address: { 'zh-CN': '地址', 'en-US': 'Address' },
  masked: { 'zh-CN': '已脱敏，核验身份后显示完整信息', 'en-US': 'Masked until the caller is verified' },
  loadFailed: { 'zh-CN': '客户信息加载失败：{message}', 'en-US': 'Customer details could not be loaded: {message}' },
  orders: { 'zh-CN': '订单 {count}', 'en-US': 'Orders {count}' },
  openTickets: { 'zh-CN': '未结工单 {count}', 'en-US': 'Open tickets {count}' },
  consignments: { 'zh-CN': '寄售 {count}', 'en-US': 'Consignments {count}' },
  loans: { 'zh-CN': '分期 {count}', 'en-US': 'Loans {count}' },
  consignmentsWithheld: { 'zh-CN': '寄售（核验后可见）', 'en-US': 'Consignments (after verification)' },
  loansWithheld: { 'zh-CN': '分期（核验后可见）', 'en-US': 'Loans (after verification)' },
  latest: { 'zh-CN': '最近：{what}', 'en-US': 'Latest: {what}' },
  none: { 'zh-CN': '暂无', 'en-US': 'None' },
  openTab: { 'zh-CN': '打开“{tab}”标签', 'en-US': 'Open the {tab} tab' },
  'tab.orders': { 'zh-CN': '订单', 'en-US': 'Orders' },
  'tab.tickets': { 'zh-CN': '工单', 'en-US': 'Tickets' },
  'tab.finance': { 'zh-CN': '财务', 'en-US': 'Finance' },
  'ticket.open': { 'zh-CN': '待处理', 'en-US': 'open' },
  'ticket.in_progress': { 'zh-CN': '处理中', 'en-US': 'in progress' },
  'ticket.pending_customer': { 'zh-CN': '待客户回复', 'en-US': 'waiting for the customer' },
  'ticket.resolved': { 'zh-CN': '已解决', 'en-US': 'resolved' },
  'ticket.closed': { 'zh-CN': '已关闭', 'en-US': 'closed' },

  // history
  history: { 'zh-CN': '历史记录（来电与工单）', 'en-US': 'History (calls and tickets)' },
  historyEmpty: { 'zh-CN': '暂无来电或工单记录', 'en-US': 'No past calls or tickets' },
  historySearchLevel: {
    'zh-CN': '非通话中查询：只显示联系时间、渠道、技能组、小结和工单状态，不显示备注和内容',
    'en-US': 'Outside a call: when and how the customer contacted us, groups, dispositions and ticket status; no notes or texts',
  },
  historyFailed: { 'zh-CN': '历史记录加载失败：{message}', 'en-US': 'History could not be loaded: {message}' },
  inboundCall: { 'zh-CN': '呼入电话', 'en-US': 'Inbound call' },
  outboundCall: { 'zh-CN': '外呼电话', 'en-US': 'Outbound call' },
  ticket: { 'zh-CN': '工单', 'en-US': 'Ticket' },
  byAgent: { 'zh-CN': '坐席 {id}', 'en-US': 'agent {id}' },

  // lookup outside a call
  lookup: { 'zh-CN': '客户查询', 'en-US': 'Customer lookup' },
  lookupTitle: { 'zh-CN': '查询客户历史', 'en-US': 'Look up a customer’s history' },
  lookupValue: { 'zh-CN': '查询内容', 'en-US': 'Search for' },
  lookupNoResults: { 'zh-CN': '没有找到客户', 'en-US': 'No customer found' },
  lookupFailed: { 'zh-CN': '查询失败：{message}', 'en-US': 'Search failed: {message}' },
  showHistory: { 'zh-CN': '查看历史', 'en-US': 'Show history' },
  close: { 'zh-CN': '关闭', 'en-US': 'Close' },

  // dispositions (wrap-up codes)
  disposition: { 'zh-CN': '小结', 'en-US': 'Disposition' },
  dispositionPlaceholder: { 'zh-CN': '选择小结', 'en-US': 'Choose a disposition' },
  dispositionRequired: {
    'zh-CN': '本技能组要求先选择小结：选定之前话后处理不会结束，也不能切换状态或外呼',
    'en-US': 'This group needs a disposition: after-call work does not end, and you cannot change state or call out, until you choose one',
  },
  /** Shown in the header instead of the countdown once after-call work waits only for a required code (kept short: one line at 1280 px). */
  dispositionAwaited: { 'zh-CN': '待选小结', 'en-US': 'Disposition needed' },
  dispositionFailed: { 'zh-CN': '小结保存失败：{message}', 'en-US': 'The disposition was not saved: {message}' },
  dispositionNone: { 'zh-CN': '未选择小结', 'en-US': 'No disposition' },
  dispositionAdd: { 'zh-CN': '补选小结', 'en-US': 'Add a disposition' },

  // call direction and timers
  ringingOutbound: { 'zh-CN': '外呼振铃', 'en-US': 'Calling out' },
  outboundCallTag: { 'zh-CN': '外呼', 'en-US': 'Outbound call' },
  holdFor: { 'zh-CN': '保持中 {time}', 'en-US': 'On hold {time}' },
  callOutNotAllowed: {
    'zh-CN': '现在不能外呼 {number}：有通话进行中，或此窗口没有话机',
    'en-US': 'Cannot call {number} now: a call is in progress or this tab does not hold the phone',
  },
});
