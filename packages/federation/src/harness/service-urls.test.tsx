import { render, waitFor } from '@testing-library/react';
import { REMOTE_CONTRACT_VERSION } from '@octopus/contracts';
import { resolveHarnessServices } from './service-urls';
import { StandaloneHarness } from './StandaloneHarness';

function answering(routes: Record<string, unknown>): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const impl = (async (input: RequestInfo | URL) => {
    const url = String(input);
    urls.push(url);
    const path = new URL(url).pathname;
    if (!(path in routes)) return { ok: false, status: 404, json: async () => ({}) } as Response;
    return { ok: true, status: 200, json: async () => routes[path] } as Response;
  }) as typeof fetch;
  return { fetch: impl, urls };
}

describe('resolveHarnessServices: the standalone harness follows the deployment configuration', () => {
  it('takes the URLs from octopus-config.json beside the page (what the dev server serves from CTI_PORT/API_PORT)', async () => {
    const server = answering({ '/1.2.0/octopus-config.json': { ctiUrl: 'http://localhost:4711', apiUrl: 'http://localhost:4811' } });
    await expect(resolveHarnessServices('http://localhost:3105/1.2.0/index.html', server.fetch)).resolves.toEqual({
      ctiUrl: 'http://localhost:4711',
      apiUrl: 'http://localhost:4811',
      source: 'runtime-config',
    });
    expect(server.urls).toEqual(['http://localhost:3105/1.2.0/octopus-config.json']);
  });

  it('prefers ?cti=&api= in the page URL, and falls back to the default ports when the server says nothing usable', async () => {
    const none = answering({});
    await expect(resolveHarnessServices('http://h:3105/?cti=http://c:1&api=http://a:2', none.fetch)).resolves.toMatchObject({ ctiUrl: 'http://c:1', apiUrl: 'http://a:2', source: 'query' });
    expect(none.urls).toEqual([]);
    await expect(resolveHarnessServices('http://h:3105/', none.fetch)).resolves.toEqual({ ctiUrl: 'http://localhost:4000', apiUrl: 'http://localhost:4100', source: 'defaults' });
    const hostile = answering({ '/octopus-config.json': { ctiUrl: 'javascript:alert(1)', apiUrl: 'http://a:2' } });
    await expect(resolveHarnessServices('http://h:3105/', hostile.fetch)).resolves.toMatchObject({ source: 'defaults' });
  });
});

describe('StandaloneHarness', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('logs in at the cti-server the page’s server names, not at :4000', async () => {
    const server = answering({ '/octopus-config.json': { ctiUrl: 'http://localhost:4711', apiUrl: 'http://localhost:4811' } });
    globalThis.fetch = server.fetch;
    const remote = { name: 'logistics', version: '1.0.0', contractVersion: REMOTE_CONTRACT_VERSION, Component: () => <p>panel</p> };
    render(<StandaloneHarness remote={remote} />);
    await waitFor(() => expect(server.urls).toContain('http://localhost:4711/auth/login'));
    expect(server.urls.some((url) => url.includes(':4000'))).toBe(false);
  });
});
