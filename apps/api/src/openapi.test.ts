import type { AddressInfo } from 'node:net';
import { apiRoutes, apiServiceRoutes, type ApiRoute } from '@octopus/contracts';
import type { Database } from '@octopus/db';
import { createApp } from './app';
import { OPENAPI_PATH } from './http/openapi';
import { TEST_SECRET } from './testing/harness';

// The OpenAPI document is generated from the zod schemas every route declares (route options); this
// checks it lists every route the api registers, and that the route table in contracts is the api's.

/** Routes are registered without touching the database: a stub is enough to build the app. */
const db = { kind: 'pglite', query: () => Promise.reject(new Error('no database in this test')) } as unknown as Database;

async function build() {
  const registered: { method: string; url: string }[] = [];
  const app = await createApp({ db, tokenSecret: TEST_SECRET, now: Date.now, mode: 'test', onRoute: (route) => registered.push(route) });
  // Over a real socket: light-my-request (inject) loads an ES module jest's CommonJS sandbox refuses.
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const fetchDoc = async () => fetch(`http://127.0.0.1:${port}${OPENAPI_PATH}`);
  return { app, registered, fetchDoc };
}

const openApiPath = (url: string): string => url.replace(/:([A-Za-z]+)/g, '{$1}');

describe('GET /openapi.json', () => {
  it('lists every route the api registers, each with its method, and nothing else', async () => {
    const { app, registered, fetchDoc } = await build();
    const response = await fetchDoc();
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const served = registered
      .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && r.url !== OPENAPI_PATH)
      .map((r) => `${r.method} ${openApiPath(r.url)}`)
      .sort();
    expect(served.length).toBeGreaterThanOrEqual(38);
    expect(documented).toEqual(served);
    await app.close();
  });

  it('documents params, query, body and answers from the zod schemas', async () => {
    const { app, fetchDoc } = await build();
    const doc = (await (await fetchDoc()).json()) as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: unknown; responses: Record<string, unknown> }>>;
    };
    const getOrders = doc.paths['/users/{userId}/orders']?.get;
    expect(getOrders?.parameters?.map((p) => `${p.in}.${p.name}`).sort()).toEqual(['path.userId', 'query.limit', 'query.offset', 'query.status']);
    expect(Object.keys(getOrders?.responses ?? {})).toEqual(expect.arrayContaining(['200', 'default']));
    expect(doc.paths['/tickets']?.post?.requestBody).toBeDefined();
    expect(Object.keys(doc.paths['/tickets']?.post?.responses ?? {})).toContain('201');
    await app.close();
  });

  it('serves exactly the route table of @octopus/contracts (the api client builds its paths from it)', async () => {
    const { app, registered } = await build();
    const table: ApiRoute[] = [...Object.values(apiRoutes), ...Object.values(apiServiceRoutes)];
    const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
    const served = registered.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && r.url !== OPENAPI_PATH).map(key).sort();
    expect(served).toEqual(table.map(key).sort());
    await app.close();
  });
});
