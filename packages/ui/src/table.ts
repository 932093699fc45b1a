// antd's Table, apart from the shared `@octopus/ui` entry (ADR 0003): with its filter tree, menus and
// virtual list it is ~70 KB gzip, and only the supervisors' pages use it. This subpath is not a shared
// module, so an app that imports it bundles it in the chunk that needs it (the shell loads those pages
// lazily) instead of every agent downloading it at login.
export { Table } from 'antd';
export type { TableColumnsType, TableProps } from 'antd';
