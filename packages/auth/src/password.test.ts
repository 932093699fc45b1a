import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('password hashing (argon2id)', () => {
  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('correct horse battery', 'fast');
    expect(stored).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword(stored, 'correct horse battery')).resolves.toBe(true);
    await expect(verifyPassword(stored, 'correct horse batterz')).resolves.toBe(false);
  });

  it('salts every hash and never throws on a broken one', async () => {
    const [a, b] = await Promise.all([hashPassword('same-password', 'fast'), hashPassword('same-password', 'fast')]);
    expect(a).not.toBe(b);
    await expect(verifyPassword('not-a-phc-string', 'x')).resolves.toBe(false);
  });

  it('names what is wrong with a weak password', () => {
    expect(passwordProblem('short')).toMatch(/at least 8/);
    expect(passwordProblem('aaaaaaaaaa')).toMatch(/repeat/);
    expect(passwordProblem('a-reasonable-passphrase')).toBeNull();
  });
});
