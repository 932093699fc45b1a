export * from './common';
export * from './views';
export * from './frames';
export * from './http';
export * from './record';
export * from './routes';
export * from './rules';
export * from './supervision';
