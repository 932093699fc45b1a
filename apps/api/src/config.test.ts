import path from 'node:path';
import { apiDatabaseDir, bindHostFromEnv, corsOriginsFromEnv, databaseFromEnv, dataRootFromEnv, findRepoRoot, portFromEnv } from './config';
import { nationalNumber, normaliseIdentityInput } from './identity/identity';

const repo = path.resolve(__dirname, '../../..');

describe('config', () => {
  it('listens on loopback only unless OCTOPUS_BIND_HOST (or API_HOST) says otherwise', () => {
    expect(bindHostFromEnv({})).toBe('127.0.0.1');
    expect(bindHostFromEnv({ OCTOPUS_BIND_HOST: '0.0.0.0' })).toBe('0.0.0.0');
    expect(bindHostFromEnv({ API_HOST: '::1' })).toBe('::1');
    expect(bindHostFromEnv({ OCTOPUS_BIND_HOST: '10.0.0.5', API_HOST: '0.0.0.0' })).toBe('10.0.0.5');
  });

  it('finds the repo root from a nested folder', () => {
    expect(findRepoRoot([__dirname])).toBe(repo);
  });

  it('reads OCTOPUS_DATA_DIR as the data ROOT (default <repo>/.data), relative paths against the repo root', () => {
    expect(dataRootFromEnv({})).toBe(path.join(repo, '.data'));
    expect(dataRootFromEnv({ OCTOPUS_DATA_DIR: 'tmp/db' })).toBe(path.join(repo, 'tmp', 'db'));
    expect(dataRootFromEnv({ OCTOPUS_DATA_DIR: '/var/lib/octopus' })).toBe('/var/lib/octopus');
  });

  it('keeps the embedded database in <root>/api, or uses DATABASE_URL', () => {
    expect(apiDatabaseDir('/var/lib/octopus')).toBe('/var/lib/octopus/api');
    expect(databaseFromEnv({ OCTOPUS_DATA_DIR: '/var/lib/octopus' })).toEqual({ kind: 'pglite', dataDir: '/var/lib/octopus/api' });
    expect(databaseFromEnv({ DATABASE_URL: 'postgres://x/y', DATABASE_SCHEMA: 's' })).toEqual({ kind: 'postgres', url: 'postgres://x/y', schema: 's' });
  });

  it('reads API_PORT (default 4100) and rejects nonsense', () => {
    expect(portFromEnv({})).toBe(4100);
    expect(portFromEnv({ API_PORT: '0' })).toBe(0);
    expect(() => portFromEnv({ API_PORT: 'http' })).toThrow(/API_PORT/);
  });

  it('reads API_CORS_ORIGINS as a comma list', () => {
    expect(corsOriginsFromEnv({ API_CORS_ORIGINS: 'https://a.example, https://b.example' })).toEqual(['https://a.example', 'https://b.example']);
    expect(corsOriginsFromEnv({})).toBeUndefined();
  });
});

describe('input normalisation', () => {
  it('reads keypad input: * is X, a trailing # is dropped', () => {
    expect(normaliseIdentityInput('15019*#')).toBe('15019X');
    expect(normaliseIdentityInput('15019x')).toBe('15019X');
  });

  it('strips the country code from caller ids', () => {
    expect(nationalNumber('+8613800138000')).toBe('13800138000');
    expect(nationalNumber('8613800138000')).toBe('13800138000');
    expect(nationalNumber('13800138000')).toBe('13800138000');
    expect(nationalNumber('02112345678')).toBe('02112345678');
  });
});
