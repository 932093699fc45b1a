import { remoteBuildMetadataOf } from './manifest';
import { checkContractCompatibility, parseVersion } from './version';

describe('contract compatibility', () => {
  it('accepts the same major', () => {
    expect(checkContractCompatibility('1.4.0', '1.0.2')).toEqual({ compatible: true });
  });
  it('refuses another major, with a reason', () => {
    expect(checkContractCompatibility('1.0.0', '2.0.0')).toEqual({ compatible: false, reason: 'built for contract 2.0.0, the shell speaks 1.0.0' });
  });
  it('treats 0.x minors as breaking', () => {
    expect(checkContractCompatibility('0.2.0', '0.3.0').compatible).toBe(false);
    expect(checkContractCompatibility('0.2.0', '0.2.9').compatible).toBe(true);
  });
  it('refuses a remote that declares no version or garbage', () => {
    expect(checkContractCompatibility('1.0.0', undefined)).toMatchObject({ compatible: false, reason: expect.stringContaining('does not declare') });
    expect(checkContractCompatibility('1.0.0', 'latest')).toMatchObject({ compatible: false });
  });
  it('parses semver with pre-release tags', () => {
    expect(parseVersion('1.2.3-beta.1')).toEqual({ major: 1, minor: 2, patch: 3 });
  });
});

describe('remote build metadata in mf-manifest.json', () => {
  it('reads metaData.octopus, ignoring what is not a string', () => {
    expect(remoteBuildMetadataOf({ metaData: { octopus: { remote: 'tickets', version: '0.2.0', contractVersion: '2.0.0' } } })).toEqual({
      remote: 'tickets',
      version: '0.2.0',
      contractVersion: '2.0.0',
    });
    expect(remoteBuildMetadataOf({ metaData: { octopus: { contractVersion: 2 } } })).toEqual({});
    expect(remoteBuildMetadataOf({ metaData: {} })).toBeNull();
    expect(remoteBuildMetadataOf('nope')).toBeNull();
  });
});
