import { isCallingNumber } from './identity';
import { VERIFY_MAX_FAILURES, VERIFY_WINDOW_MS, VerifyLockout } from './lockout';

describe('identity check lockout', () => {
  it('locks a key after 5 failures in 10 minutes, until the oldest leaves the window', () => {
    const lockout = new VerifyLockout();
    const t0 = 1_000_000;
    for (let i = 0; i < VERIFY_MAX_FAILURES; i++) {
      expect(lockout.retryAfterSeconds('1001:U1', t0 + i)).toBeNull();
      expect(lockout.record('1001:U1', false, t0 + i)).toBe(VERIFY_MAX_FAILURES - i - 1);
    }
    expect(lockout.retryAfterSeconds('1001:U1', t0 + 10)).toBe(Math.ceil((VERIFY_WINDOW_MS - 10) / 1000));
    expect(lockout.retryAfterSeconds('1002:U1', t0 + 10)).toBeNull();
    expect(lockout.retryAfterSeconds('1001:U1', t0 + VERIFY_WINDOW_MS)).toBeNull();
  });

  it('forgets the failures of a key on success', () => {
    const lockout = new VerifyLockout();
    lockout.record('k', false, 1);
    expect(lockout.record('k', true, 2)).toBe(VERIFY_MAX_FAILURES);
    expect(lockout.recent('k', 3)).toEqual([]);
  });

  it('compares a keyed phone with the calling number, ignoring +86, spaces and dashes', () => {
    expect(isCallingNumber('13800138000', '+86 138-0013-8000')).toBe(true);
    expect(isCallingNumber('13800138000', '13900139000')).toBe(false);
    expect(isCallingNumber('13800138000', null)).toBe(false);
  });
});
