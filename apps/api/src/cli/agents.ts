import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { hashPassword, modeFromEnv, passwordProblem } from '@octopus/auth';
import { agentRoleSchema, skillGroupNameSchema } from '@octopus/contracts';
import type { Database } from '@octopus/db';
import { findAgent, insertAgent, listAgents, revokeAgentSessions, setAgentDisabled, setAgentPasswordHash } from '../accounts/repository';
import { hashStrength } from '../accounts/seed';
import { writeAudit } from '../audit/log';
import { openApiDatabase, processIo, type CliIo } from './common';

const USAGE = `usage:
  pnpm agents list
  pnpm agents add <id> --name <name> [--role agent|supervisor|admin] [--skill-groups presale,aftersale] [--password <p> | password on stdin]
  pnpm agents disable <id>        (also ends the account's sessions)
  pnpm agents enable <id>
  pnpm agents reset-password <id> [--password <p> | password on stdin]   (also ends the account's sessions)`;

class UsageError extends Error {}

const ID = /^[A-Za-z0-9_-]{1,32}$/;

async function password(values: { password?: string | undefined }, io: CliIo): Promise<string> {
  const raw = values.password ?? (await io.readStdin()).replace(/\r?\n$/, '');
  const problem = passwordProblem(raw);
  if (problem) throw new UsageError(`password ${problem}`);
  return raw;
}

/**
 * `pnpm agents …`: manages accounts in the api's database (the same one the api opens). Every change
 * is written to the audit log (via 'cli', with the OS user). @returns the exit code (0 ok, 1 failed, 2 usage).
 */
export async function agentsCli(argv: readonly string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { name: { type: 'string' }, role: { type: 'string' }, 'skill-groups': { type: 'string' }, password: { type: 'string' } },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, id, ...rest] = parsed.positionals;
  const values = parsed.values;
  if (!command || rest.length > 0 || (command !== 'list' && (!id || !ID.test(id)))) {
    io.err(USAGE);
    return 2;
  }
  const mode = modeFromEnv(env);
  let db: Database | null = null;
  try {
    const opened = await openApiDatabase(env, 'pnpm agents');
    db = opened.db;
    const auditKey = opened.auditKey;
    const audit = (action: string, agentId: string, reason: string): Promise<void> =>
      writeAudit(db as Database, auditKey, { agentId, action, outcome: 'allowed', via: 'cli', reason: `${reason} by ${userInfo().username}` });
    switch (command) {
      case 'list': {
        const rows = await listAgents(db);
        io.out(['id', 'name', 'role', 'skill groups', 'state'].join('\t'));
        for (const r of rows) io.out([r.id, r.name, r.role, r.skill_groups.join(',') || '-', r.disabled ? 'disabled' : 'enabled'].join('\t'));
        return 0;
      }
      case 'add': {
        const agentId = id as string;
        const name = values.name?.trim();
        if (!name) throw new UsageError('add needs --name');
        const role = agentRoleSchema.safeParse(values.role ?? 'agent');
        if (!role.success) throw new UsageError('--role must be agent, supervisor or admin');
        const groups = (values['skill-groups'] ?? '').split(',').map((g) => g.trim()).filter(Boolean);
        for (const g of groups) if (!skillGroupNameSchema.safeParse(g).success) throw new UsageError(`--skill-groups: "${g}" is not a skill group name`);
        if (await findAgent(db, agentId)) throw new UsageError(`agent ${agentId} already exists`);
        const hash = await hashPassword(await password(values, io), hashStrength(mode));
        await insertAgent(db, { id: agentId, name, passwordHash: hash, role: role.data, skillGroups: groups });
        await audit('account.add', agentId, `added as ${role.data}`);
        io.out(`added agent ${agentId} (${role.data})`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const agentId = id as string;
        if (!(await setAgentDisabled(db, agentId, command === 'disable'))) throw new UsageError(`no agent ${agentId}`);
        const ended = command === 'disable' ? await revokeAgentSessions(db, agentId, 'account disabled', Date.now()) : 0;
        await audit(`account.${command}`, agentId, command === 'disable' ? `disabled, ${ended} sessions ended` : 'enabled');
        io.out(command === 'disable' ? `disabled agent ${agentId}; ended ${ended} sessions` : `enabled agent ${agentId}`);
        return 0;
      }
      case 'reset-password': {
        const agentId = id as string;
        if (!(await findAgent(db, agentId))) throw new UsageError(`no agent ${agentId}`);
        const hash = await hashPassword(await password(values, io), hashStrength(mode));
        await setAgentPasswordHash(db, agentId, hash);
        const ended = await revokeAgentSessions(db, agentId, 'password reset', Date.now());
        await audit('account.reset-password', agentId, `password reset, ${ended} sessions ended`);
        io.out(`reset the password of agent ${agentId}; ended ${ended} sessions`);
        return 0;
      }
      default:
        throw new UsageError(USAGE);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`agents: ${error.message}`);
      return 2;
    }
    io.err(`agents: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db?.close();
  }
}

if (require.main === module) {
  agentsCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`agents: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
