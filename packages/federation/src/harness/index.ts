export * from './StandaloneHarness';
export * from './mountStandalone';
