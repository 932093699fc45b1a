import swagger from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { ApiApp } from './types';

import { OPENAPI_PATH } from '@octopus/contracts';

export { OPENAPI_PATH };

/**
 * Registers @fastify/swagger, which turns every route's zod schemas (route options) into an OpenAPI
 * 3.0 document, and serves it at `GET /openapi.json` (no auth: it holds no data, only the shapes the
 * contracts package publishes anyway). Must run before the routes are registered.
 */
export async function registerOpenApi(app: ApiApp): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Octopus customer data api', version: '1' },
      components: {
        securitySchemes: {
          agentToken: { type: 'http', scheme: 'bearer', description: 'agent token (cti-server login)' },
          grant: { type: 'apiKey', in: 'header', name: 'X-Octopus-Grant', description: "the call's grant" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async () => app.swagger());
}
