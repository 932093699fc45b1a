export * from './database';
export { openPglite } from './pglite';
export { openPostgres, type PostgresOptions } from './postgres';
