export * from './antd';
export * from './i18n';
export * from './OctopusUiProvider';
export * from './RemotePanelFrame';
export * from './text-wrap';
