import type { FastifySchema, FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import type { z } from 'zod';
import { HttpError } from './errors';

/**
 * Fastify's validator compiler for zod schemas given in route options (`schema: { params, querystring, body }`):
 * the parsed (coerced, defaulted) value replaces the input, and a failure is our 400 naming the first
 * offending field (`query.limit`, `body.code`), the same answer `parse()` gives.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema: given, httpPart }) => {
  const schema = given as unknown as z.ZodType;
  const where = httpPart === 'querystring' ? 'query' : httpPart === 'params' ? 'params' : httpPart === 'headers' ? 'headers' : 'body';
  return (value: unknown) => {
    const result = schema.safeParse(value);
    if (result.success) return { value: result.data };
    const issue = result.error.issues[0];
    const path = issue ? issue.path.map(String).join('.') : '';
    const field = path ? `${where}.${path}` : where;
    return { error: new HttpError(400, 'bad_request', `${field}: ${issue?.message ?? 'invalid input'}`, field) };
  };
};

/**
 * Fastify's serializer compiler for the zod response schemas in route options: plain `JSON.stringify`,
 * exactly what a route without a response schema sends. The schemas type the handlers (zod type
 * provider) and document the answers (OpenAPI); they are not a runtime filter.
 */
export const jsonSerializerCompiler: FastifySerializerCompiler<unknown> = () => (data) => JSON.stringify(data);
