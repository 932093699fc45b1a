import type { DispositionListResponse } from '@octopus/contracts';
import { Select } from '@octopus/ui/select';

/**
 * The wrap-up code's dropdown, in a chunk of its own: antd's Select (`@octopus/ui/select`) is loaded
 * when a call first shows its wrap-up codes, not at login (ADR 0003).
 */
export function DispositionPicker({
  label,
  placeholder,
  list,
  lang,
  value,
  saving,
  clearable,
  warning,
  onChange,
}: {
  label: string;
  placeholder: string;
  list: DispositionListResponse;
  lang: 'zh-CN' | 'en-US';
  /** The chosen code, or undefined for none. */
  value: string | undefined;
  saving: boolean;
  clearable: boolean;
  warning: boolean;
  onChange: (code: string | null) => void;
}) {
  return (
    <Select
      aria-label={label}
      placeholder={placeholder}
      style={{ minWidth: 220 }}
      value={value}
      loading={saving}
      allowClear={clearable}
      onChange={(code: string | undefined) => onChange(code ?? null)}
      options={list.dispositions.map((d) => ({ value: d.code, label: d.label[lang] }))}
      status={warning ? 'warning' : undefined}
    />
  );
}
