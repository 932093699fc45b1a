// The cti-server process: the mode switch and the secret (issue 8, "forgeable tokens").
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signToken, type AgentClaims } from '@octopus/auth';
import WebSocket from 'ws';

const MAIN = path.join(__dirname, 'main.ts');
const STRONG = 'a3f9c2e71b5d48f0962e7c1ab4d3f58e0c9b2a7d6e1f4c3b8a5d2e9f7c6b1a04';

interface Run {
  code: number | null;
  output: string;
  url: string | null;
  stop(): Promise<number | null>;
}

/** Starts `main.ts` with `env` (and no inherited OCTOPUS_* variables); resolves once it is ready or has exited. */
function run(env: Record<string, string>): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OCTOPUS_') && !k.startsWith('CTI_')));
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { env: { ...base, CTI_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve) => {
    const result: Run = {
      code: null,
      output: '',
      url: null,
      stop: () =>
        new Promise((done) => {
          if (child.exitCode !== null) return done(child.exitCode);
          child.once('exit', (code) => done(code));
          child.kill('SIGTERM');
        }),
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      result.output = output;
      const m = /ready at (http:\/\/[^\s]+)/.exec(output);
      if (m && !result.url) {
        result.url = m[1]!;
        resolve(result);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      result.code = code;
      result.output = output;
      resolve(result);
    });
  });
}

describe('cti-server process: modes and secrets', () => {
  let data: string;
  beforeEach(() => {
    data = mkdtempSync(path.join(tmpdir(), 'cti-main-'));
  });
  afterEach(() => rmSync(data, { recursive: true, force: true }));

  it('production refuses to start without a strong secret, or without the api', async () => {
    const none = await run({ OCTOPUS_MODE: 'production', OCTOPUS_DATA_DIR: data, OCTOPUS_API_URL: 'http://127.0.0.1:9' });
    expect(none.code).toBe(1);
    expect(none.output).toMatch(/OCTOPUS_TOKEN_SECRET/);
    const weak = await run({ OCTOPUS_MODE: 'production', OCTOPUS_TOKEN_SECRET: 'x', OCTOPUS_DATA_DIR: data, OCTOPUS_API_URL: 'http://127.0.0.1:9' });
    expect(weak.code).toBe(1);
    expect(weak.output).toMatch(/OCTOPUS_TOKEN_SECRET/);
    const noApi = await run({ OCTOPUS_MODE: 'production', OCTOPUS_TOKEN_SECRET: STRONG, OCTOPUS_DATA_DIR: data });
    expect(noApi.code).toBe(1);
    expect(noApi.output).toMatch(/OCTOPUS_API_URL/);
  }, 30_000);

  it('NODE_ENV=production alone runs demo mode with a generated secret; the old public default secret is refused', async () => {
    const demo = await run({ NODE_ENV: 'production', OCTOPUS_DATA_DIR: data, OCTOPUS_API_URL: '' });
    try {
      expect(demo.url).not.toBeNull();
      const health = (await (await fetch(`${demo.url}/health`)).json()) as { mode: string };
      expect(health.mode).toBe('demo');
      // No OCTOPUS_BIND_HOST: loopback only (the simulator is unauthenticated).
      expect(demo.output).toMatch(/listening on 127\.0\.0\.1:\d+/);
      const file = path.join(data, 'token-secret');
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
      // A token signed with the secret every clone used to share gets nowhere.
      const forged = signToken<AgentClaims>(
        { kind: 'agent', sub: '1001', sid: 'x', name: 'x', role: 'admin', skillGroups: [] },
        { secret: 'octopus-dev-secret-change-me', ttlSeconds: 60 },
      );
      const code = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`${demo.url!.replace('http', 'ws')}/ws?token=${forged}`);
        ws.on('close', (c) => resolve(c));
        ws.on('error', () => undefined);
      });
      expect(code).toBe(4401);
      // The api-less demo still logs in with the demo accounts.
      const login = await fetch(`${demo.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agentId: '1001', password: 'octopus' }) });
      expect(login.status).toBe(200);
    } finally {
      expect(await demo.stop()).toBe(0);
    }
  }, 30_000);
});
