// Public surface of @octopus/contracts. Each area lives in its own folder; re-export it here.
export * from './remote';
export * from './api';
export * from './cti';
export * from './http';
export * from './auth';
export * from './text';
export * from './mask';
