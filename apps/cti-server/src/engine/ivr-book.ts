// The IVR trees per hotline number, versioned like the routing rules (rules.ts): the seed (version 1) from
// the configured key menu, a hotline's new tree or a rollback as a new version, journalled with the
// counters so a restart or a new cluster leader keeps it. A call pins the version it dialled into
// (ivr-session.ts); the next call takes the current one — no restart.
import { z } from 'zod';
import { ivrVersionSchema, type IvrChange, type IvrTree, type IvrVersion } from '@octopus/contracts';
import type { EngineState, IvrBook } from './state';

export type { IvrBook } from './state';

/** Versions kept in the history (the current one included). */
export const IVR_HISTORY_KEPT = 100;

/** The demo's one hotline number (the 400 number callers dial). */
export const DEMO_HOTLINE = '4008001000';


/**
 * A tree equivalent to the configured key menu (`ivrMenu`: key → skill group): a root menu whose keys
 * lead to group nodes, 0 and unknown keys to the default group. An empty menu: every caller queues in
 * `defaultGroup` at once.
 */
export function seedTree(ivrMenu: Record<string, string>, defaultGroup: string, groupLabel: (group: string) => { zh: string; en: string }): IvrTree {
  const entries = Object.entries(ivrMenu).filter(([key]) => /^[1-9*#]$/.test(key));
  const invalidPrompt = { 'zh-CN': '输入有误，请重新选择。', 'en-US': 'Sorry, that key is not valid.' };
  if (entries.length === 0) {
    return { root: 'queue', nodes: { queue: { kind: 'group', prompt: null, group: defaultGroup } }, agentGroup: null, maxRepeats: 3, invalidPrompt };
  }
  const nodes: IvrTree['nodes'] = {};
  const options: Record<string, string> = {};
  const zh: string[] = [];
  const en: string[] = [];
  for (const [key, group] of entries) {
    const id = `group-${key === '*' ? 'star' : key === '#' ? 'hash' : key}`;
    nodes[id] = { kind: 'group', prompt: null, group };
    options[key] = id;
    const label = groupLabel(group);
    zh.push(`${label.zh}请按${key}`);
    en.push(`for ${label.en} press ${key}`);
  }
  nodes.main = {
    kind: 'menu',
    prompt: { 'zh-CN': `您好，欢迎致电。${zh.join('，')}，人工服务请按0。`, 'en-US': `Welcome. ${en.join(', ')}; for an agent press 0.` },
    options,
  };
  return { root: 'main', nodes, agentGroup: null, maxRepeats: 3, invalidPrompt };
}

/** Version 1: every hotline with the seed tree, made by `system` at `now` (engine clock). */
export function seedIvr(hotlines: string[], tree: IvrTree, now: number): IvrBook {
  const current: IvrVersion = { version: 1, at: now, by: 'system', change: { action: 'seed' }, hotlines: Object.fromEntries(hotlines.map((h) => [h, tree])) };
  return { current, history: [current] };
}

const ivrBookSchema = z.object({ current: ivrVersionSchema, history: z.array(ivrVersionSchema) });

/** The IVR a journal kept, or null when absent or unreadable. Hotlines configured since get the seed's tree. */
export function parseIvrBook(raw: unknown, seed: IvrBook): IvrBook | null {
  const parsed = ivrBookSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { current, history } = parsed.data;
  return { current: { ...current, hotlines: { ...seed.current.hotlines, ...current.hotlines } }, history: history.slice(0, IVR_HISTORY_KEPT) };
}

/** The hotline a call dialled, as configured: `to` when known, else the first configured hotline. */
export function hotlineOf(s: EngineState, to: string | undefined): string {
  if (to && s.ivr.current.hotlines[to]) return to;
  return Object.keys(s.ivr.current.hotlines)[0] ?? DEMO_HOTLINE;
}

/** The tree of `hotline` in `version` (the current version when that one is no longer kept). */
export function treeOf(s: EngineState, hotline: string, version: number): IvrTree | null {
  const pinned = s.ivr.history.find((v) => v.version === version) ?? s.ivr.current;
  return pinned.hotlines[hotline] ?? s.ivr.current.hotlines[hotline] ?? null;
}

/** Why a change was refused: 400 (`field` names it), 404 (unknown hotline or version) or 409 (`ifVersion` is not current). */
export interface IvrRefusal {
  ok: false;
  status: 400 | 404 | 409;
  error: 'bad_request' | 'not_found' | 'version_conflict';
  message: string;
  field?: string;
}

/** A change made: the new current version. */
export type IvrOutcome = { ok: true; current: IvrVersion } | IvrRefusal;

/** Checks what the schema cannot: the skill groups named exist. */
export function checkTree(s: EngineState, tree: IvrTree): IvrRefusal | null {
  const bad = (field: string, message: string): IvrRefusal => ({ ok: false, status: 400, error: 'bad_request', message: `${field}: ${message}`, field });
  if (tree.agentGroup !== null && !s.groups.has(tree.agentGroup)) return bad('agentGroup', `no skill group ${tree.agentGroup}`);
  for (const [id, node] of Object.entries(tree.nodes)) {
    if (node.kind === 'group' && !s.groups.has(node.group)) return bad(`nodes.${id}.group`, `no skill group ${node.group}`);
  }
  return null;
}

function conflict(s: EngineState, ifVersion: number | undefined): IvrRefusal | null {
  if (ifVersion === undefined || ifVersion === s.ivr.current.version) return null;
  return { ok: false, status: 409, error: 'version_conflict', message: `the IVR is at version ${s.ivr.current.version}, not ${ifVersion}: reload and apply the change again` };
}

/** Makes `hotlines` current as a new version by `by` and journals it (the journal's `ivr` meta key). */
function install(s: EngineState, hotlines: Record<string, IvrTree>, by: string, change: IvrChange): IvrVersion {
  const next: IvrVersion = { version: s.ivr.current.version + 1, at: s.clock.now(), by, change, hotlines };
  s.ivr = { current: next, history: [next, ...s.ivr.history].slice(0, IVR_HISTORY_KEPT) };
  if (s.store) {
    try {
      s.store.save({ meta: { ivr: s.ivr }, agents: [], calls: [] });
    } catch (error) {
      s.log(`state journal write failed (IVR): ${(error as Error).message}`);
    }
  }
  return next;
}

/**
 * Replaces one hotline's tree (schema-valid) as a new version. 404 for a hotline not configured, 409 when
 * `ifVersion` is given and not current, 400 naming the field for an unknown skill group.
 */
export function updateHotlineTree(s: EngineState, hotline: string, tree: IvrTree, by: string, ifVersion?: number): IvrOutcome {
  if (!s.ivr.current.hotlines[hotline]) return { ok: false, status: 404, error: 'not_found', message: `no hotline ${hotline}` };
  const stale = conflict(s, ifVersion);
  if (stale) return stale;
  const refusal = checkTree(s, tree);
  if (refusal) return refusal;
  return { ok: true, current: install(s, { ...s.ivr.current.hotlines, [hotline]: tree }, by, { action: 'update', hotline }) };
}

/** Makes a kept version's trees current again, as a new version. 404 when `version` is not in the history. */
export function rollbackIvr(s: EngineState, version: number, by: string, ifVersion?: number): IvrOutcome {
  const stale = conflict(s, ifVersion);
  if (stale) return stale;
  const target = s.ivr.history.find((v) => v.version === version);
  if (!target) return { ok: false, status: 404, error: 'not_found', message: `no IVR version ${version} in the history` };
  return { ok: true, current: install(s, { ...s.ivr.current.hotlines, ...target.hotlines }, by, { action: 'rollback', toVersion: version }) };
}
