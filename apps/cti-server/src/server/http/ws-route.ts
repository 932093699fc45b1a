import { HttpError } from '@octopus/contracts';
import type { ConnectVerdict } from '../hub/hub';
import type { CtiApp, HttpContext } from './context';

/** Where agents' WebSockets connect (docs/protocol.md §2). */
export const WS_PATH = '/ws';

const verdicts = new WeakMap<object, ConnectVerdict>();

/**
 * `GET /ws` through @fastify/websocket, which runs an upgrade request through Fastify's hooks before it
 * completes the handshake: another site's page is refused with HTTP 403 (browsers always send Origin;
 * a client without one still needs a valid token), then the hub checks token and session, so no frame
 * can arrive meanwhile. Its verdict — refusals too — is delivered on the open socket, because a browser
 * cannot read an HTTP refusal of an upgrade but can read a close code. A plain GET is 404.
 */
export function registerWsRoute(app: CtiApp, ctx: HttpContext): void {
  app.route({
    method: 'GET',
    url: WS_PATH,
    schema: { hide: true },
    onRequest: async (request) => {
      const origin = request.headers.origin;
      if (origin !== undefined && !ctx.corsOrigins(origin)) throw new HttpError(403, 'forbidden', 'this origin may not open an agent socket');
    },
    preHandler: async (request) => {
      if (request.ws) verdicts.set(request.raw, await ctx.hub.authorize(request.raw));
    },
    handler: async () => {
      throw new HttpError(404, 'not_found', 'not found');
    },
    wsHandler: (socket, request) => {
      const verdict = verdicts.get(request.raw);
      verdicts.delete(request.raw);
      if (verdict) ctx.hub.accept(socket, verdict);
      else socket.terminate();
    },
  });
}
