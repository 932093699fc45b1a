export * from './test-utils';
export * from './contract-kit';
