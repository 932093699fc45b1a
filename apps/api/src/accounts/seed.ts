import { DEMO_PASSWORD, hashPassword, verifyPassword } from '@octopus/auth';
import type { AgentRole, OctopusMode } from '@octopus/contracts';
import type { Database } from '@octopus/db';
import { enabledAgentCount, findAgent } from './repository';

// The demo accounts' password is the one constant of @octopus/auth.
export { DEMO_PASSWORD };

/** Demo and test accounts: the eight agents of the cti-server's demo floor, a supervisor and an admin. */
export const DEMO_ACCOUNTS: readonly { id: string; name: string; role: AgentRole; skillGroups: readonly string[] }[] = [
  { id: '1001', name: '王芳', role: 'agent', skillGroups: ['presale'] },
  { id: '1002', name: '李娜', role: 'agent', skillGroups: ['presale', 'aftersale'] },
  { id: '1003', name: '张伟', role: 'agent', skillGroups: ['aftersale'] },
  { id: '1004', name: '刘洋', role: 'agent', skillGroups: ['aftersale', 'finance'] },
  { id: '1005', name: '陈静', role: 'agent', skillGroups: ['finance'] },
  { id: '1006', name: '杨磊', role: 'agent', skillGroups: ['presale', 'finance'] },
  { id: '1007', name: '赵敏', role: 'agent', skillGroups: ['aftersale'] },
  { id: '1008', name: '黄强', role: 'agent', skillGroups: ['presale', 'aftersale', 'finance'] },
  { id: '2001', name: '周主管', role: 'supervisor', skillGroups: ['presale', 'aftersale', 'finance'] },
  { id: '2002', name: '系统管理员', role: 'admin', skillGroups: [] },
];

/** Password hashing strength per mode: the fast parameters only ever in test mode. */
export function hashStrength(mode: OctopusMode): 'fast' | 'standard' {
  return mode === 'test' ? 'fast' : 'standard';
}

/**
 * Demo/test: seeds the demo accounts that are missing (password `octopus`). Production: seeds none,
 * and refuses to run with no enabled account or with a demo account that still has the demo password.
 * @throws Error (production) naming what is missing and how to add an account.
 */
export async function prepareAccounts(db: Database, mode: OctopusMode): Promise<{ seeded: number }> {
  if (mode !== 'production') {
    const hash = await hashPassword(DEMO_PASSWORD, hashStrength(mode));
    let seeded = 0;
    for (const account of DEMO_ACCOUNTS) {
      const rows = await db.query(
        `INSERT INTO agents (id, name, password_hash, role, skill_groups) VALUES ($1, $2, $3, $4, $5::text[])
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [account.id, account.name, hash, account.role, [...account.skillGroups]],
      );
      seeded += rows.length;
    }
    return { seeded };
  }
  if ((await enabledAgentCount(db)) === 0) {
    throw new Error('production mode needs at least one enabled account: add one with `pnpm agents add <id> --name <name> --role admin`');
  }
  for (const account of DEMO_ACCOUNTS) {
    const row = await findAgent(db, account.id);
    if (row && !row.disabled && (await verifyPassword(row.password_hash, DEMO_PASSWORD))) {
      throw new Error(`production mode refuses demo account ${account.id} with the demo password: \`pnpm agents reset-password ${account.id}\` or \`pnpm agents disable ${account.id}\``);
    }
  }
  return { seeded: 0 };
}
