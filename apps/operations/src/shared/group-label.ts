import type { Locale } from '@octopus/contracts';

/** What the cti-server says of a skill group's names (`GET /rules` groups, `GET /ivr` groups, the floor's queues). */
export interface GroupNames {
  name: string;
  /** Display name in the deployment's main language (zh-CN). */
  label: string;
  /** Display names per UI locale, as configured. */
  labels?: { 'zh-CN'?: string; 'en-US'?: string } | undefined;
}

/**
 * A skill group's display name in the page's locale: the configured name for that locale, else the group's
 * main label, else the key itself (a group the cti-server does not list, e.g. one removed since a report's
 * calls were made). One rule for every screen, so a group reads the same on the board, the rules, the IVR
 * designer and the report.
 */
export function groupLabelOf(groups: readonly GroupNames[] | undefined, locale: Locale): (name: string) => string {
  return (name) => {
    const group = groups?.find((g) => g.name === name);
    return group ? (group.labels?.[locale] ?? group.label) : name;
  };
}
