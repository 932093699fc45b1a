export * from './errors';
export * from './registry';
export * from './remote-loader';
export * from './RemoteLoaderContext';
export * from './RemoteErrorBoundary';
export * from './RemoteSlot';
export { builtInTabOrder, remoteTitle, slotMessages, useRemoteTitle } from './messages';
export * from './iframe';
export * from './telemetry';
