export * from './errors';
export * from './registry';
export * from './remote-loader';
export * from './RemoteLoaderContext';
export * from './RemoteErrorBoundary';
export * from './RemoteSlot';
export { slotMessages } from './messages';
export * from './iframe';
