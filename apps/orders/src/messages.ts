import type { OrderStatus } from '@octopus/contracts';
import { defineMessages } from '@octopus/ui';

export const messages = defineMessages({
  title: { 'zh-CN': '订单', 'en-US': 'Orders' },
  filter: { 'zh-CN': '按状态筛选', 'en-US': 'Filter by status' },
  all: { 'zh-CN': '全部', 'en-US': 'All' },
  empty: { 'zh-CN': '没有符合条件的订单', 'en-US': 'No orders match' },
  total: { 'zh-CN': '共 {total} 单', 'en-US': '{total} orders' },
  items: { 'zh-CN': '{count} 件', 'en-US': '{count} item(s)' },
  status: { 'zh-CN': '状态', 'en-US': 'Status' },
  createdAt: { 'zh-CN': '下单时间', 'en-US': 'Ordered' },
  paidAt: { 'zh-CN': '支付时间', 'en-US': 'Paid' },
  paymentMethod: { 'zh-CN': '支付方式', 'en-US': 'Payment' },
  shippedAt: { 'zh-CN': '发货时间', 'en-US': 'Shipped' },
  deliveredAt: { 'zh-CN': '签收时间', 'en-US': 'Delivered' },
  totalAmount: { 'zh-CN': '订单金额', 'en-US': 'Total' },
  receiver: { 'zh-CN': '收货人', 'en-US': 'Receiver' },
  phone: { 'zh-CN': '电话', 'en-US': 'Phone' },
  address: { 'zh-CN': '地址', 'en-US': 'Address' },
  itemList: { 'zh-CN': '商品', 'en-US': 'Items' },
  logistics: { 'zh-CN': '物流', 'en-US': 'Logistics' },
  noLogistics: { 'zh-CN': '暂无物流信息', 'en-US': 'No tracking events yet' },
  carrier: { 'zh-CN': '{company} 运单号 {no}', 'en-US': '{company} tracking no. {no}' },
  afterSale: { 'zh-CN': '售后', 'en-US': 'After-sale' },
  afterSaleNone: { 'zh-CN': '无售后', 'en-US': 'No after-sale case' },
  afterSaleRefunding: { 'zh-CN': '退款处理中', 'en-US': 'Refund in progress' },
  afterSaleRefunded: { 'zh-CN': '已退款', 'en-US': 'Refunded' },
  afterSaleCancelled: { 'zh-CN': '订单已取消', 'en-US': 'Order cancelled' },
  relatedTickets: { 'zh-CN': '关联工单', 'en-US': 'Related tickets' },
  openTicket: { 'zh-CN': '为此订单建工单', 'en-US': 'Open a ticket for this order' },
  qty: { 'zh-CN': '×{n}', 'en-US': '×{n}' },
});

export const orderStatusMessages = defineMessages<OrderStatus>({
  pending_payment: { 'zh-CN': '待支付', 'en-US': 'Pending payment' },
  paid: { 'zh-CN': '已支付', 'en-US': 'Paid' },
  authenticating: { 'zh-CN': '鉴别中', 'en-US': 'Authenticating' },
  shipped: { 'zh-CN': '已发货', 'en-US': 'Shipped' },
  delivered: { 'zh-CN': '已签收', 'en-US': 'Delivered' },
  completed: { 'zh-CN': '已完成', 'en-US': 'Completed' },
  cancelled: { 'zh-CN': '已取消', 'en-US': 'Cancelled' },
  refunding: { 'zh-CN': '退款中', 'en-US': 'Refunding' },
  refunded: { 'zh-CN': '已退款', 'en-US': 'Refunded' },
});

export const ORDER_STATUS_COLORS: Record<OrderStatus, string> = {
  pending_payment: 'gold',
  paid: 'blue',
  authenticating: 'purple',
  shipped: 'processing',
  delivered: 'cyan',
  completed: 'green',
  cancelled: 'default',
  refunding: 'orange',
  refunded: 'magenta',
};

export const ORDER_STATUSES: OrderStatus[] = ['pending_payment', 'paid', 'authenticating', 'shipped', 'delivered', 'completed', 'cancelled', 'refunding', 'refunded'];
