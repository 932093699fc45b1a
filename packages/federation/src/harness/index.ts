export * from './StandaloneHarness';
export * from './mountStandalone';
export * from './service-urls';
