import { z } from 'zod';
import { agentRoleSchema } from '../auth';
import { REMOTE_NAME_PATTERN, SUPPORTED_LOCALES, type Locale } from './props';

/** A registry key (see REMOTE_NAME_PATTERN). */
export const remoteNameSchema = z.string().regex(REMOTE_NAME_PATTERN, 'is not a remote name (a-z, 0-9, "-", starting with a letter, ≤ 40)');

/**
 * What the shell needs to show a remote as a tab.
 * - `title`: the tab label per locale (`zh-CN`, `en-US`); at least one; a missing locale falls back
 *   to `en-US`, then to any given title. 1–40 characters each, rendered as plain text.
 * - `order`: ascending position among the tabs (integer, default 100; ties by name).
 * - `roles`: the account roles that see the tab (`agent`, `supervisor`, `admin`); absent = everyone.
 */
export const remoteTabSchema = z.object({
  title: z
    .partialRecord(z.enum(SUPPORTED_LOCALES as [Locale, ...Locale[]]), z.string().trim().min(1).max(40))
    .refine((titles) => Object.keys(titles).length > 0, 'needs a title in at least one locale'),
  order: z.number().int().min(-1000).max(1000).optional(),
  roles: z.array(agentRoleSchema).min(1).optional(),
});
export type RemoteTab = z.infer<typeof remoteTabSchema>;

/**
 * A second release of the same remote served to some agents only: those whose id is in `agents`, whose
 * skill groups meet `groups`, or — sticky per agent — `percent` % of the others (0–100, by a hash of
 * agent id and remote name). `maxFailureRate` (0–1, default 0.2 over ≥ 5 loads) is the failure rate
 * at which the deployment rolls it back by itself.
 */
export const canarySchema = z.object({
  entry: z.url(),
  version: z.string().min(1),
  embed: z.url().optional(),
  agents: z.array(z.string().min(1)).optional(),
  groups: z.array(z.string().min(1)).optional(),
  percent: z.number().min(0).max(100).optional(),
  startedAt: z.string().optional(),
  maxFailureRate: z.number().min(0).max(1).optional(),
});
export type Canary = z.infer<typeof canarySchema>;

/**
 * One remote in the runtime registry: where its release is (`entry`, `embed`: absolute URLs) and how the shell hosts it.
 */
export const registryEntrySchema = z.object({
  /** URL of the remote's mf-manifest.json (or remoteEntry.js). */
  entry: z.url(),
  /** The release the entry points at; shown to agents and compared with what actually loads. */
  version: z.string().min(1),
  /** A standalone page of the same release for iframe embedding (finance builds one). */
  embed: z.url().optional(),
  /** How the shell hosts it: as a federated component (default) or as the iframe page. */
  mode: z.enum(['federation', 'iframe']).optional(),
  /** How the shell shows it as a tab; absent: the shell's built-in title for the four repo remotes, else the name. */
  tab: remoteTabSchema.optional(),
  /** A release in canary beside this one (see canarySchema). */
  canary: canarySchema.optional(),
  /** Set by the shell on the entry it resolved for one agent: which release that agent gets. */
  track: z.enum(['stable', 'canary']).optional(),
});
export type RegistryEntry = z.infer<typeof registryEntrySchema>;

/**
 * The runtime remote registry the shell fetches at start: any number of remotes, keyed by name.
 * Changing it (not rebuilding) is how a remote is added, upgraded or rolled back.
 */
export const remoteRegistrySchema = z.object({
  remotes: z.record(remoteNameSchema, registryEntrySchema),
  /** Entries the server skipped because they were invalid (name and reasons), so the page can say so. */
  invalid: z.array(z.object({ remote: z.string(), reason: z.string() })).optional(),
});
export type RemoteRegistry = z.infer<typeof remoteRegistrySchema>;

/** One skipped registry entry: its key and why. */
export interface InvalidRegistryEntry {
  remote: string;
  reason: string;
}

/**
 * Reads a registry document entry by entry: valid entries are kept, an invalid one (bad name, bad
 * URL, missing version …) is reported in `invalid` and skipped, so one team's mistake never takes
 * the other remotes down.
 * @throws Error only when the document itself is not `{ "remotes": { … } }`.
 */
export function parseRegistry(body: unknown): RemoteRegistry & { invalid: InvalidRegistryEntry[] } {
  const shape = z.object({ remotes: z.record(z.string(), z.unknown()) }).safeParse(body);
  if (!shape.success) throw new Error('the registry is not an object with a "remotes" object');
  const remotes: RemoteRegistry['remotes'] = {};
  const invalid: InvalidRegistryEntry[] = [];
  for (const [name, value] of Object.entries(shape.data.remotes)) {
    const key = remoteNameSchema.safeParse(name);
    const entry = registryEntrySchema.safeParse(value);
    if (!key.success) {
      invalid.push({ remote: name, reason: key.error.issues.map((issue) => issue.message).join('; ') });
    } else if (!entry.success) {
      invalid.push({ remote: name, reason: entry.error.issues.map((issue) => `${[name, ...issue.path].join('.')}: ${issue.message}`).join('; ') });
    } else {
      remotes[name] = entry.data;
    }
  }
  return { remotes, invalid };
}

/** The tab label of `name` in `locale`: the entry's title for it, else en-US, else any title, else `fallback`. */
export function tabTitleOf(entry: RegistryEntry | undefined, locale: Locale, fallback: string): string {
  const titles = entry?.tab?.title;
  if (!titles) return fallback;
  return titles[locale] ?? titles['en-US'] ?? Object.values(titles).find(Boolean) ?? fallback;
}

/**
 * The tabs a role sees, in order: entries whose `tab.roles` is absent or includes `role`, sorted by
 * `tab.order` (default: `defaultOrder(name)`, else 100), then by name.
 */
export function visibleRemotes(registry: Pick<RemoteRegistry, 'remotes'>, role: string | null, defaultOrder: (name: string) => number | undefined = () => undefined): string[] {
  const orderOf = (name: string) => registry.remotes[name]?.tab?.order ?? defaultOrder(name) ?? 100;
  return Object.keys(registry.remotes)
    .filter((name) => {
      const roles = registry.remotes[name]?.tab?.roles;
      return !roles || (role !== null && (roles as string[]).includes(role));
    })
    .sort((a, b) => orderOf(a) - orderOf(b) || a.localeCompare(b));
}

/** A stable 0–99 bucket of `key` (FNV-1a 32-bit): the same agent lands in the same bucket on every page. */
export function stickyBucket(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}

/** Whether `agent` gets the canary of `remote` (see canarySchema). */
export function inCanary(remote: string, canary: Canary, agent: { id: string; skillGroups: readonly string[] } | null): boolean {
  if (!agent) return false;
  if (canary.agents?.includes(agent.id)) return true;
  if (canary.groups?.some((group) => agent.skillGroups.includes(group))) return true;
  return canary.percent !== undefined && stickyBucket(`${remote}:${agent.id}`) < canary.percent;
}

/**
 * The registry as one agent gets it: each entry with a canary that applies to the agent becomes the
 * canary release (`track: 'canary'`), the others stay stable (`track: 'stable'`); `canary` is dropped.
 */
export function registryForAgent(registry: RemoteRegistry, agent: { id: string; skillGroups: readonly string[] } | null): RemoteRegistry {
  const remotes: RemoteRegistry['remotes'] = {};
  for (const [name, entry] of Object.entries(registry.remotes)) {
    const { canary, ...stable } = entry;
    if (canary && inCanary(name, canary, agent)) {
      const { entry: url, version, embed } = canary;
      remotes[name] = { ...stable, entry: url, version, ...(embed ? { embed } : {}), track: 'canary' };
    } else {
      remotes[name] = { ...stable, track: 'stable' };
    }
  }
  return { ...registry, remotes };
}

/** The Module Federation container name of each remote (an identifier, so no hyphens). */
export const federationNameOf = (remote: string): string => `octopus_${remote.replace(/[^a-zA-Z0-9]/g, '_')}`;
