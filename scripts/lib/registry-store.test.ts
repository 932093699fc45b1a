import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { changeEntry, readHistory, readRegistry, registryStore, rollbackTarget, validateRelease } from './registry-store';

const entry = (port: number, version: string) => ({ entry: `http://localhost:${port}/${version}/mf-manifest.json`, version });

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'octopus-store-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the registry store', () => {
  it('starts from what the deployment serves and changes only the named entry', async () => {
    const file = path.join(dir, 'registry.json');
    const served = { remotes: { tickets: entry(4301, '0.1.0'), orders: entry(4302, '0.1.0') } };
    const store = registryStore(file, () => served);
    const { previous, next } = await changeEntry(store, 'tickets', 'set', (current) => ({ ...current!, ...entry(4301, '0.2.0') }));
    expect(previous).toEqual(entry(4301, '0.1.0'));
    expect(next).toEqual(entry(4301, '0.2.0'));
    // Orders keeps the deployment's port, not a default.
    expect(JSON.parse(readFileSync(file, 'utf8')).remotes.orders).toEqual(entry(4302, '0.1.0'));
  });

  it('never rewrites another entry, even one it cannot validate', async () => {
    const file = path.join(dir, 'registry.json');
    const odd = { entry: 'ftp-ish', version: '', custom: { kept: true } };
    writeFileSync(file, JSON.stringify({ remotes: { tickets: entry(3001, '0.1.0'), weird: odd } }));
    const store = registryStore(file, () => ({ remotes: {} }));
    await changeEntry(store, 'logistics', 'set', () => entry(3105, '1.0.0'));
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.remotes.weird).toEqual(odd);
    expect(written.remotes.tickets).toEqual(entry(3001, '0.1.0'));
    expect((await readRegistry(store)).invalid.map((item) => item.remote)).toEqual(['weird']);
  });

  it('keeps a history and rolls back to the previous entry (not to the package version)', async () => {
    const file = path.join(dir, 'registry.json');
    const store = registryStore(file, () => ({ remotes: { tickets: entry(3001, '0.1.0') } }));
    await changeEntry(store, 'tickets', 'set', () => entry(3001, '0.2.0'));
    await changeEntry(store, 'tickets', 'set', () => entry(3001, '0.3.0'));
    expect(readHistory(store, 'tickets').map((item) => item.entry?.version)).toEqual(['0.2.0', '0.3.0']);
    expect(rollbackTarget(store, 'tickets', entry(3001, '0.3.0') as never)).toEqual(entry(3001, '0.2.0'));
    expect(() => rollbackTarget(store, 'orders', null)).toThrow(/no earlier entry/);
  });

  it('serialises concurrent operators (no lost update)', async () => {
    const file = path.join(dir, 'registry.json');
    const store = registryStore(file, () => ({ remotes: {} }));
    await Promise.all(['a-one', 'b-two', 'c-three', 'd-four'].map((name, index) => changeEntry(store, name, 'set', () => entry(3100 + index, '1.0.0'))));
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).remotes).sort()).toEqual(['a-one', 'b-two', 'c-three', 'd-four']);
  });

  it('refuses an invalid name or entry and leaves the file as it was', async () => {
    const file = path.join(dir, 'registry.json');
    writeFileSync(file, JSON.stringify({ remotes: { tickets: entry(3001, '0.1.0') } }));
    const store = registryStore(file, () => ({ remotes: {} }));
    await expect(changeEntry(store, 'Bad Name', 'set', () => entry(1, '1'))).rejects.toThrow();
    await expect(changeEntry(store, 'tickets', 'set', () => ({ entry: 'nope', version: '1' }))).rejects.toThrow();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ remotes: { tickets: entry(3001, '0.1.0') } });
  });
});

describe('validateRelease', () => {
  let server: http.Server;
  let base: string;
  const manifests: Record<string, unknown> = {};
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/hang/mf-manifest.json') return; // accepts, never answers
      const body = manifests[req.url ?? ''];
      res.statusCode = body ? 200 : 404;
      res.end(body ? JSON.stringify(body) : 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const meta = (contractVersion: string, version: string) => ({ name: 'octopus_tickets', metaData: { octopus: { remote: 'tickets', version, contractVersion } } });
    manifests['/0.2.0/mf-manifest.json'] = meta('1.1.0', '0.2.0');
    manifests['/2.0.0/mf-manifest.json'] = meta('2.0.0', '2.0.0');
    manifests['/0.4.0/mf-manifest.json'] = { name: 'octopus_tickets', metaData: {} };
    manifests['/other/mf-manifest.json'] = { name: 'octopus_orders', metaData: { octopus: { contractVersion: '1.0.0' } } };
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('accepts a deployed release built for a compatible contract', async () => {
    await expect(validateRelease('tickets', { entry: `${base}/0.2.0/mf-manifest.json`, version: '0.2.0' }, '1.0.0')).resolves.toMatchObject({ contractVersion: '1.1.0', builtVersion: '0.2.0' });
  });

  it.each([
    ['an incompatible contract', '/2.0.0/mf-manifest.json', '2.0.0', /refused: built for contract 2.0.0, the shell speaks 1.0.0/],
    ['no declared contract', '/0.4.0/mf-manifest.json', '0.4.0', /does not declare/],
    ['another remote', '/other/mf-manifest.json', '1.0.0', /not octopus_tickets/],
    ['an undeployed release', '/9.9.9/mf-manifest.json', '9.9.9', /answered 404/],
    ['a release that is another version', '/0.2.0/mf-manifest.json', '0.3.0', /is release 0.2.0, not 0.3.0/],
  ])('refuses %s', async (_what, urlPath, version, reason) => {
    await expect(validateRelease('tickets', { entry: `${base}${urlPath}`, version }, '1.0.0')).rejects.toThrow(reason);
  });

  it('refuses a manifest that never answers, within the bound', async () => {
    await expect(validateRelease('tickets', { entry: `${base}/hang/mf-manifest.json`, version: '1.0.0' }, '1.0.0', { timeoutMs: 300 })).rejects.toThrow(/unreachable/);
  });
});
