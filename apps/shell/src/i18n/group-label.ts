import type { GroupSummary, Locale } from '@octopus/contracts';
import { useLocale } from '@octopus/ui';
import { useTelephony } from '@octopus/telephony/react';

/**
 * A skill group's display name in `locale`: the configured label of that locale, else the group's main
 * `label`, else the group key itself (a group the cti-server has not listed, e.g. on an old record).
 * Never the key where a label exists: agents see "售后服务" / "After-sales", not "aftersale".
 */
export function groupLabel(name: string, group: Pick<GroupSummary, 'label' | 'labels'> | undefined, locale: Locale): string {
  return group?.labels?.[locale] ?? group?.label ?? name;
}

/**
 * The display name of one group key (null/undefined → null), from the live group list. Selects a
 * string, so queue-load updates of the group list do not re-render the caller.
 */
export function useGroupLabel(name: string | null | undefined): string | null {
  const locale = useLocale();
  return useTelephony((state) => (name ? groupLabel(name, state.groups[name], locale) : null));
}
