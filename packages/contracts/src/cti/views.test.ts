import { callCustomerSchema, callViewSchema } from './views';

describe('callCustomerSchema', () => {
  const older = { userId: 'U0000002', name: '李**', phone: '13800138004', verification: { status: 'unverified', method: 'agent-search' } };

  it('reads numberMatchesAccount as false from a server that does not send it (additive in 1.x)', () => {
    expect(callCustomerSchema.parse(older).numberMatchesAccount).toBe(false);
  });

  it('keeps the server’s fact when sent', () => {
    expect(callCustomerSchema.parse({ ...older, numberMatchesAccount: true }).numberMatchesAccount).toBe(true);
    expect(callCustomerSchema.safeParse({ ...older, numberMatchesAccount: 'yes' }).success).toBe(false);
  });
});

describe('callViewSchema.heldSince', () => {
  const older = {
    id: 'c1', rev: 1, direction: 'inbound', number: '13800138000', callerId: null, province: null, city: null, skillGroup: 'aftersale',
    state: 'held', role: 'owner',
    customer: { userId: null, name: null, phone: '13800138000', verification: { status: 'skipped', method: null } },
    keyTrack: '2', muted: false, held: true, ringingSince: null, ringDeadline: null, connectedAt: 1, endedAt: null, endReason: null,
    wrapUpDeadline: null, fromAgentId: null, transfer: null, consult: null, participants: ['1001'], transfers: [], ratingInvited: false,
    rating: null, dtmfSent: '', grant: null,
  };

  it('reads a view from a server that does not send heldSince as null (additive in 1.x)', () => {
    expect(callViewSchema.parse(older).heldSince).toBeNull();
    expect(callViewSchema.parse({ ...older, heldSince: 1_700_000_000_000 }).heldSince).toBe(1_700_000_000_000);
    expect(callViewSchema.safeParse({ ...older, heldSince: -1 }).success).toBe(false);
  });
});
