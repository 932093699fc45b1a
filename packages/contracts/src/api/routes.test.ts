import { apiPath, apiRoutes, apiServiceRoutes, apiSuccess, noContentSchema, ticketDetailSchema } from '../index';

describe('the api route table', () => {
  it('fills and percent-encodes path params', () => {
    expect(apiPath(apiRoutes.getOrder, { orderId: 'a/b?c' })).toBe('/orders/a%2Fb%3Fc');
    expect(apiPath(apiRoutes.saveCallNote, { callId: 'c-1' })).toBe('/call-records/c-1/note');
    expect(apiPath(apiRoutes.searchUsers, {})).toBe('/users/search');
    expect(() => apiPath(apiRoutes.getUser, {} as { userId: string })).toThrow('missing param userId');
  });

  it('names each success answer: 200, else 201, else 204', () => {
    expect(apiSuccess(apiRoutes.createTicket)).toEqual({ status: 201, schema: ticketDetailSchema });
    expect(apiSuccess(apiRoutes.deleteCallRecord)).toEqual({ status: 204, schema: noContentSchema });
    expect(apiSuccess(apiServiceRoutes.upsertCallRecord).status).toBe(200);
  });

  it('has one entry per method and path', () => {
    const keys = [...Object.values(apiRoutes), ...Object.values(apiServiceRoutes)].map((r) => `${r.method} ${r.url}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
