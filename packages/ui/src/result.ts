// antd's Result, apart from the shared `@octopus/ui` entry (ADR 0003): its 403/404/500 illustrations make
// it ~10 KB gzip, and only the supervisors' pages (loaded lazily) use it. Not a shared module: an app that
// imports it bundles it in the chunk that needs it.
export { Result } from 'antd';
export type { ResultProps } from 'antd';
