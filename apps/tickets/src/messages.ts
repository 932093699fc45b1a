import type { TicketCategory, TicketPriority, TicketStatus } from '@octopus/contracts';
import { defineMessages } from '@octopus/ui';

export const messages = defineMessages({
  title: { 'zh-CN': '工单', 'en-US': 'Tickets' },
  listTitle: { 'zh-CN': '客户工单', 'en-US': 'Customer tickets' },
  empty: { 'zh-CN': '该客户暂无工单', 'en-US': 'This customer has no tickets' },
  newTicket: { 'zh-CN': '新建工单', 'en-US': 'New ticket' },
  cancel: { 'zh-CN': '取消', 'en-US': 'Cancel' },
  fieldTitle: { 'zh-CN': '标题', 'en-US': 'Title' },
  fieldCategory: { 'zh-CN': '类型', 'en-US': 'Type' },
  fieldPriority: { 'zh-CN': '优先级', 'en-US': 'Priority' },
  fieldDescription: { 'zh-CN': '问题描述', 'en-US': 'Description' },
  fieldOrder: { 'zh-CN': '关联订单号（可选）', 'en-US': 'Related order (optional)' },
  linkedCall: { 'zh-CN': '关联通话', 'en-US': 'Linked call' },
  recording: { 'zh-CN': '录音', 'en-US': 'Recording' },
  submit: { 'zh-CN': '提交工单', 'en-US': 'Create ticket' },
  created: { 'zh-CN': '工单 {id} 已创建', 'en-US': 'Ticket {id} created' },
  needCall: {
    'zh-CN': '工单需从通话中创建：当前没有通话。',
    'en-US': 'Tickets are opened from a call: there is no call right now.',
  },
  titleRequired: { 'zh-CN': '请填写标题', 'en-US': 'Enter a title' },
  status: { 'zh-CN': '状态', 'en-US': 'Status' },
  priority: { 'zh-CN': '优先级', 'en-US': 'Priority' },
  category: { 'zh-CN': '类型', 'en-US': 'Type' },
  createdAt: { 'zh-CN': '创建时间', 'en-US': 'Created' },
  updatedAt: { 'zh-CN': '更新时间', 'en-US': 'Updated' },
  assignee: { 'zh-CN': '处理人', 'en-US': 'Assignee' },
  unassigned: { 'zh-CN': '未分配', 'en-US': 'unassigned' },
  customer: { 'zh-CN': '客户', 'en-US': 'Customer' },
  phone: { 'zh-CN': '电话', 'en-US': 'Phone' },
  order: { 'zh-CN': '订单', 'en-US': 'Order' },
  call: { 'zh-CN': '通话', 'en-US': 'Call' },
  description: { 'zh-CN': '描述', 'en-US': 'Description' },
  history: { 'zh-CN': '处理记录', 'en-US': 'History' },
  comments: { 'zh-CN': '评论', 'en-US': 'Comments' },
  noComments: { 'zh-CN': '暂无评论', 'en-US': 'No comments yet' },
  addComment: { 'zh-CN': '添加评论', 'en-US': 'Add comment' },
  commentPlaceholder: { 'zh-CN': '输入评论…', 'en-US': 'Write a comment…' },
  changeStatus: { 'zh-CN': '变更状态', 'en-US': 'Change status' },
  statusNote: { 'zh-CN': '备注（可选）', 'en-US': 'Note (optional)' },
  apply: { 'zh-CN': '更新状态', 'en-US': 'Update status' },
  closedFinal: { 'zh-CN': '工单已关闭，不能再变更状态。', 'en-US': 'The ticket is closed; its status can no longer change.' },
  agent: { 'zh-CN': '坐席 {id}', 'en-US': 'Agent {id}' },
  system: { 'zh-CN': '系统', 'en-US': 'System' },
  actionCreated: { 'zh-CN': '创建工单', 'en-US': 'created the ticket' },
  actionStatus: { 'zh-CN': '状态 {from} → {to}', 'en-US': 'status {from} → {to}' },
  actionAssigned: { 'zh-CN': '分配工单', 'en-US': 'assigned the ticket' },
  actionCommented: { 'zh-CN': '添加评论', 'en-US': 'commented' },
});

export const ticketStatusMessages = defineMessages<TicketStatus>({
  open: { 'zh-CN': '待处理', 'en-US': 'Open' },
  in_progress: { 'zh-CN': '处理中', 'en-US': 'In progress' },
  pending_customer: { 'zh-CN': '待客户反馈', 'en-US': 'Waiting for customer' },
  resolved: { 'zh-CN': '已解决', 'en-US': 'Resolved' },
  closed: { 'zh-CN': '已关闭', 'en-US': 'Closed' },
});

export const priorityMessages = defineMessages<TicketPriority>({
  low: { 'zh-CN': '低', 'en-US': 'Low' },
  normal: { 'zh-CN': '普通', 'en-US': 'Normal' },
  high: { 'zh-CN': '高', 'en-US': 'High' },
  urgent: { 'zh-CN': '紧急', 'en-US': 'Urgent' },
});

export const categoryMessages = defineMessages<TicketCategory>({
  order: { 'zh-CN': '订单', 'en-US': 'Order' },
  logistics: { 'zh-CN': '物流', 'en-US': 'Logistics' },
  refund: { 'zh-CN': '退款', 'en-US': 'Refund' },
  authentication: { 'zh-CN': '鉴别', 'en-US': 'Authentication' },
  consignment: { 'zh-CN': '寄售', 'en-US': 'Consignment' },
  loan: { 'zh-CN': '分期借款', 'en-US': 'Loan' },
  account: { 'zh-CN': '账户', 'en-US': 'Account' },
  complaint: { 'zh-CN': '投诉', 'en-US': 'Complaint' },
  other: { 'zh-CN': '其他', 'en-US': 'Other' },
});

export const TICKET_STATUS_COLORS: Record<TicketStatus, string> = {
  open: 'blue',
  in_progress: 'processing',
  pending_customer: 'gold',
  resolved: 'green',
  closed: 'default',
};

export const PRIORITY_COLORS: Record<TicketPriority, string> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };
