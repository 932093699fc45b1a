import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { modeFromEnv, randomSecret, resolveTokenSecret, secretProblem } from './secret';

describe('token secret', () => {
  it('refuses production mode without a secret, whatever NODE_ENV says', () => {
    expect(() => resolveTokenSecret({ mode: 'production', env: { NODE_ENV: 'development' } })).toThrow(/OCTOPUS_TOKEN_SECRET/);
    expect(() => resolveTokenSecret({ mode: 'production', env: {} })).toThrow(/production mode needs/);
  });

  it('refuses short or patterned secrets in every mode', () => {
    expect(secretProblem('x')).toMatch(/32 random bytes/);
    expect(secretProblem('octopus-dev-secret-change-me')).toMatch(/old public secret/);
    expect(secretProblem('a'.repeat(64))).toMatch(/not random/);
    expect(() => resolveTokenSecret({ mode: 'production', env: { OCTOPUS_TOKEN_SECRET: 'x' } })).toThrow(/at least 32/);
    expect(() => resolveTokenSecret({ mode: 'demo', env: { OCTOPUS_TOKEN_SECRET: 'short' } })).toThrow(/at least 32/);
    expect(secretProblem('3f9a0c1d2e4b5a6978877665544332211000ffeeddccbbaa9988776655443322')).toBeNull();
  });

  it('refuses the break report examples: the old public secret doubled, and a 16-character pattern ×4', () => {
    expect(secretProblem('octopus-dev-secret-change-me-octopus-dev-secret-change-me')).toMatch(/old public secret/);
    expect(secretProblem('0123456789abcdef'.repeat(4))).toMatch(/16-character pattern repeated/);
    expect(secretProblem('OCTOPUS-DEV-SECRET-CHANGE-ME-with-more-random-bytes-x7Gq2')).toMatch(/old public secret/);
    // A period up to half the length, not only exact divisors of it.
    expect(secretProblem('Kx9#mQ2$vL7@pR4!wZ1^Kx9#mQ2$vL7@pR4!wZ1^Kx9#mQ')).toMatch(/20-character pattern repeated/);
    expect(() => resolveTokenSecret({ mode: 'production', env: { OCTOPUS_TOKEN_SECRET: '0123456789abcdef'.repeat(4) } })).toThrow(/pattern repeated/);
  });

  it('refuses a secret whose estimated entropy is under 128 bits', () => {
    // 46 base64 characters (34 bytes, 9 distinct, not periodic) but mostly one letter: ~86 bits.
    expect(secretProblem('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaabcdefghiabcdefgh')).toMatch(/about 86 bits of entropy/);
    for (let i = 0; i < 20; i++) expect(secretProblem(randomSecret())).toBeNull();
    expect(secretProblem(Buffer.from(randomSecret(), 'hex').toString('base64'))).toBeNull();
  });

  it('generates one random secret into the data folder in demo mode and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'octopus-secret-'));
    const first = resolveTokenSecret({ mode: 'demo', dataDir: dir, env: {} });
    const second = resolveTokenSecret({ mode: 'test', dataDir: dir, env: {} });
    expect(first).toBe(second);
    expect(secretProblem(first)).toBeNull();
    expect(readFileSync(path.join(dir, 'token-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(path.join(dir, 'token-secret')).mode & 0o077).toBe(0);
    const other = resolveTokenSecret({ mode: 'demo', dataDir: mkdtempSync(path.join(tmpdir(), 'octopus-secret-')), env: {} });
    expect(other).not.toBe(first);
  });

  it('reads the mode switch and ignores NODE_ENV', () => {
    expect(modeFromEnv({ NODE_ENV: 'production' })).toBe('demo');
    expect(modeFromEnv({ OCTOPUS_MODE: 'production' })).toBe('production');
    expect(() => modeFromEnv({ OCTOPUS_MODE: 'prod' })).toThrow(/OCTOPUS_MODE/);
  });
});
