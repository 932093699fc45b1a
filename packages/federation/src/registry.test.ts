import { fetchRegistry, RegistryError } from './registry';

const jsonResponse = (body: unknown, status = 200) =>
  ({ ok: status < 400, status, json: async () => body }) as unknown as Response;

describe('fetchRegistry', () => {
  it('returns a valid registry', async () => {
    const registry = { remotes: { tickets: { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' } } };
    await expect(fetchRegistry('/registry.json', async () => jsonResponse(registry))).resolves.toEqual(registry);
  });

  it('rejects an invalid registry with the offending field', async () => {
    const bad = { remotes: { tickets: { entry: 'not a url', version: '' } } };
    await expect(fetchRegistry('/registry.json', async () => jsonResponse(bad))).rejects.toThrow(/remotes\.tickets\.entry/);
  });

  it('rejects an unknown remote name', async () => {
    const bad = { remotes: { payroll: { entry: 'http://x/mf-manifest.json', version: '1' } } };
    await expect(fetchRegistry('/registry.json', async () => jsonResponse(bad))).rejects.toThrow(RegistryError);
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
