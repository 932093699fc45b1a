// antd's Timeline, apart from the `@octopus/ui` entry: antd 6 builds it on Steps, ~10 KB gzip together,
// and only views opened after login show one (an order's logistics, a ticket's history, the caller's
// verification steps). A shared module of its own (SHARED_SUBPATH_MODULES in @octopus/contracts): the
// shell provides it, loaded when a lazy view first imports it (ADR 0003).
export { Timeline } from 'antd';
export type { TimelineProps } from 'antd';
