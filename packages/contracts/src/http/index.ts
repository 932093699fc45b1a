export * from './error-body';
export * from './openapi';
