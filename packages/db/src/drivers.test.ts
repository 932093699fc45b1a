import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { toIso, toIsoOrNull } from './database';

jest.setTimeout(60_000);

const run = promisify(execFile);

async function conformance(kind: 'pglite' | 'postgres'): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, ['--require', require.resolve('esbuild-register'), path.join(__dirname, 'testing', 'conformance.ts'), kind], {
    env: process.env,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

const EXPECTED = {
  rows: [
    { id: 1, name: "O'Brien <script>", at: 'Date:2026-11-21T08:00:00.000Z', data: { a: [1, 2] }, due: '2026-11-21' },
    { id: 2, name: '张伟', at: null, data: null, due: null },
  ],
  count: 2,
  anyArray: ['张伟'],
  nullParam: 2,
  timezone: 'Asia/Shanghai',
  committed: 1,
  thrown: 'boom',
  sqlError: true,
  afterRollback: [1],
};

describe('Database drivers behave the same', () => {
  it('PGlite', async () => {
    expect(await conformance('pglite')).toEqual({ kind: 'pglite', ...EXPECTED });
  });

  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  (url ? it : it.skip)('PostgreSQL (TEST_DATABASE_URL)', async () => {
    expect(await conformance('postgres')).toEqual({ kind: 'postgres', ...EXPECTED });
  });
});

describe('timestamps', () => {
  it('normalise Date and string to ISO UTC', () => {
    expect(toIso(new Date('2026-11-21T08:00:00Z'))).toBe('2026-11-21T08:00:00.000Z');
    expect(toIso('2026-11-21 16:00:00+08')).toBe('2026-11-21T08:00:00.000Z');
    expect(toIsoOrNull(null)).toBeNull();
    expect(() => toIso(42)).toThrow(TypeError);
  });
});
