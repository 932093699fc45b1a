import { apiRoutes } from '@octopus/contracts';
import { toIso, toIsoOrNull } from '@octopus/db';
import type { AppContext } from '../context';
import { customerPhones, customerStats, findCustomer, searchCustomers } from '../customers/repository';
import { writeAudit } from '../audit/log';
import { accessInfo, accessUser, auditAccess } from '../http/access';
import { agentOf, agentToken } from '../http/auth';
import { notFound } from '../http/errors';
import type { ApiApp } from '../http/types';
import { maskAddressText, maskIdNumber, maskName, maskPhone } from '../mask';
import { findOrder, listOrders, orderOwner, orderSummary } from '../orders/repository';

/** Customer search, profile and orders (`apiRoutes.searchUsers`, `getUser`, `listOrders`, `getOrder`). */
export function registerCustomerRoutes(app: ApiApp, ctx: AppContext): void {
  const preValidation = agentToken(ctx);

  app.get(apiRoutes.searchUsers.url, { schema: apiRoutes.searchUsers.schema, preValidation }, async (request) => {
    const agent = agentOf(request);
    const { matchedBy, users } = await searchCustomers(ctx.db, request.query);
    for (const user of users.length ? users : [null]) {
      await writeAudit(ctx.db, ctx.auditKey, { agentId: agent.sub, sessionId: agent.sid, userId: user?.id ?? null, action: 'users.search', outcome: 'masked', via: 'search', reason: matchedBy }, ctx.now());
    }
    return {
      results: users.map((u) => ({
        userId: u.id,
        maskedName: maskName(u.name),
        maskedPhones: u.phones.map(maskPhone),
        level: u.level,
        registeredAt: toIso(u.registered_at),
        matchedBy,
      })),
    };
  });

  app.get(apiRoutes.getUser.url, { schema: apiRoutes.getUser.schema, preValidation }, async (request) => {
    const { userId } = request.params;
    const access = await accessUser(ctx, request, agentOf(request), userId, 'users.profile');
    const user = await findCustomer(ctx.db, userId);
    if (!user) throw notFound('user');
    const phones = await customerPhones(ctx.db, userId);
    const stats = await customerStats(ctx.db, userId);
    await auditAccess(ctx, ctx.db, access, 'users.profile');
    const m = access.masked;
    const detail = m ? '****' : user.address_detail;
    const prefix = `${user.province === user.city ? '' : user.province}${user.city}${user.district}`;
    return {
      userId: user.id,
      name: m ? maskName(user.name) : user.name,
      gender: user.gender,
      phones: phones.map((p) => ({ phone: m ? maskPhone(p.phone) : p.phone, primary: p.is_primary })),
      idNumber: m ? maskIdNumber(user.id_number) : user.id_number,
      address: { province: user.province, city: user.city, district: user.district, detail, full: `${prefix}${detail}` },
      level: user.level,
      registeredAt: toIso(user.registered_at),
      stats,
      access: accessInfo(access),
    };
  });

  app.get(apiRoutes.listOrders.url, { schema: apiRoutes.listOrders.schema, preValidation }, async (request) => {
    const { userId } = request.params;
    const access = await accessUser(ctx, request, agentOf(request), userId, 'orders.list');
    const { rows, total } = await listOrders(ctx.db, userId, request.query);
    await auditAccess(ctx, ctx.db, access, 'orders.list', request.query.status);
    return { orders: rows.map(orderSummary), total, access: accessInfo(access) };
  });

  app.get(apiRoutes.getOrder.url, { schema: apiRoutes.getOrder.schema, preValidation }, async (request) => {
    const { orderId } = request.params;
    const owner = await orderOwner(ctx.db, orderId);
    // Same answer for "no such order" and "not yours" would hide existence, but order numbers are
    // not secret (search takes them) and a clear 404 helps agents.
    if (!owner) throw notFound('order');
    const access = await accessUser(ctx, request, agentOf(request), owner, 'orders.detail');
    const order = await findOrder(ctx.db, orderId);
    if (!order) throw notFound('order');
    await auditAccess(ctx, ctx.db, access, 'orders.detail', orderId);
    const { row } = order;
    const m = access.masked;
    return {
      ...orderSummary(row),
      items: order.items,
      receiver: {
        name: m ? maskName(row.receiver_name) : row.receiver_name,
        phone: m ? maskPhone(row.receiver_phone) : row.receiver_phone,
        address: m ? maskAddressText(row.receiver_address) : row.receiver_address,
      },
      paidAt: toIsoOrNull(row.paid_at),
      paymentMethod: row.payment_method,
      shippedAt: toIsoOrNull(row.shipped_at),
      deliveredAt: toIsoOrNull(row.delivered_at),
      // Courier descriptions may carry the courier's phone, never the customer's: shown as is.
      logistics: order.logistics,
      access: accessInfo(access),
    };
  });
}
