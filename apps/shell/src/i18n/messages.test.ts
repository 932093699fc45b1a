import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Messages } from '@octopus/ui';
import * as shell from '../app/messages';
import * as finance from '../../../finance/src/messages';
import * as orders from '../../../orders/src/messages';
import * as serviceTrack from '../../../service-track/src/messages';
import * as tickets from '../../../tickets/src/messages';
import * as federation from '../../../../packages/federation/src/messages';
import * as remoteKit from '../../../../packages/remote-kit/src/messages';

// Every message table of the shell, the remotes and the shared packages, checked at run time: the
// types make both locales present, not filled in, consistent or actually used by key.

const repo = path.resolve(__dirname, '../../../..');
type Table = Messages<string>;

function tablesOf(module: Record<string, unknown>): Record<string, Table> {
  return Object.fromEntries(
    Object.entries(module).filter(
      ([, value]) =>
        typeof value === 'object' && value !== null && Object.values(value).length > 0 && Object.values(value).every((entry) => typeof entry === 'object' && entry !== null && 'zh-CN' in entry && 'en-US' in entry),
    ),
  ) as Record<string, Table>;
}

const shared = { ...tablesOf(federation), ...tablesOf(remoteKit) };
/** Per source folder: the tables its code can name (its own, and the shared packages'). */
const APPS: Array<{ dir: string; tables: Record<string, Table> }> = [
  { dir: 'apps/shell/src', tables: { ...tablesOf(shell), ...shared } },
  { dir: 'apps/finance/src', tables: { ...tablesOf(finance), ...shared } },
  { dir: 'apps/orders/src', tables: { ...tablesOf(orders), ...shared } },
  { dir: 'apps/service-track/src', tables: { ...tablesOf(serviceTrack), ...shared } },
  { dir: 'apps/tickets/src', tables: { ...tablesOf(tickets), ...shared } },
];

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const HAN = /\p{Script=Han}/u;
/** The language switch names the other language, in that language. */
const OTHER_LANGUAGE_ON_PURPOSE = new Set(['language']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === 'node_modules' || name === 'dev' || name === 'harness' ? [] : sourceFiles(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

describe('message tables', () => {
  const all = APPS.flatMap(({ dir, tables }) => Object.entries(tables).map(([name, table]) => ({ where: `${dir}:${name}`, table })));

  it('are found (the check below is not vacuous)', () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
  });

  it('have every entry in both locales, filled in, with the same {placeholders}', () => {
    const problems: string[] = [];
    for (const { where, table } of all) {
      for (const [key, entry] of Object.entries(table)) {
        for (const locale of ['zh-CN', 'en-US'] as const) if (typeof entry[locale] !== 'string' || entry[locale] === '') problems.push(`${where}.${key}: ${locale} is empty`);
        if (placeholders(entry['zh-CN']).join() !== placeholders(entry['en-US']).join()) problems.push(`${where}.${key}: placeholders differ`);
        // An English entry with Chinese in it, or a Chinese entry that is an English sentence, is an untranslated string.
        if (!OTHER_LANGUAGE_ON_PURPOSE.has(key)) {
          if (HAN.test(entry['en-US'])) problems.push(`${where}.${key}: Chinese in en-US`);
          if (!HAN.test(entry['zh-CN']) && /[A-Za-z]{3,}/.test(entry['zh-CN'].replace(/\{\w+\}/g, '').replace(/\b(Octopus|IVR|ID|SMS|IM|App)\b/g, ''))) problems.push(`${where}.${key}: English in zh-CN`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('have every key the code asks for (t("key") and t(`prefix.${…}`))', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const { dir, tables } of APPS) {
      for (const file of sourceFiles(path.join(repo, dir))) {
        const source = readFileSync(file, 'utf8');
        // const t = useT(shellMessages); const ts = useT(statusMessages) …
        for (const [, fn, tableName] of source.matchAll(/const (\w+) = useT\((\w+)\)/g)) {
          const table = tables[tableName!];
          if (!table) continue; // a table local to its file (typed, not exported)
          const keys = Object.keys(table);
          for (const [, key] of source.matchAll(new RegExp(`\\b${fn}\\(\\s*'([^']+)'`, 'g'))) {
            checked += 1;
            if (!keys.includes(key!)) problems.push(`${path.relative(repo, file)}: ${fn}('${key}') is not in ${tableName}`);
          }
          for (const [, prefix] of source.matchAll(new RegExp(`\\b${fn}\\(\\s*\`([^\`$]*)\\$\\{`, 'g'))) {
            checked += 1;
            if (!keys.some((key) => key.startsWith(prefix!))) problems.push(`${path.relative(repo, file)}: ${fn}(\`${prefix}…\`) matches no key of ${tableName}`);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });
});
