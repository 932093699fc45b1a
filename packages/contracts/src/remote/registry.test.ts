import { parseRegistry, remoteRegistrySchema, tabTitleOf, visibleRemotes } from './registry';

const entry = (port: number, extra: Record<string, unknown> = {}) => ({ entry: `http://localhost:${port}/0.1.0/mf-manifest.json`, version: '0.1.0', ...extra });

describe('remote registry', () => {
  it('accepts any number of remotes, including names the repo does not build', () => {
    const registry = {
      remotes: {
        tickets: entry(3001),
        logistics: entry(3105, { tab: { title: { 'zh-CN': '物流', 'en-US': 'Logistics' }, order: 50, roles: ['agent'] } }),
      },
    };
    expect(remoteRegistrySchema.parse(registry).remotes.logistics?.tab?.title['en-US']).toBe('Logistics');
    expect(parseRegistry(registry)).toEqual({ remotes: registry.remotes, invalid: [] });
  });

  it('skips an invalid entry with its reason and keeps the others', () => {
    const parsed = parseRegistry({
      remotes: {
        tickets: entry(3001),
        broken: { entry: 'not a url', version: '' },
        Bad_Name: entry(3002),
        notitle: entry(3003, { tab: { title: {} } }),
      },
    });
    expect(Object.keys(parsed.remotes)).toEqual(['tickets']);
    expect(parsed.invalid.map((item) => item.remote)).toEqual(['broken', 'Bad_Name', 'notitle']);
    expect(parsed.invalid[0]!.reason).toMatch(/broken\.entry/);
    expect(parsed.invalid[1]!.reason).toMatch(/not a remote name/);
  });

  it('refuses a document that is not a registry', () => {
    expect(() => parseRegistry({ tickets: entry(3001) })).toThrow(/"remotes"/);
    expect(() => parseRegistry(null)).toThrow();
  });

  it('titles a tab per locale with fallbacks', () => {
    const logistics = entry(3105, { tab: { title: { 'en-US': 'Logistics' } } }) as never;
    expect(tabTitleOf(logistics, 'zh-CN', 'logistics')).toBe('Logistics');
    expect(tabTitleOf(undefined, 'zh-CN', 'logistics')).toBe('logistics');
  });

  it('orders tabs and filters them by role', () => {
    const registry = {
      remotes: {
        zeta: entry(1, { tab: { title: { 'en-US': 'Z' }, order: 1 } }),
        tickets: entry(2),
        board: entry(3, { tab: { title: { 'en-US': 'Board' }, roles: ['supervisor', 'admin'] } }),
        alpha: entry(4),
      },
    } as never;
    const builtIn = (name: string) => (name === 'tickets' ? 10 : undefined);
    expect(visibleRemotes(registry, 'agent', builtIn)).toEqual(['zeta', 'tickets', 'alpha']);
    expect(visibleRemotes(registry, 'supervisor', builtIn)).toEqual(['zeta', 'tickets', 'alpha', 'board']);
    expect(visibleRemotes(registry, null, builtIn)).toEqual(['zeta', 'tickets', 'alpha']);
  });
});
