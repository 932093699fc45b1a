// @octopus/remote-kit: what each remote team would otherwise copy into its own app.
export * from './ApiErrorState';
export * from './CallHeader';
export * from './CustomerPanelFrame';
export * from './DetailView';
export * from './NoCustomer';
export * from './PhoneText';
export * from './messages';
export * from './useApiClient';
export * from './useWorkspaceDraft';
export * from './define-remote';
