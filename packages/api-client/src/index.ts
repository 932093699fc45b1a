export * from './client';
export * from './errors';
export * from './messages';
export * from './query-keys';
export * from './format';
export * from './inert';
