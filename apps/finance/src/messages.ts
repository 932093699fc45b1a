import type { ConsignmentStatus, CreditLine, InstallmentStatus, Loan } from '@octopus/contracts';
import { defineMessages } from '@octopus/ui';

export const messages = defineMessages({
  title: { 'zh-CN': '金融', 'en-US': 'Finance' },
  consignments: { 'zh-CN': '寄售订单', 'en-US': 'Consignment' },
  loans: { 'zh-CN': '借款 / 分期', 'en-US': 'Loans & instalments' },
  withheldTitle: { 'zh-CN': '请先核验来电者身份，才能查看金融数据', 'en-US': 'Verify the caller to see finance data' },
  withheldHint: {
    'zh-CN': '来电者尚未通过身份核验，寄售回款和借款信息按规定不予显示。核验通过后此处会自动刷新。',
    'en-US': 'The caller has not been verified, so consignment payouts and loans are withheld. This refreshes once they are verified.',
  },
  noConsignments: { 'zh-CN': '该客户没有寄售订单', 'en-US': 'This customer has no consignment orders' },
  noLoans: { 'zh-CN': '该客户没有借款', 'en-US': 'This customer has no loans' },
  listed: { 'zh-CN': '挂售价', 'en-US': 'Listed' },
  sold: { 'zh-CN': '成交价', 'en-US': 'Sold' },
  fee: { 'zh-CN': '服务费', 'en-US': 'Fee' },
  payout: { 'zh-CN': '回款', 'en-US': 'Payout' },
  payoutAccount: { 'zh-CN': '回款账户', 'en-US': 'Payout account' },
  createdAt: { 'zh-CN': '创建', 'en-US': 'Created' },
  soldAt: { 'zh-CN': '售出', 'en-US': 'Sold on' },
  paidOutAt: { 'zh-CN': '回款时间', 'en-US': 'Paid out' },
  credit: { 'zh-CN': '授信额度', 'en-US': 'Credit line' },
  limit: { 'zh-CN': '总额度', 'en-US': 'Limit' },
  used: { 'zh-CN': '已用', 'en-US': 'Used' },
  available: { 'zh-CN': '可用', 'en-US': 'Available' },
  canWithdraw: { 'zh-CN': '可提现（可借款）', 'en-US': 'Can withdraw' },
  cannotWithdraw: { 'zh-CN': '不可提现：{reason}', 'en-US': 'Cannot withdraw: {reason}' },
  principal: { 'zh-CN': '本金', 'en-US': 'Principal' },
  term: { 'zh-CN': '{n} 期', 'en-US': '{n} months' },
  rate: { 'zh-CN': '年化 {rate}%', 'en-US': '{rate}% a year' },
  outstanding: { 'zh-CN': '待还', 'en-US': 'Outstanding' },
  nextDue: { 'zh-CN': '下期应还', 'en-US': 'Next due' },
  nextDueValue: { 'zh-CN': '第 {seq} 期 {date} {amount}', 'en-US': 'No. {seq} on {date}: {amount}' },
  noNextDue: { 'zh-CN': '无', 'en-US': 'none' },
  overdue: { 'zh-CN': '逾期', 'en-US': 'Overdue' },
  overdueValue: { 'zh-CN': '{count} 期 共 {amount}，最长 {days} 天', 'en-US': '{count} instalment(s), {amount}, up to {days} days' },
  notOverdue: { 'zh-CN': '无逾期', 'en-US': 'none' },
  installments: { 'zh-CN': '还款计划', 'en-US': 'Instalments' },
  seq: { 'zh-CN': '期数', 'en-US': 'No.' },
  dueDate: { 'zh-CN': '应还日', 'en-US': 'Due' },
  amount: { 'zh-CN': '应还', 'en-US': 'Amount' },
  paid: { 'zh-CN': '已还', 'en-US': 'Paid' },
  instStatus: { 'zh-CN': '状态', 'en-US': 'Status' },
  waiting: { 'zh-CN': '等待工作台传入客户信息…', 'en-US': 'Waiting for the workbench to send the customer…' },
  waitingFor: { 'zh-CN': '（请求的客户：{userId}）', 'en-US': '(requested customer: {userId})' },
});

export const consignmentStatusMessages = defineMessages<ConsignmentStatus>({
  pending_inspection: { 'zh-CN': '待查验', 'en-US': 'Awaiting inspection' },
  inspecting: { 'zh-CN': '查验中', 'en-US': 'Inspecting' },
  listed: { 'zh-CN': '寄售中', 'en-US': 'Listed' },
  sold: { 'zh-CN': '已售出', 'en-US': 'Sold' },
  paid_out: { 'zh-CN': '已回款', 'en-US': 'Paid out' },
  returned: { 'zh-CN': '已退回', 'en-US': 'Returned' },
  cancelled: { 'zh-CN': '已取消', 'en-US': 'Cancelled' },
});

export const loanStatusMessages = defineMessages<Loan['status']>({
  active: { 'zh-CN': '还款中', 'en-US': 'Active' },
  overdue: { 'zh-CN': '已逾期', 'en-US': 'Overdue' },
  settled: { 'zh-CN': '已结清', 'en-US': 'Settled' },
});

export const installmentStatusMessages = defineMessages<InstallmentStatus>({
  paid: { 'zh-CN': '已还', 'en-US': 'Paid' },
  overdue: { 'zh-CN': '逾期', 'en-US': 'Overdue' },
  due: { 'zh-CN': '即将到期', 'en-US': 'Due soon' },
  upcoming: { 'zh-CN': '未到期', 'en-US': 'Upcoming' },
});

export const withdrawReasonMessages = defineMessages<NonNullable<CreditLine['withdrawBlockedReason']>>({
  no_credit_line: { 'zh-CN': '未开通授信', 'en-US': 'no credit line' },
  frozen: { 'zh-CN': '额度已冻结', 'en-US': 'credit line frozen' },
  overdue: { 'zh-CN': '存在逾期', 'en-US': 'overdue instalments' },
  limit_exhausted: { 'zh-CN': '额度已用完', 'en-US': 'limit used up' },
});
