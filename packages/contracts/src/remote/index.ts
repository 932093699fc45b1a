export * from './version';
export * from './props';
export * from './registry';
export * from './manifest';
export * from './telemetry';
export * from './share-scope';
