// antd's Select, apart from the `@octopus/ui` entry: with the virtual list and the option overflow it
// builds on, ~20 KB gzip, and nothing the agent sees at login or on a ring needs one — the views that do
// (the dial pad's caller id, transfer and consult targets, a call's wrap-up code, audio devices, the
// customer lookup, the audit filter, the tickets form) load it with their own chunk. A shared module of
// its own (SHARED_SUBPATH_MODULES in @octopus/contracts): the shell provides it, loaded when a view first
// imports it (ADR 0003).
export { Select } from 'antd';
export type { SelectProps } from 'antd';
