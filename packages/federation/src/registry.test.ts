import { fetchRegistry, RegistryError } from './registry';

const jsonResponse = (body: unknown, status = 200) =>
  ({ ok: status < 400, status, json: async () => body }) as unknown as Response;

describe('fetchRegistry', () => {
  beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('returns a valid registry', async () => {
    const registry = { remotes: { tickets: { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' } } };
    await expect(fetchRegistry('/registry.json', async () => jsonResponse(registry))).resolves.toEqual(registry);
  });

  it('skips an invalid entry, naming the offending field, and keeps the others', async () => {
    const tickets = { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' };
    const bad = { remotes: { tickets, orders: { entry: 'not a url', version: '' } } };
    const registry = await fetchRegistry('/registry.json', async () => jsonResponse(bad));
    expect(registry.remotes).toEqual({ tickets });
    expect(registry.invalid).toEqual([{ remote: 'orders', reason: expect.stringMatching(/orders\.entry/) }]);
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/"orders" skipped/));
  });

  it('accepts a remote name the shell was never built with', async () => {
    const registry = { remotes: { logistics: { entry: 'http://x.test/mf-manifest.json', version: '1.0.0', tab: { title: { 'en-US': 'Logistics' } } } } };
    await expect(fetchRegistry('/registry.json', async () => jsonResponse(registry))).resolves.toEqual(registry);
  });

  it('keeps what the server reported as skipped', async () => {
    const body = { remotes: {}, invalid: [{ remote: 'payroll', reason: 'payroll.entry: Invalid URL' }] };
    await expect(fetchRegistry('/registry.json', async () => jsonResponse(body))).resolves.toEqual(body);
  });

  it('rejects a document that is not a registry', async () => {
    await expect(fetchRegistry('/registry.json', async () => jsonResponse({ tickets: {} }))).rejects.toThrow(RegistryError);
  });

  it('says when the registry is unreachable or fails', async () => {
    await expect(
      fetchRegistry('/registry.json', async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).rejects.toThrow(/unreachable: Failed to fetch/);
    await expect(fetchRegistry('/registry.json', async () => jsonResponse({}, 502))).rejects.toThrow(/answered 502/);
  });
});
