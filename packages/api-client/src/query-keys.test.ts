import { customerScope, isAboutCustomer, scopedKey } from './query-keys';

describe('isAboutCustomer', () => {
  const scope = customerScope('U1', 'c-1', { grant: 'grant-token-abcdef0123' });
  it('matches any remote’s scoped key about the customer, whatever the call or grant', () => {
    expect(isAboutCustomer(scopedKey('service-track', 'timeline', scope, null), 'U1')).toBe(true);
    expect(isAboutCustomer(scopedKey('tickets', 'list', customerScope('U1', 'c-2', { grant: null })), 'U1')).toBe(true);
  });
  it('matches nothing else: another customer, an unscoped key, no customer', () => {
    expect(isAboutCustomer(scopedKey('orders', 'list', scope), 'U2')).toBe(false);
    expect(isAboutCustomer(['octopus', 'registry'], 'U1')).toBe(false);
    expect(isAboutCustomer(['other', 'x', 'y', { userId: 'U1' }], 'U1')).toBe(false);
    expect(isAboutCustomer(scopedKey('orders', 'list', customerScope(null, 'c-1', { grant: null })), null)).toBe(false);
  });
});
