// antd's Divider, apart from the `@octopus/ui` entry: only the order and ticket detail views (loaded when
// opened) use it. A shared module of its own (SHARED_SUBPATH_MODULES in @octopus/contracts; ADR 0003).
export { Divider } from 'antd';
export type { DividerProps } from 'antd';
