// antd's Pagination, apart from the `@octopus/ui` entry: ~7 KB gzip with its own styles, shown only under a
// list longer than one page. A shared module of its own (SHARED_SUBPATH_MODULES in @octopus/contracts):
// the shell provides it, loaded when a view first imports it (ADR 0003).
export { Pagination } from 'antd';
export type { PaginationProps } from 'antd';
