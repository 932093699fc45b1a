// Real api answers (seed 20261121, captured from apps/api), for tests of the remotes. Each passes the contracts schemas (see client.test.ts).
import type {
  ApiErrorBody,
  ConsignmentListResponse,
  LoanListResponse,
  OrderDetail,
  OrderListResponse,
  ServiceTrackResponse,
  TicketDetail,
  TicketListResponse,
} from "@octopus/contracts";

export const ticketList: TicketListResponse = {
  "tickets": [
    {
      "ticketId": "TK00000001",
      "userId": "U0000001",
      "title": "物流长时间未更新",
      "category": "logistics",
      "status": "open",
      "priority": "normal",
      "assigneeAgentId": null,
      "callId": null,
      "orderId": "SO1000000002",
      "createdAt": "2026-11-19T18:00:00.000Z",
      "updatedAt": "2026-11-19T18:00:00.000Z"
    },
    {
      "ticketId": "TK00000002",
      "userId": "U0000001",
      "title": "退款进度查询",
      "category": "refund",
      "status": "closed",
      "priority": "normal",
      "assigneeAgentId": "1101",
      "callId": null,
      "orderId": "SO1000000004",
      "createdAt": "2026-10-26T20:00:00.000Z",
      "updatedAt": "2026-10-28T14:09:00.000Z"
    }
  ],
  "access": {
    "via": "grant",
    "level": "verified",
    "masked": false,
    "callId": "call-1",
    "ticketId": null
  }
};

export const ticketDetail: TicketDetail = {
  "ticketId": "TK00000001",
  "userId": "U0000001",
  "title": "物流长时间未更新",
  "category": "logistics",
  "status": "open",
  "priority": "normal",
  "assigneeAgentId": null,
  "callId": null,
  "orderId": "SO1000000002",
  "createdAt": "2026-11-19T18:00:00.000Z",
  "updatedAt": "2026-11-19T18:00:00.000Z",
  "description": "客户反映订单物流信息三天未更新，请核实包裹位置。（订单号 SO1000000002）",
  "recordingRef": null,
  "createdByAgentId": "1006",
  "customer": {
    "name": "张伟",
    "phone": "13800138000"
  },
  "history": [
    {
      "id": 1,
      "at": "2026-11-19T18:00:00.000Z",
      "actorAgentId": "1006",
      "action": "created",
      "fromStatus": null,
      "toStatus": "open",
      "note": null
    }
  ],
  "comments": [],
  "access": {
    "via": "grant",
    "level": "verified",
    "masked": false,
    "callId": "call-1",
    "ticketId": null
  }
};

export const ticketDetailClosed: TicketDetail = {
  "ticketId": "TK00000002",
  "userId": "U0000001",
  "title": "退款进度查询",
  "category": "refund",
  "status": "closed",
  "priority": "normal",
  "assigneeAgentId": "1101",
  "callId": null,
  "orderId": "SO1000000004",
  "createdAt": "2026-10-26T20:00:00.000Z",
  "updatedAt": "2026-10-28T14:09:00.000Z",
  "description": "客户申请退款后未收到款项，请财务核实退款状态。（订单号 SO1000000004）",
  "recordingRef": null,
  "createdByAgentId": "1007",
  "customer": {
    "name": "张伟",
    "phone": "13800138000"
  },
  "history": [
    {
      "id": 2,
      "at": "2026-10-26T20:00:00.000Z",
      "actorAgentId": "1007",
      "action": "created",
      "fromStatus": null,
      "toStatus": "open",
      "note": null
    },
    {
      "id": 3,
      "at": "2026-10-26T20:09:00.000Z",
      "actorAgentId": "1007",
      "action": "assigned",
      "fromStatus": null,
      "toStatus": null,
      "note": "指派给 1101"
    },
    {
      "id": 4,
      "at": "2026-10-27T14:09:00.000Z",
      "actorAgentId": "1101",
      "action": "status_changed",
      "fromStatus": "open",
      "toStatus": "in_progress",
      "note": null
    },
    {
      "id": 5,
      "at": "2026-10-28T10:09:00.000Z",
      "actorAgentId": "1101",
      "action": "status_changed",
      "fromStatus": "in_progress",
      "toStatus": "resolved",
      "note": null
    },
    {
      "id": 6,
      "at": "2026-10-28T14:09:00.000Z",
      "actorAgentId": "1101",
      "action": "status_changed",
      "fromStatus": "resolved",
      "toStatus": "closed",
      "note": null
    }
  ],
  "comments": [
    {
      "id": 1,
      "at": "2026-10-27T13:39:00.000Z",
      "authorAgentId": "1101",
      "body": "已电话回访客户，客户表示理解。"
    },
    {
      "id": 2,
      "at": "2026-10-28T09:39:00.000Z",
      "authorAgentId": "1101",
      "body": "财务已确认款项，预计1-3个工作日到账。"
    }
  ],
  "access": {
    "via": "grant",
    "level": "verified",
    "masked": false,
    "callId": "call-1",
    "ticketId": null
  }
};

export const ticketDetailMasked: TicketDetail = {
  "ticketId": "TK00000001",
  "userId": "U0000001",
  "title": "物流长时间未更新",
  "category": "logistics",
  "status": "open",
  "priority": "normal",
  "assigneeAgentId": null,
  "callId": null,
  "orderId": "SO1000000002",
  "createdAt": "2026-11-19T18:00:00.000Z",
  "updatedAt": "2026-11-19T18:00:00.000Z",
  "description": "客户反映订单物流信息三天未更新，请核实包裹位置。（订单号 SO1000000002）",
  "recordingRef": null,
  "createdByAgentId": "1006",
  "customer": {
    "name": "张**",
    "phone": "138****8000"
  },
  "history": [
    {
      "id": 1,
      "at": "2026-11-19T18:00:00.000Z",
      "actorAgentId": "1006",
      "action": "created",
      "fromStatus": null,
      "toStatus": "open",
      "note": null
    }
  ],
  "comments": [],
  "access": {
    "via": "grant",
    "level": "unverified",
    "masked": true,
    "callId": "call-2",
    "ticketId": null
  }
};

export const orderList: OrderListResponse = {
  "orders": [
    {
      "orderId": "SO1000000005",
      "userId": "U0000001",
      "status": "pending_payment",
      "createdAt": "2026-11-20T20:00:00.000Z",
      "totalFen": 81700,
      "itemCount": 1,
      "headline": "Nike Dunk Low Retro \"Panda\" · 36.5",
      "logisticsCompany": null,
      "trackingNo": null
    },
    {
      "orderId": "SO1000000003",
      "userId": "U0000001",
      "status": "authenticating",
      "createdAt": "2026-11-19T14:00:00.000Z",
      "totalFen": 95300,
      "itemCount": 1,
      "headline": "New Balance 550 · 36",
      "logisticsCompany": null,
      "trackingNo": null
    },
    {
      "orderId": "SO1000000002",
      "userId": "U0000001",
      "status": "shipped",
      "createdAt": "2026-11-17T09:00:00.000Z",
      "totalFen": 227800,
      "itemCount": 1,
      "headline": "Adidas Yeezy Boost 350 V2 \"Zebra\" · 36.5",
      "logisticsCompany": "顺丰速运",
      "trackingNo": "SF4062479835229"
    },
    {
      "orderId": "SO1000000004",
      "userId": "U0000001",
      "status": "refunded",
      "createdAt": "2026-10-22T00:00:00.000Z",
      "totalFen": 113500,
      "itemCount": 2,
      "headline": "Fear of God Essentials Logo 连帽卫衣 · M",
      "logisticsCompany": "EMS",
      "trackingNo": "E397917743467"
    },
    {
      "orderId": "SO1000000001",
      "userId": "U0000001",
      "status": "completed",
      "createdAt": "2026-09-21T13:00:00.000Z",
      "totalFen": 222800,
      "itemCount": 1,
      "headline": "Nike Air Jordan 1 Retro High OG \"Chicago\" · 40.5",
      "logisticsCompany": "京东物流",
      "trackingNo": "JDVA63622598401"
    }
  ],
  "total": 5,
  "access": {
    "via": "grant",
    "level": "verified",
    "masked": false,
    "callId": "call-1",
    "ticketId": null
  }
};

export const orderListMasked: OrderListResponse = {
  "orders": [
    {
      "orderId": "SO1000000005",
      "userId": "U0000001",
      "status": "pending_payment",
      "createdAt": "2026-11-20T20:00:00.000Z",
      "totalFen": 81700,
      "itemCount": 1,
      "headline": "Nike Dunk Low Retro \"Panda\" · 36.5",
      "logisticsCompany": null,
      "trackingNo": null
    },
    {
      "orderId": "SO1000000003",
      "userId": "U0000001",
      "status": "authenticating",
      "createdAt": "2026-11-19T14:00:00.000Z",
      "totalFen": 95300,
      "itemCount": 1,
      "headline": "New Balance 550 · 36",
      "logisticsCompany": null,
      "trackingNo": null
    },
    {
      "orderId": "SO1000000002",
      "userId": "U0000001",
      "status": "shipped",
      "createdAt": "2026-11-17T09:00:00.000Z",
      "totalFen": 227800,
      "itemCount": 1,
      "headline": "Adidas Yeezy Boost 350 V2 \"Zebra\" · 36.5",
      "logisticsCompany": "顺丰速运",
      "trackingNo": "SF4062479835229"
    },
    {
      "orderId": "SO1000000004",
      "userId": "U0000001",
      "status": "refunded",
      "createdAt": "2026-10-22T00:00:00.000Z",
      "totalFen": 113500,
      "itemCount": 2,
      "headline": "Fear of God Essentials Logo 连帽卫衣 · M",
      "logisticsCompany": "EMS",
      "trackingNo": "E397917743467"
    },
    {
      "orderId": "SO1000000001",
      "userId": "U0000001",
      "status": "completed",
      "createdAt": "2026-09-21T13:00:00.000Z",
      "totalFen": 222800,
      "itemCount": 1,
      "headline": "Nike Air Jordan 1 Retro High OG \"Chicago\" · 40.5",
      "logisticsCompany": "京东物流",
      "trackingNo": "JDVA63622598401"
    }
  ],
  "total": 5,
  "access": {
    "via": "grant",
    "level": "unverified",
    "masked": true,
    "callId": "call-2",
    "ticketId": null
  }
};

export const orderDetail: OrderDetail = {
  "orderId": "SO1000000002",
  "userId": "U0000001",
  "status": "shipped",
  "createdAt": "2026-11-17T09:00:00.000Z",
  "totalFen": 227800,
  "itemCount": 1,
  "headline": "Adidas Yeezy Boost 350 V2 \"Zebra\" · 36.5",
  "logisticsCompany": "顺丰速运",
  "trackingNo": "SF4062479835229",
  "items": [
    {
      "line": 1,
      "sku": "CP1920-010",
      "brand": "Adidas",
      "name": "Yeezy Boost 350 V2 \"Zebra\"",
      "category": "sneakers",
      "size": "36.5",
      "color": "斑马",
      "priceFen": 227800,
      "quantity": 1
    }
  ],
  "receiver": {
    "name": "张伟",
    "phone": "13800138000",
    "address": "北京市朝阳区南京路352号碧桂园30栋3单元804室"
  },
  "paidAt": "2026-11-17T09:25:00.000Z",
  "paymentMethod": "微信支付",
  "shippedAt": "2026-11-19T11:25:00.000Z",
  "deliveredAt": null,
  "logistics": [
    {
      "at": "2026-11-20T21:25:00.000Z",
      "status": "派送中",
      "location": "北京市朝阳区",
      "description": "快递员正在为您派送，联系电话：13378743574"
    },
    {
      "at": "2026-11-20T13:25:00.000Z",
      "status": "运输中",
      "location": "北京市转运中心",
      "description": "快件已到达【北京市转运中心】"
    },
    {
      "at": "2026-11-19T20:25:00.000Z",
      "status": "运输中",
      "location": "上海转运中心",
      "description": "快件已到达【上海转运中心】，准备发往下一站"
    },
    {
      "at": "2026-11-19T11:25:00.000Z",
      "status": "已揽收",
      "location": "上海市青浦区",
      "description": "快件已由【上海青浦鉴别仓】揽收，鉴别通过后发出"
    }
  ],
  "access": {
    "via": "grant",
    "level": "verified",
    "masked": false,
    "callId": "call-1",
    "ticketId": null
  }
};

export const orderDetailMasked: OrderDetail = {
  "orderId": "SO1000000002",
  "userId": "U0000001",
  "status": "shipped",
  "createdAt": "2026-11-17T09:00:00.000Z",
  "totalFen": 227800,
  "itemCount": 1,
  "headline": "Adidas Yeezy Boost 350 V2 \"Zebra\" · 36.5",
  "logisticsCompany": "顺丰速运",
  "trackingNo": "SF4062479835229",
  "items": [
    {
      "line": 1,
      "sku": "CP1920-010",
      "brand": "Adidas",
      "name": "Yeezy Boost 350 V2 \"Zebra\"",
      "category": "sneakers",
      "size": "36.5",
      "color": "斑马",
      "priceFen": 227800,
      "quantity": 1
    }
  ],
  "receiver": {
    "name": "张**",
    "phone": "138****8000",
    "address": "北京市朝阳区****"
  },
  "paidAt": "2026-11-17T09:25:00.000Z",
  "paymentMethod": "微信支付",
  "shippedAt": "2026-11-19T11:25:00.000Z",
  "deliveredAt": null,
  "logistics": [
    {
      "at": "2026-11-20T21:25:00.000Z",
      "status": "派送中",
      "location": "北京市朝阳区",
      "description": "快递员正在为您派送，联系电话：13378743574"
    },
    {
      "at": "2026-11-20T13:25:00.000Z",
      "status": "运输中",
      "location": "北京市转运中心",
      "description": "快件已到达【北京市转运中心】"
    },
    {
      "at": "2026-11-19T20:25:00.000Z",
      "status": "运输中",
      "location": "上海转运中心",
      "description": "快件已到达【上海转运中心】，准备发往下一站"
    },
    {
      "at": "2026-11-19T11:25:00.000Z",
      "status": "已揽收",
      "location": "上海市青浦区",
      "description": "快件已由【上海青浦鉴别仓】揽收，鉴别通过后发出"
    }
  ],
  "access": {
    "via": "grant",
    "level": "unverified",
    "masked": true,
    "callId": "call-2",
    "ticketId": null
  }
};

export const orderDetailRefunded: OrderDetail = {
  "orderId": "SO1000000004",
  "userId": "U0000001",
  "status": "refunded",
  "createdAt": "2026-10-22T00:00:00.000Z",
  "totalFen": 113500,
  "itemCount": 2,
  "headline": "Fear of God Essentials Logo 连帽卫衣 · M",
  "logisticsCompany": "EMS",
  "trackingNo": "E397917743467",
  "items": [
    {
      "line": 1,
      "sku": "192HO2450",
      "brand": "Fear of God Essentials",
      "name": "Logo 连帽卫衣",
      "category": "apparel",
      "size": "M",
      "color": "黑色",
      "priceFen": 89900,
      "quantity": 1
    },
    {
      "line": 2,
      "sku": "70331911",
      "brand": "New Era",
      "name": "59FIFTY 纽约洋基棒球帽",
      "category": "accessories",
      "size": "均码",
      "color": "藏青",
      "priceFen": 23600,
      "quantity": 1
    }
  ],
  "receiver": {
    "name": "肖思琪",
    "phone": "15776738866",
    "address": "北京市朝阳区南京路352号碧桂园30栋3单元804室"
  },
  "paidAt": "2026-10-22T00:14:00.000Z",
  "paymentMethod": "分期付",
  "shippedAt": "2026-10-23T18:14:00.000Z",
  "deliveredAt": "2026-10-26T14:14:00.000Z",
  "logistics": [
    {
      "at": "2026-10-26T14:14:00.000Z",
      "status": "已签收",
      "location": "北京市朝阳区",
      "description": "您的快件已签收，签收人：本人，感谢使用"
    },
    {
      "at": "2026-10-25T04:14:00.000Z",
      "status": "派送中",
      "location": "北京市朝阳区",
      "description": "快递员正在为您派送，联系电话：18906678644"
    },
    {
      "at": "2026-10-24T20:14:00.000Z",
      "status": "运输中",
      "location": "北京市转运中心",
      "description": "快件已到达【北京市转运中心】"
    },
    {
      "at": "2026-10-24T03:14:00.000Z",
      "status": "运输中",
      "location": "上海转运中心",
      "description": "快件已到达【上海转运中心】，准备发往下一站"
    },
    {
      "at": "2026-10-23T18:14:00.000Z",
      "status": "已揽收",
      "location": "上海市青浦区",
      "description": "快件已由【上海青浦鉴别仓】揽收，鉴别通过后发出"
    }
  ],
  "access": {
    "via": "grant",
    "level": "verified",
    "masked": false,
    "callId": "call-1",
    "ticketId": null
  }
};

export const consignments: ConsignmentListResponse = {
  "consignments": [
    {
      "consignmentId": "CS00000002",
      "userId": "U0000001",
      "brand": "New Balance",
      "productName": "990v6 Made in USA",
      "size": "37.5",
      "status": "listed",
      "listedPriceFen": 202700,
      "soldPriceFen": null,
      "feeFen": null,
      "payoutFen": null,
      "payoutAccount": "中国银行 尾号0887",
      "createdAt": "2026-11-14T16:00:00.000Z",
      "soldAt": null,
      "paidOutAt": null
    },
    {
      "consignmentId": "CS00000001",
      "userId": "U0000001",
      "brand": "Nike",
      "productName": "Travis Scott x Air Jordan 1 Low OG",
      "size": "38",
      "status": "paid_out",
      "listedPriceFen": 887200,
      "soldPriceFen": 887200,
      "feeFen": 70976,
      "payoutFen": 816224,
      "payoutAccount": "农业银行 尾号7083",
      "createdAt": "2026-10-12T00:00:00.000Z",
      "soldAt": "2026-10-15T00:00:00.000Z",
      "paidOutAt": "2026-10-18T00:00:00.000Z"
    }
  ],
  "access": {
    "via": "grant",
    "level": "verified",
    "masked": false,
    "callId": "call-1",
    "ticketId": null
  }
};

export const loans: LoanListResponse = {
  "credit": {
    "limitFen": 2000000,
    "usedFen": 450000,
    "availableFen": 1550000,
    "canWithdraw": true,
    "withdrawBlockedReason": null,
    "frozenNote": null
  },
  "loans": [
    {
      "loanId": "LN00000001",
      "userId": "U0000001",
      "product": "分期付 12期",
      "principalFen": 600000,
      "termMonths": 12,
      "annualRateBp": 720,
      "disbursedAt": "2026-08-12T00:00:00.000Z",
      "status": "active",
      "outstandingFen": 463500,
      "nextDue": {
        "seq": 4,
        "dueDate": "2026-12-12",
        "amountFen": 52700
      },
      "overdue": {
        "count": 0,
        "amountFen": 0,
        "maxDays": 0
      },
      "installments": [
        {
          "seq": 1,
          "dueDate": "2026-09-12",
          "principalFen": 50000,
          "interestFen": 3600,
          "amountFen": 53600,
          "paidFen": 53600,
          "paidAt": "2026-09-07T14:00:00.000Z",
          "status": "paid",
          "overdueDays": 0
        },
        {
          "seq": 2,
          "dueDate": "2026-10-12",
          "principalFen": 50000,
          "interestFen": 3300,
          "amountFen": 53300,
          "paidFen": 53300,
          "paidAt": "2026-10-08T21:00:00.000Z",
          "status": "paid",
          "overdueDays": 0
        },
        {
          "seq": 3,
          "dueDate": "2026-11-12",
          "principalFen": 50000,
          "interestFen": 3000,
          "amountFen": 53000,
          "paidFen": 53000,
          "paidAt": "2026-11-10T06:00:00.000Z",
          "status": "paid",
          "overdueDays": 0
        },
        {
          "seq": 4,
          "dueDate": "2026-12-12",
          "principalFen": 50000,
          "interestFen": 2700,
          "amountFen": 52700,
          "paidFen": 0,
          "paidAt": null,
          "status": "upcoming",
          "overdueDays": 0
        },
        {
          "seq": 5,
          "dueDate": "2027-01-12",
          "principalFen": 50000,
          "interestFen": 2400,
          "amountFen": 52400,
          "paidFen": 0,
          "paidAt": null,
          "status": "upcoming",
          "overdueDays": 0
        },
        {
          "seq": 6,
          "dueDate": "2027-02-12",
          "principalFen": 50000,
          "interestFen": 2100,
          "amountFen": 52100,
          "paidFen": 0,
          "paidAt": null,
          "status": "upcoming",
          "overdueDays": 0
        },
        {
          "seq": 7,
          "dueDate": "2027-03-12",
          "principalFen": 50000,
          "interestFen": 1800,
          "amountFen": 51800,
          "paidFen": 0,
          "paidAt": null,
          "status": "upcoming",
          "overdueDays": 0
        },
        {
          "seq": 8,
          "dueDate": "2027-04-12",
          "principalFen": 50000,
          "interestFen": 1500,
          "amountFen": 51500,
          "paidFen": 0,
          "paidAt": null,
          "status": "upcoming",
          "overdueDays": 0
        },
        {
          "seq": 9,
          "dueDate": "2027-05-12",
          "principalFen": 50000,
          "interestFen": 1200,
          "amountFen": 51200,
          "paidFen": 0,
          "paidAt": null,
          "status": "upcoming",
          "overdueDays": 0
        },
        {
          "seq": 10,
          "dueDate": "2027-06-12",
          "principalFen": 50000,
          "interestFen": 900,
          "amountFen": 50900,
          "paidFen": 0,
          "paidAt": null,
          "status": "upcoming",
          "overdueDays": 0
        },
        {
          "seq": 11,
          "dueDate": "2027-07-12",
          "principalFen": 50000,
          "interestFen": 600,
          "amountFen": 50600,
          "paidFen": 0,
          "paidAt": null,
          "status": "upcoming",
          "overdueDays": 0
        },
        {
          "seq": 12,
          "dueDate": "2027-08-12",
          "principalFen": 50000,
          "interestFen": 300,
          "amountFen": 50300,
          "paidFen": 0,
          "paidAt": null,
          "status": "upcoming",
          "overdueDays": 0
        }
      ]
    },
    {
      "loanId": "LN00000002",
      "userId": "U0000001",
      "product": "分期付 3期",
      "principalFen": 150000,
      "termMonths": 3,
      "annualRateBp": 1440,
      "disbursedAt": "2026-03-19T00:00:00.000Z",
      "status": "settled",
      "outstandingFen": 0,
      "nextDue": null,
      "overdue": {
        "count": 0,
        "amountFen": 0,
        "maxDays": 0
      },
      "installments": [
        {
          "seq": 1,
          "dueDate": "2026-04-19",
          "principalFen": 50000,
          "interestFen": 1800,
          "amountFen": 51800,
          "paidFen": 51800,
          "paidAt": "2026-04-14T20:00:00.000Z",
          "status": "paid",
          "overdueDays": 0
        },
        {
          "seq": 2,
          "dueDate": "2026-05-19",
          "principalFen": 50000,
          "interestFen": 1200,
          "amountFen": 51200,
          "paidFen": 51200,
          "paidAt": "2026-05-16T21:00:00.000Z",
          "status": "paid",
          "overdueDays": 0
        },
        {
          "seq": 3,
          "dueDate": "2026-06-19",
          "principalFen": 50000,
          "interestFen": 600,
          "amountFen": 50600,
          "paidFen": 50600,
          "paidAt": "2026-06-17T08:00:00.000Z",
          "status": "paid",
          "overdueDays": 0
        }
      ]
    }
  ],
  "access": {
    "via": "grant",
    "level": "verified",
    "masked": false,
    "callId": "call-1",
    "ticketId": null
  }
};

export const loansOverdue: LoanListResponse = {
  "credit": {
    "limitFen": 1000000,
    "usedFen": 200000,
    "availableFen": 800000,
    "canWithdraw": false,
    "withdrawBlockedReason": "overdue",
    "frozenNote": null
  },
  "loans": [
    {
      "loanId": "LN00000003",
      "userId": "U0000002",
      "product": "分期付 6期",
      "principalFen": 300000,
      "termMonths": 6,
      "annualRateBp": 1800,
      "disbursedAt": "2026-07-09T00:00:00.000Z",
      "status": "overdue",
      "outstandingFen": 207500,
      "nextDue": {
        "seq": 5,
        "dueDate": "2026-12-09",
        "amountFen": 51500
      },
      "overdue": {
        "count": 2,
        "amountFen": 105250,
        "maxDays": 44
      },
      "installments": [
        {
          "seq": 1,
          "dueDate": "2026-08-09",
          "principalFen": 50000,
          "interestFen": 4500,
          "amountFen": 54500,
          "paidFen": 54500,
          "paidAt": "2026-08-05T11:00:00.000Z",
          "status": "paid",
          "overdueDays": 0
        },
        {
          "seq": 2,
          "dueDate": "2026-09-09",
          "principalFen": 50000,
          "interestFen": 3750,
          "amountFen": 53750,
          "paidFen": 53750,
          "paidAt": "2026-09-04T22:00:00.000Z",
          "status": "paid",
          "overdueDays": 0
        },
        {
          "seq": 3,
          "dueDate": "2026-10-09",
          "principalFen": 50000,
          "interestFen": 3000,
          "amountFen": 53000,
          "paidFen": 0,
          "paidAt": null,
          "status": "overdue",
          "overdueDays": 44
        },
        {
          "seq": 4,
          "dueDate": "2026-11-09",
          "principalFen": 50000,
          "interestFen": 2250,
          "amountFen": 52250,
          "paidFen": 0,
          "paidAt": null,
          "status": "overdue",
          "overdueDays": 13
        },
        {
          "seq": 5,
          "dueDate": "2026-12-09",
          "principalFen": 50000,
          "interestFen": 1500,
          "amountFen": 51500,
          "paidFen": 0,
          "paidAt": null,
          "status": "upcoming",
          "overdueDays": 0
        },
        {
          "seq": 6,
          "dueDate": "2027-01-09",
          "principalFen": 50000,
          "interestFen": 750,
          "amountFen": 50750,
          "paidFen": 0,
          "paidAt": null,
          "status": "upcoming",
          "overdueDays": 0
        }
      ]
    }
  ],
  "access": {
    "via": "grant",
    "level": "verified",
    "masked": false,
    "callId": "call-3",
    "ticketId": null
  }
};

export const serviceTrack: ServiceTrackResponse = {
  "events": [
    {
      "id": "ticket:TK00000001",
      "channel": "ticket",
      "at": "2026-11-19T18:00:00.000Z",
      "userId": "U0000001",
      "number": null,
      "agentId": "1006",
      "direction": null,
      "title": "物流长时间未更新 [open]",
      "summary": "客户反映订单物流信息三天未更新，请核实包裹位置。（订单号 SO1000000002）",
      "refId": "TK00000001",
      "disposition": null
    },
    {
      "id": "call:seed-call-000002",
      "channel": "call",
      "at": "2026-11-15T23:22:00.000Z",
      "userId": "U0000001",
      "number": "13800138000",
      "agentId": "1102",
      "direction": "inbound",
      "title": "来电 · presale",
      "summary": "",
      "refId": "seed-call-000002",
      "disposition": null
    },
    {
      "id": "im:IM00000001",
      "channel": "im",
      "at": "2026-11-08T12:00:00.000Z",
      "userId": "U0000001",
      "number": "13800138000",
      "agentId": "1104",
      "direction": null,
      "title": "查询订单物流",
      "summary": "客户查询订单物流进度，已告知最新物流信息。",
      "refId": "IM00000001",
      "disposition": null
    },
    {
      "id": "call:seed-call-000001",
      "channel": "call",
      "at": "2026-10-31T08:50:00.000Z",
      "userId": "U0000001",
      "number": "13800138000",
      "agentId": "1101",
      "direction": "inbound",
      "title": "来电 · aftersale",
      "summary": "客户咨询寄售货款，已解答",
      "refId": "seed-call-000001",
      "disposition": null
    },
    {
      "id": "ticket:TK00000002",
      "channel": "ticket",
      "at": "2026-10-26T20:00:00.000Z",
      "userId": "U0000001",
      "number": null,
      "agentId": "1007",
      "direction": null,
      "title": "退款进度查询 [closed]",
      "summary": "客户申请退款后未收到款项，请财务核实退款状态。（订单号 SO1000000004）",
      "refId": "TK00000002",
      "disposition": null
    },
    {
      "id": "im:IM00000002",
      "channel": "im",
      "at": "2026-10-06T11:00:00.000Z",
      "userId": "U0000001",
      "number": "13800138000",
      "agentId": "1102",
      "direction": null,
      "title": "退货退款",
      "summary": "客户咨询退货退款规则，已发送退货指引。",
      "refId": "IM00000002",
      "disposition": null
    }
  ],
  "access": {
    "via": "grant",
    "level": "verified",
    "masked": false,
    "callId": "call-1",
    "ticketId": null
  }
};

export const serviceTrackMasked: ServiceTrackResponse = {
  "events": [
    {
      "id": "ticket:TK00000001",
      "channel": "ticket",
      "at": "2026-11-19T18:00:00.000Z",
      "userId": "U0000001",
      "number": null,
      "agentId": "1006",
      "direction": null,
      "title": "物流长时间未更新 [open]",
      "summary": "客户反映订单物流信息三天未更新，请核实包裹位置。（订单号 SO1000000002）",
      "refId": "TK00000001",
      "disposition": null
    },
    {
      "id": "call:seed-call-000002",
      "channel": "call",
      "at": "2026-11-15T23:22:00.000Z",
      "userId": "U0000001",
      "number": "138****8000",
      "agentId": "1102",
      "direction": "inbound",
      "title": "来电 · presale",
      "summary": "",
      "refId": "seed-call-000002",
      "disposition": null
    },
    {
      "id": "im:IM00000001",
      "channel": "im",
      "at": "2026-11-08T12:00:00.000Z",
      "userId": "U0000001",
      "number": "138****8000",
      "agentId": "1104",
      "direction": null,
      "title": "查询订单物流",
      "summary": "客户查询订单物流进度，已告知最新物流信息。",
      "refId": "IM00000001",
      "disposition": null
    },
    {
      "id": "call:seed-call-000001",
      "channel": "call",
      "at": "2026-10-31T08:50:00.000Z",
      "userId": "U0000001",
      "number": "138****8000",
      "agentId": "1101",
      "direction": "inbound",
      "title": "来电 · aftersale",
      "summary": "客户咨询寄售货款，已解答",
      "refId": "seed-call-000001",
      "disposition": null
    },
    {
      "id": "ticket:TK00000002",
      "channel": "ticket",
      "at": "2026-10-26T20:00:00.000Z",
      "userId": "U0000001",
      "number": null,
      "agentId": "1007",
      "direction": null,
      "title": "退款进度查询 [closed]",
      "summary": "客户申请退款后未收到款项，请财务核实退款状态。（订单号 SO1000000004）",
      "refId": "TK00000002",
      "disposition": null
    },
    {
      "id": "im:IM00000002",
      "channel": "im",
      "at": "2026-10-06T11:00:00.000Z",
      "userId": "U0000001",
      "number": "138****8000",
      "agentId": "1102",
      "direction": null,
      "title": "退货退款",
      "summary": "客户咨询退货退款规则，已发送退货指引。",
      "refId": "IM00000002",
      "disposition": null
    }
  ],
  "access": {
    "via": "grant",
    "level": "unverified",
    "masked": true,
    "callId": "call-2",
    "ticketId": null
  }
};

export const withheld: ApiErrorBody = {
  "error": "verification_required",
  "message": "the caller is not verified: loan data is withheld until the caller's identity is verified"
};

export const noAccess: ApiErrorBody = {
  "error": "no_access",
  "message": "no access to this customer: no call grant (X-Octopus-Grant) for this customer and no open ticket of theirs assigned to you"
};

