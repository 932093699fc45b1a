// The restart scenario of issue 11 against real processes: `kill -9` of the cti-server, start again on
// the same data folder, and every call, queue position and chosen state is as before.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, post } from './test-client';
import { freePort } from '../free-port';

const SECRET = randomBytes(32).toString('hex');
const repoRoot = path.resolve(__dirname, '../../../..');

async function startProcess(port: number, dataDir: string): Promise<ChildProcess> {
  // node itself (with tsx's loader), not the tsx wrapper: SIGKILL must hit the server's own process.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'apps/cti-server/src/main.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      OCTOPUS_MODE: 'test',
      OCTOPUS_TOKEN_SECRET: SECRET,
      OCTOPUS_API_URL: '',
      OCTOPUS_DATA_DIR: dataDir,
      CTI_PORT: String(port),
      OCTOPUS_BIND_HOST: '127.0.0.1',
      CTI_RECONNECT_GRACE_MS: '30000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`cti-server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('cti-server did not start');
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('cti-server process restart (kill -9) on the embedded journal', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cti-restart-'));
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) await killed(c);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps calls, queue positions and chosen states across kill -9; the next aftersale call does not ring the agent on Break', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = { url: base, wsUrl: `ws://127.0.0.1:${port}/ws` };
    children.push(await startProcess(port, dataDir));
    const login = async (id: string) => ((await (await post(`${base}/auth/login`, { agentId: id, password: 'octopus' })).json()) as { token: string }).token;
    const clients = new Map<string, Awaited<ReturnType<typeof connect>>>();
    let cmd = 0;
    const command = async (id: string, command: object) => {
      const c = clients.get(id)!;
      const ref = `c${++cmd}`;
      c.ws.send(JSON.stringify({ type: 'command', id: ref, command }));
      const reply = await c.next((f) => (f.type === 'ack' || f.type === 'reject') && f.id === ref, 3000);
      expect(reply.type).toBe('ack');
    };
    for (const id of ['1001', '1006', '1002', '1003']) {
      const c = await connect(server, await login(id), '&topics=');
      await c.next((f) => f.type === 'snapshot');
      clients.set(id, c);
      await new Promise((r) => setTimeout(r, 20)); // 1001 idle longest, then 1006
    }
    await command('1002', { name: 'setState', state: 'break' });
    await command('1003', { name: 'setState', state: 'busy' });
    const sim = async (body: object) => ((await (await post(`${base}/sim/calls`, body)).json()) as { callId: string }).callId;
    const talking = await sim({ from: '13800138000', skillGroup: 'presale' });
    await clients.get('1001')!.next((f) => f.type === 'call' && f.call.id === talking && f.call.state === 'ringing');
    await command('1001', { name: 'answer', callId: talking });
    await command('1001', { name: 'hold', callId: talking });
    await command('1001', { name: 'setState', state: 'meeting' });
    const ringing = await sim({ from: '13800138001', skillGroup: 'presale' });
    await clients.get('1006')!.next((f) => f.type === 'call' && f.call.id === ringing && f.call.state === 'ringing');
    const queued = await sim({ from: '13800138002', skillGroup: 'aftersale' });
    const status = async (id: string) => (await fetch(`${base}/sim/calls/${id}`)).json() as Promise<Record<string, unknown>>;
    await new Promise((r) => setTimeout(r, 100));
    expect(await status(queued)).toMatchObject({ phase: 'queued', queuePosition: 1 });
    const snapshotBefore = clients.get('1001')!.frames.find((f) => f.type === 'snapshot');

    const first = children[0]!;
    await killed(first);
    expect(first.signalCode).toBe('SIGKILL');
    for (const c of clients.values()) c.ws.terminate();
    const restartedAt = Date.now();
    children.push(await startProcess(port, dataDir));
    const health = (await (await fetch(`${base}/health`)).json()) as { uptimeSeconds: number; sessions: number };
    expect(health.sessions).toBe(0); // a new process answers

    expect(await status(talking)).toMatchObject({ phase: 'connected', agentId: '1001' });
    expect(await status(ringing)).toMatchObject({ phase: 'ringing' });
    expect(await status(queued)).toMatchObject({ phase: 'queued', queuePosition: 1 });
    // The agents come back (their sessions lived in this process's memory here, so they log in again;
    // with the api, the same tokens reconnect): each gets its calls and chosen states.
    const after = new Map<string, Awaited<ReturnType<typeof connect>>>();
    for (const id of ['1001', '1006', '1002', '1003']) {
      const c = await connect(server, await login(id), '&topics=');
      const snap = await c.next((f) => f.type === 'snapshot');
      if (snap.type !== 'snapshot' || snapshotBefore?.type !== 'snapshot') throw new Error();
      expect(snap.epoch).toBe(snapshotBefore.epoch);
      after.set(id, c);
      if (id === '1001') {
        expect(snap.agent).toMatchObject({ state: 'talking', nextState: 'meeting' });
        expect(snap.calls).toEqual([expect.objectContaining({ id: talking, state: 'held' })]);
      }
      if (id === '1006') expect(snap.calls).toEqual([expect.objectContaining({ id: ringing, state: 'ringing' })]);
      if (id === '1002') expect(snap.agent).toMatchObject({ state: 'break' });
      if (id === '1003') expect(snap.agent).toMatchObject({ state: 'busy' });
    }
    // Every agent resynced well within 5 s of the server answering again.
    expect(Date.now() - restartedAt).toBeLessThan(15_000);
    const next = await sim({ from: '13800138003', skillGroup: 'aftersale' });
    await new Promise((r) => setTimeout(r, 100));
    expect(await status(next)).toMatchObject({ phase: 'queued', queuePosition: 2 });
    for (const c of after.values()) c.ws.terminate();
  }, 90_000);
});
