// API DTOs: request and response schemas of apps/api, for the shell and remotes to validate against.
export * from './common';
export * from './users';
export * from './orders';
export * from './tickets';
export * from './finance';
export * from './service-track';
export * from './call-records';
export * from './identity';
export * from './dispositions';
export * from './customer';
export * from './reports';
export * from './routes';
