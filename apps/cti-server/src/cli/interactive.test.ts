// `pnpm call --interactive` against a test server: the core loop with injected streams, and the real CLI
// spawned with piped stdin — a tester keys through to the order-status self-service and finishes.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { MemoryDirectory } from '../engine/ports';
import { startCtiServer, type CtiServer } from '../server/start';
import { interactiveCall } from './interactive';

jest.setTimeout(30_000);

const USERS = [{ userId: 'U0000001', name: '张伟', phone: '13800138000', idNumber: '110105199003071234' }];
const DATA = { U0000001: { orders: [{ orderId: 'SO1000000002', status: 'shipped', latestLogistics: { at: '2026-12-01T08:30:00.000Z', status: 'in_transit', location: '上海', description: '运输中' } }] } };
const TREE = {
  root: 'main',
  agentGroup: null,
  maxRepeats: 3,
  invalidPrompt: { 'zh-CN': '无效', 'en-US': 'invalid key' },
  nodes: {
    main: { kind: 'menu', prompt: { 'zh-CN': '查订单请按4', 'en-US': 'for your order press 4' }, options: { '1': 'sales', '4': 'order' } },
    sales: { kind: 'group', prompt: null, group: 'presale' },
    order: { kind: 'self-service', service: 'order-status', prompt: { 'zh-CN': '请输入订单号', 'en-US': 'key the order number' }, next: null },
  },
};

describe('pnpm call --interactive', () => {
  let server: CtiServer;
  beforeAll(async () => {
    server = await startCtiServer({ port: 0, mode: 'test', tokenSecret: 'interactive-call-test-secret', directory: new MemoryDirectory(USERS, DATA) });
    const login = await fetch(`${server.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agentId: '2001', password: 'octopus' }) });
    const { token } = (await login.json()) as { token: string };
    const put = await fetch(`${server.url}/ivr/hotlines/4008001000`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(TREE) });
    expect(put.status).toBe(200);
  });
  afterAll(() => server.close());

  it('shows each prompt, takes the answers typed (an invalid key repeats the menu) and shows the self-service answer', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const done = interactiveCall({ base: server.url, from: '13800138000', lang: 'en-US', input, output, pollMs: 20 });
    // Typed ahead: the loop answers one prompt per line, in order (# added to digit answers).
    input.write('7\n4\n13800138000\n1000000002\n9\n');
    const result = await done;
    expect(result).toMatchObject({ outcome: 'self-service', keyTrack: '74***********#1000000002#9' });
    expect(shown).toContain('🔊 for your order press 4');
    expect(shown).toContain('⚠ invalid key');
    expect(shown).toContain('Please verify first');
    expect(shown).toContain('✅ 自助查询 / self-service: Order SO1000000002 is shipped. Latest logistics: 2026-12-01 16:30, 上海, 运输中.');
    expect(shown).toContain('resolved in self-service');
  });

  it('hangs up on q and on the end of input', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    output.resume();
    const done = interactiveCall({ base: server.url, from: '13800138000', input, output, pollMs: 20 });
    input.end('q\n');
    expect((await done).outcome).toBe('hung-up');
    const eof = new PassThrough();
    const closing = interactiveCall({ base: server.url, from: '13800138000', input: eof, output, pollMs: 20 });
    eof.end();
    expect((await closing).outcome).toBe('hung-up');
  });

  it('runs as the CLI with piped stdin', async () => {
    const repoRoot = path.resolve(__dirname, '../../../..');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/cti-server/src/cli/call.ts'), '--interactive', '--from', '13800138000', '--lang', 'en-US'], {
      env: { ...process.env, CTI_URL: server.url },
      stdio: ['pipe', 'pipe', 'pipe'],
      cwd: repoRoot,
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.stdin.end('1\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(out).toContain('for your order press 4');
    expect(out).toMatch(/left the IVR for presale: (queued|ringing)/);
    expect(code).toBe(0);
  });
});
