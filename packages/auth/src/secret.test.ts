import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { modeFromEnv, resolveTokenSecret, secretProblem } from './secret';

describe('token secret', () => {
  it('refuses production mode without a secret, whatever NODE_ENV says', () => {
    expect(() => resolveTokenSecret({ mode: 'production', env: { NODE_ENV: 'development' } })).toThrow(/OCTOPUS_TOKEN_SECRET/);
    expect(() => resolveTokenSecret({ mode: 'production', env: {} })).toThrow(/production mode needs/);
  });

  it('refuses short or patterned secrets in every mode', () => {
    expect(secretProblem('x')).toMatch(/32 random bytes/);
    expect(secretProblem('octopus-dev-secret-change-me')).toMatch(/32 random bytes/);
    expect(secretProblem('a'.repeat(64))).toMatch(/not random/);
    expect(() => resolveTokenSecret({ mode: 'production', env: { OCTOPUS_TOKEN_SECRET: 'x' } })).toThrow(/at least 32/);
    expect(() => resolveTokenSecret({ mode: 'demo', env: { OCTOPUS_TOKEN_SECRET: 'short' } })).toThrow(/at least 32/);
    expect(secretProblem('3f9a0c1d2e4b5a6978877665544332211000ffeeddccbbaa9988776655443322')).toBeNull();
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
