import { useLocale } from '@octopus/ui';
import { Select } from '@octopus/ui/select';
import { useTelephony } from '@octopus/telephony/react';
import { groupLabel } from '../i18n/group-label';

/**
 * Whose caller id the customer sees on an outbound call. Mounted only while the dial pad is open, so
 * group-load updates do not re-render a closed dial pad; a chunk of its own with antd's Select
 * (`@octopus/ui/select`), loaded when the dial pad first opens, not at login (ADR 0003).
 */
export function CallerIdGroupSelect({ label, groups, value, onChange }: { label: string; groups: readonly string[]; value: string | undefined; onChange: (group: string) => void }) {
  const locale = useLocale();
  const groupsById = useTelephony((state) => state.groups);
  return (
    <Select
      aria-label={label}
      value={value}
      onChange={onChange}
      style={{ minWidth: 160 }}
      options={groups.map((name) => ({ value: name, label: groupLabel(name, groupsById[name], locale) }))}
    />
  );
}
