import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { signToken, type AgentClaims } from '@octopus/auth';
import { loginRequestSchema, simCallRequestSchema, type LoginResponse } from '@octopus/contracts';
import type { AgentAccount } from '../engine/config';
import type { CtiEngine } from '../engine/engine';
import type { Simulator } from '../sim/simulator';

export interface HttpContext {
  engine: CtiEngine;
  simulator: Simulator | null;
  accounts: Map<string, AgentAccount>;
  tokenSecret: string;
  tokenTtlSeconds: number;
  corsOrigins: (origin: string) => boolean;
  health: () => Record<string, unknown>;
}

const MAX_BODY = 64 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (!text.trim()) return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new HttpError(400, 'body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function samePassword(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Plain `node:http` routing: a handful of JSON endpoints does not need a framework. */
export function createHttpHandler(ctx: HttpContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(ctx, req, res).catch((error: unknown) => {
      if (error instanceof HttpError) send(res, error.status, { error: error.message });
      else {
        console.error(error);
        if (!res.headersSent) send(res, 500, { error: 'internal error' });
      }
    });
  };
}

async function handle(ctx: HttpContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const origin = req.headers.origin;
  if (origin && ctx.corsOrigins(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    res.setHeader('access-control-allow-headers', 'content-type, authorization');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-max-age', '600');
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS') {
    res.writeHead(204);
    res.end();
    return;
  }
  const p = url.pathname.replace(/\/+$/, '') || '/';

  if (p === '/health' && method === 'GET') return send(res, 200, ctx.health());

  if (p === '/auth/login' && method === 'POST') {
    const parsed = loginRequestSchema.safeParse(await readJson(req));
    if (!parsed.success) throw new HttpError(400, 'agentId and password are required');
    const account = ctx.accounts.get(parsed.data.agentId);
    if (!account || !samePassword(account.password, parsed.data.password)) throw new HttpError(401, 'wrong agent id or password');
    const token = signToken<AgentClaims>(
      { kind: 'agent', sub: account.id, name: account.name, skillGroups: account.skillGroups },
      { secret: ctx.tokenSecret, ttlSeconds: ctx.tokenTtlSeconds },
    );
    const body: LoginResponse = { token, agent: { id: account.id, name: account.name, skillGroups: account.skillGroups } };
    return send(res, 200, body);
  }

  if (p.startsWith('/sim/')) {
    // The simulator does not exist in production mode.
    const sim = ctx.simulator;
    if (!sim) throw new HttpError(404, 'not found');
    if (p === '/sim/calls' && method === 'POST') {
      const parsed = simCallRequestSchema.safeParse(await readJson(req));
      if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      if (parsed.data.skillGroup && !ctx.engine.hasGroup(parsed.data.skillGroup)) throw new HttpError(400, `unknown skill group ${parsed.data.skillGroup}`);
      return send(res, 200, { callId: sim.createCall(parsed.data) });
    }
    const m = /^\/sim\/calls\/([^/]{1,64})(\/hangup)?$/.exec(p);
    if (m) {
      const callId = decodeURIComponent(m[1]!);
      if (m[2] && method === 'POST') {
        const status = ctx.engine.callStatus(callId);
        if (!status) throw new HttpError(404, `no call ${callId}`);
        const hungUp = sim.hangup(callId);
        return send(res, 200, { callId, hungUp });
      }
      if (!m[2] && method === 'GET') {
        const status = ctx.engine.callStatus(callId);
        if (!status) throw new HttpError(404, `no call ${callId}`);
        return send(res, 200, status);
      }
    }
  }
  throw new HttpError(404, 'not found');
}
