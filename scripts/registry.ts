// `pnpm registry …`: the operator's tool for the running deployment's remote registry. Every change is
// one remote's entry, under a lock, validated first (manifest reachable, right container, compatible
// contract), kept in a history; open pages pick it up by themselves (docs/remote-guide.md).
//   pnpm registry status                              what the deployment serves: releases, canaries, skipped entries
//   pnpm registry set <remote> <version> [--entry <manifest URL>] [--embed <URL>] [--title-en T] [--title-zh T] [--order N] [--roles agent,supervisor]
//   pnpm registry canary <remote> <version> [--group g]… [--agent id]… [--percent N] [--max-failure-rate 0.2] [--entry <URL>]
//   pnpm registry promote <remote>                    the canary becomes the release for everyone
//   pnpm registry abort <remote>                      drop the canary
//   pnpm registry rollback <remote>                   back to the remote's previous entry (from the history)
//   pnpm registry history [<remote>]                  every change, oldest first
//   pnpm registry mode <remote> iframe|federation     host it as its iframe page (needs an `embed` URL) or federated
// It acts on the running deployment (`.octopus/deployment.json`, written by `pnpm start`; or
// OCTOPUS_DEPLOYMENT_FILE): its registry file and its ports, never this tool's defaults.
import { parseArgs } from 'node:util';
import type { AgentRole, RemoteTab } from '@octopus/contracts';
import { abortCanary, historyLines, promoteCanary, resolveTarget, rollback, setRelease, startCanary, statusLines } from './lib/registry-cli';
import { changeEntry } from './lib/registry-store';

const USAGE = 'usage: pnpm registry status | set <remote> <version> | canary <remote> <version> --group g|--agent id|--percent N | promote <remote> | abort <remote> | rollback <remote> | history [<remote>] | mode <remote> iframe|federation';

function tabFrom(values: Record<string, unknown>): RemoteTab | undefined {
  const title: RemoteTab['title'] = {};
  if (typeof values['title-en'] === 'string') title['en-US'] = values['title-en'];
  if (typeof values['title-zh'] === 'string') title['zh-CN'] = values['title-zh'];
  if (!Object.keys(title).length) return undefined;
  return {
    title,
    ...(typeof values.order === 'string' ? { order: Number(values.order) } : {}),
    ...(typeof values.roles === 'string' ? { roles: values.roles.split(',') as AgentRole[] } : {}),
  };
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      entry: { type: 'string' },
      embed: { type: 'string' },
      'title-en': { type: 'string' },
      'title-zh': { type: 'string' },
      order: { type: 'string' },
      roles: { type: 'string' },
      group: { type: 'string', multiple: true },
      agent: { type: 'string', multiple: true },
      percent: { type: 'string' },
      'max-failure-rate': { type: 'string' },
    },
  });
  const [command = 'status', remote, version] = positionals;
  const target = resolveTarget();
  const release = { ...(values.entry ? { entry: values.entry } : {}), ...(values.embed ? { embed: values.embed } : {}), ...(tabFrom(values) ? { tab: tabFrom(values)! } : {}) };
  const need = (value: string | undefined): string => {
    if (!value) throw new Error(USAGE);
    return value;
  };
  switch (command) {
    case 'show':
    case 'status':
      for (const line of await statusLines(target)) console.log(line);
      return;
    case 'set':
      console.log(await setRelease(target, need(remote), need(version), release));
      break;
    case 'canary':
      console.log(
        await startCanary(
          target,
          need(remote),
          need(version),
          {
            ...(values.group?.length ? { groups: values.group } : {}),
            ...(values.agent?.length ? { agents: values.agent } : {}),
            ...(values.percent !== undefined ? { percent: Number(values.percent) } : {}),
            ...(values['max-failure-rate'] !== undefined ? { maxFailureRate: Number(values['max-failure-rate']) } : {}),
          },
          release,
        ),
      );
      break;
    case 'promote':
      console.log(await promoteCanary(target, need(remote)));
      break;
    case 'abort':
      console.log(await abortCanary(target, need(remote)));
      break;
    case 'rollback':
      console.log(await rollback(target, need(remote)));
      break;
    case 'history':
      for (const line of historyLines(target, remote)) console.log(line);
      return;
    case 'mode': {
      const mode = need(version);
      if (mode !== 'iframe' && mode !== 'federation') throw new Error(USAGE);
      const { next } = await changeEntry(target.store, need(remote), 'mode', (current) => {
        if (!current) throw new Error(`${remote} is not registered`);
        if (mode === 'iframe' && !current.embed) throw new Error(`${remote} ${current.version} has no iframe page (embed URL)`);
        return { ...current, mode };
      });
      console.log(`${remote}: hosted as ${mode === 'iframe' ? `an iframe (${next!.embed})` : 'a federated component'}`);
      break;
    }
    default:
      throw new Error(`unknown command "${command}"\n${USAGE}`);
  }
  console.log(`→ ${target.origin}.`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`registry: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
