// antd's Table, apart from the shared `@octopus/ui` entry (ADR 0003): with its filter tree, menus and
// virtual list it is ~70 KB gzip, and only the supervisors' pages use it (the shell's audit log and remote
// health, the operations remote's board). A shared module of its own (SHARED_SUBPATH_MODULES in
// @octopus/contracts): the shell provides it, loaded when a lazy page first imports it — never at an
// agent's login, and one copy for the shell and the operations remote instead of one per app.
export { Table } from 'antd';
export type { TableColumnsType, TableProps } from 'antd';
