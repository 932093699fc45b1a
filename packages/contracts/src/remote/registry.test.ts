import { inCanary, parseRegistry, registryForAgent, remoteRegistrySchema, stickyBucket, tabTitleOf, visibleRemotes } from './registry';

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

describe('canary', () => {
  const stable = { entry: 'http://localhost:3001/0.1.0/mf-manifest.json', version: '0.1.0' };
  const canary = { entry: 'http://localhost:3001/0.2.0/mf-manifest.json', version: '0.2.0' };
  const agent = (id: string, skillGroups: string[] = ['presale']) => ({ id, skillGroups });

  it('serves the canary to its group and agents, the stable release to the others', () => {
    const registry = { remotes: { tickets: { ...stable, canary: { ...canary, groups: ['aftersale'], agents: ['1007'] } } } };
    expect(registryForAgent(registry, agent('1001', ['aftersale'])).remotes.tickets).toEqual({ ...canary, track: 'canary' });
    expect(registryForAgent(registry, agent('1007')).remotes.tickets).toEqual({ ...canary, track: 'canary' });
    expect(registryForAgent(registry, agent('1002')).remotes.tickets).toEqual({ ...stable, track: 'stable' });
    expect(registryForAgent(registry, null).remotes.tickets).toEqual({ ...stable, track: 'stable' });
  });

  it('serves a percentage of agents, sticky per agent', () => {
    const entry = { ...stable, canary: { ...canary, percent: 30 } };
    const ids = Array.from({ length: 1000 }, (_, index) => String(10_000 + index));
    const chosen = ids.filter((id) => inCanary('tickets', entry.canary, agent(id)));
    expect(chosen.length).toBeGreaterThan(230);
    expect(chosen.length).toBeLessThan(370);
    // Sticky: the same answer on every page load.
    for (const id of ids.slice(0, 50)) expect(inCanary('tickets', entry.canary, agent(id))).toBe(chosen.includes(id));
    expect(inCanary('tickets', { ...canary, percent: 0 }, agent('1'))).toBe(false);
    expect(inCanary('tickets', { ...canary, percent: 100 }, agent('1'))).toBe(true);
    expect(stickyBucket('tickets:1001')).toBe(stickyBucket('tickets:1001'));
  });

  it('validates a canary in the registry', () => {
    expect(parseRegistry({ remotes: { tickets: { ...stable, canary: { ...canary, percent: 150 } } } }).invalid).toHaveLength(1);
  });
});
