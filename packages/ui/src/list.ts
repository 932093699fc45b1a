// antd's List, apart from the `@octopus/ui` entry: with the Pagination it builds on, ~9 KB gzip, and only
// what the agent opens after login shows one (search results, the notice list, the customer lookup). A
// shared module of its own (SHARED_SUBPATH_MODULES in @octopus/contracts): the shell provides it, loaded
// when a view first imports it (ADR 0003).
export { List } from 'antd';
export type { ListProps } from 'antd';
