// antd's Form, apart from the shared `@octopus/ui` entry (ADR 0003): with its field store and validator it
// is ~17 KB gzip, and only the supervisors' audit page uses it (the login page is a plain form). This
// subpath is not a shared module: an app that imports it bundles it in the chunk that needs it.
export { Form } from 'antd';
export type { FormInstance, FormProps } from 'antd';
