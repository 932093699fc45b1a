import { callCustomerSchema } from './views';

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
