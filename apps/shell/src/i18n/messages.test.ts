import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Messages } from '@octopus/ui';
import * as shell_0 from '../app/workbench-messages';
import * as shell_1 from '../audit/audit-messages';
import * as shell_2 from '../caller/caller-messages';
import * as shell_3 from '../calls/call-list-messages';
import * as shell_4 from '../customer/lookup-messages';
import * as shell_5 from '../customer/customer-messages';
import * as shell_6 from '../i18n/common-messages';
import * as shell_7 from '../i18n/language-messages';
import * as shell_8 from '../layout/layout-messages';
import * as shell_9 from '../notices/notice-messages';
import * as shell_10 from '../phone/phone-messages';
import * as shell_11 from '../ring/ring-messages';
import * as shell_12 from '../session/session-messages';
import * as finance from '../../../finance/src/messages';
import * as operations from '../../../operations/src/messages';
import * as operationsBoard from '../../../operations/src/board/board-messages';
import * as operationsReport from '../../../operations/src/report/report-messages';
import * as operationsIvr from '../../../operations/src/ivr/ivr-messages';
import { screenTitles as operationsScreens } from '../../../operations/src/screens';
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

/** Every message table of the shell: one file per feature folder (listed by a test below). */
const SHELL_TABLE_FILES = ['app/workbench-messages.ts', 'audit/audit-messages.ts', 'caller/caller-messages.ts', 'calls/call-list-messages.ts', 'customer/lookup-messages.ts', 'customer/customer-messages.ts', 'i18n/common-messages.ts', 'i18n/language-messages.ts', 'layout/layout-messages.ts', 'notices/notice-messages.ts', 'phone/phone-messages.ts', 'ring/ring-messages.ts', 'session/session-messages.ts'];
const shell = Object.assign({}, shell_0, shell_1, shell_2, shell_3, shell_4, shell_5, shell_6, shell_7, shell_8, shell_9, shell_10, shell_11, shell_12);
const shared = { ...tablesOf(federation), ...tablesOf(remoteKit) };
/** Per source folder: the tables its code can name (its own, and the shared packages'). */
const APPS: Array<{ dir: string; tables: Record<string, Table> }> = [
  { dir: 'apps/shell/src', tables: { ...tablesOf(shell), ...shared } },
  { dir: 'apps/finance/src', tables: { ...tablesOf(finance), ...shared } },
  { dir: 'apps/operations/src', tables: { ...tablesOf(operations), ...tablesOf(operationsBoard), ...tablesOf(operationsReport), ...tablesOf(operationsIvr), operationsScreens, ...shared } },
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

  it('include every table file of the shell (a new feature table cannot be left unchecked)', () => {
    const src = path.join(repo, 'apps/shell/src');
    const found = sourceFiles(src).map((file) => path.relative(src, file)).filter((file) => /(^|[-/])messages\.ts$/.test(file));
    expect(found.sort()).toEqual([...SHELL_TABLE_FILES].sort());
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
