// Test helpers: a JSON client for the HTTP endpoints and a raw protocol client that records every frame.
import type { ServerFrame } from '@octopus/contracts';
import { serverFrameSchema } from '@octopus/contracts';
import WebSocket from 'ws';

/** A JSON POST, as the shell sends it. */
export function post(url: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export async function loginFull(server: { url: string }, agentId: string, password = 'octopus'): Promise<{ token: string; sessionId: string; expiresAt: number }> {
  const res = await post(`${server.url}/auth/login`, { agentId, password });
  expect(res.status).toBe(200);
  return (await res.json()) as { token: string; sessionId: string; expiresAt: number };
}


/**
 * How long a test waits for a frame or a close before failing, in ms: a ceiling against hangs on a loaded
 * 2-core CI machine, not a latency target (those live in `pnpm bench`).
 */
const WAIT_MS = 10_000;

/** A raw protocol client that records every frame. */
export async function connect(server: { wsUrl: string }, token: string, query = '') {
  const ws = new WebSocket(`${server.wsUrl}?token=${token}${query}`);
  const frames: ServerFrame[] = [];
  const raw: unknown[] = [];
  const waiters: Array<{ pred: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }> = [];
  let closed: { code: number } | null = null;
  const closedWaiters: Array<(code: number) => void> = [];
  ws.on('message', (data) => {
    const parsed = JSON.parse(String(data));
    raw.push(parsed);
    const f = serverFrameSchema.parse(parsed);
    frames.push(f);
    for (const w of [...waiters]) if (w.pred(f)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(f);
    }
  });
  ws.on('close', (code) => {
    closed = { code };
    for (const w of closedWaiters.splice(0)) w(code);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (pred: (f: ServerFrame) => boolean, timeoutMs = WAIT_MS) =>
    new Promise<ServerFrame>((resolve, reject) => {
      const found = frames.find(pred);
      if (found) return resolve(found);
      const t = setTimeout(() => reject(new Error('frame did not arrive')), timeoutMs);
      waiters.push({ pred, resolve: (f) => (clearTimeout(t), resolve(f)) });
    });
  const whenClosed = (timeoutMs = WAIT_MS) =>
    new Promise<number>((resolve, reject) => {
      if (closed) return resolve(closed.code);
      const t = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      closedWaiters.push((code) => (clearTimeout(t), resolve(code)));
    });
  return { ws, frames, raw, next, closedCode: () => closed?.code ?? null, whenClosed };
}

