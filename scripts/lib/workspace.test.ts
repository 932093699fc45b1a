import { defaultRegistry, listWebApps } from './workspace';

describe('the default registry', () => {
  it("carries a repo remote's tab from its package.json (the operations team's tab: supervisors and admins only)", () => {
    const registry = defaultRegistry({ mode: 'production', host: 'example.test' });
    const operations = listWebApps({}).find((app) => app.name === 'operations')!;
    expect(registry.remotes.operations).toEqual({
      entry: `http://example.test:${operations.port}/${operations.version}/mf-manifest.json`,
      version: operations.version,
      tab: { title: { 'zh-CN': '运营', 'en-US': 'Operations' }, order: 90, roles: ['supervisor', 'admin'] },
    });
    // A remote whose package.json names no tab gets none (the shell's built-in title and order).
    expect(registry.remotes.tickets?.tab).toBeUndefined();
  });
});
