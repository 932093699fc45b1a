// The cti-server's HTTP layer on Fastify (issue 10 point 3): one route table, one error body, and the
// edges of the upgrade and of CORS kept as the hand-rolled server had them.
import { ctiRoutes, errorBodySchema } from '@octopus/contracts';
import WebSocket from 'ws';
import { startCtiServer, type CtiServer } from '../start';
import { post } from '../test-client';
import { OPENAPI_PATH } from './app';

const INGRESS = 'i'.repeat(40);
const openApiPath = (url: string): string => url.replace(/:([A-Za-z]+)/g, '{$1}');

/** The HTTP status a WebSocket handshake to `path` gets (101 when it upgrades). */
function upgradeStatus(server: CtiServer, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`);
    ws.on('upgrade', (res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
  });
}

describe('cti-server HTTP layer', () => {
  let server: CtiServer;
  beforeAll(async () => {
    server = await startCtiServer({
      port: 0,
      mode: 'test',
      tokenSecret: 'http-app-test-secret',
      ingressToken: INGRESS,
      voice: { wsUrl: 'wss://voice.example/ws', domain: 'octopus.local', rpcUrl: null, sipSecret: 's'.repeat(40) },
    });
  });
  afterAll(() => server.close());

  it('serves an OpenAPI document of exactly the contracts route table', async () => {
    const response = await fetch(`${server.url}${OPENAPI_PATH}`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    const table = Object.values(ctiRoutes).map((r) => `${r.method} ${openApiPath(r.url)}`);
    expect(documented.sort()).toEqual(table.sort());
    expect(Object.keys(doc.paths['/sim/calls']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['200', 'default']));
  });

  it('answers every refusal with the one ErrorBody of contracts', async () => {
    const refusals: Array<[Response, number, string]> = [
      [await fetch(`${server.url}/nope`), 404, 'not_found'],
      [await fetch(`${server.url}/sim/calls`, { method: 'POST', body: 'x' }), 415, 'unsupported_media_type'],
      [await fetch(`${server.url}/sim/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }), 400, 'bad_json'],
      [await fetch(`${server.url}/sim/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'x'.repeat(70_000) }) }), 413, 'body_too_large'],
      [await post(`${server.url}/sim/calls`, { from: 'not a number' }), 400, 'bad_request'],
      [await post(`${server.url}/sim/calls`, { from: '13800138000', skillGroup: 'nope' }), 400, 'bad_request'],
      [await fetch(`${server.url}/sim/calls/nope`), 404, 'not_found'],
      [await post(`${server.url}/auth/refresh`, {}), 401, 'unauthorized'],
      [await post(`${server.url}/ingress/calls`, { from: '13800138000' }), 401, 'unauthorized'],
      [await fetch(`${server.url}/sim/calls/%FF`), 400, 'invalid_text'],
    ];
    for (const [response, status, code] of refusals) {
      expect([response.url, response.status]).toEqual([response.url, status]);
      const body = errorBodySchema.strict().parse(await response.json());
      expect(body.error).toBe(code);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    const invalid = (await (await post(`${server.url}/sim/calls`, { from: 'not a number' })).json()) as { field?: string };
    expect(invalid.field).toBe('from');
  });

  it('checks the ingress token on every /ingress/ path, however it is spelled', async () => {
    expect((await post(`${server.url}//ingress//calls`, { from: '13800138000' })).status).toBe(401);
    expect((await post(`${server.url}/ingress/calls/`, { from: '13800138000' })).status).toBe(401);
    expect((await fetch(`${server.url}/ingress/nowhere`)).status).toBe(401);
    const ok = await post(`${server.url}//ingress//calls`, { from: '13800138000' }, { authorization: `Bearer ${INGRESS}` });
    expect(ok.status).toBe(200);
  });

  it('upgrades only /ws, answers a plain GET /ws with 404, and any preflight with 204', async () => {
    expect(await upgradeStatus(server, '/health')).toBe(404);
    expect(await upgradeStatus(server, '/nope')).toBe(404);
    expect(await upgradeStatus(server, '/ws')).toBe(101);
    expect((await fetch(`${server.url}/ws`)).status).toBe(404);
    const foreign = await fetch(`${server.url}/sim/calls`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(foreign.status).toBe(204);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const shell = await fetch(`${server.url}/sim/calls`, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' } });
    expect(shell.status).toBe(204);
    expect(shell.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(shell.headers.get('access-control-allow-headers')).toBe('content-type, authorization');
    expect(shell.headers.get('access-control-expose-headers')).toBe('retry-after');
    expect(shell.headers.get('access-control-max-age')).toBe('600');
  });
});
