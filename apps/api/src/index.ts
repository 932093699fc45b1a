// Public surface of @octopus/api for tests and the e2e harness (run it in-process on port 0).
export { startApiServer, openDatabase, type ApiServer, type StartApiServerOptions, type DatabaseOption } from './server';
export { createApp, DEFAULT_CORS_ORIGINS } from './app';
export type { Database, Queryable } from '@octopus/db';
export { migrate } from './db/migrations';
export { seedIfEmpty, DEFAULT_SEED, DEFAULT_SEED_USERS } from './seed/seed';
export { DEMO_USERS, UNREGISTERED_DEMO_NUMBERS } from './seed/generate';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, prepareAccounts } from './accounts/seed';
export { auditKeyFromSecret, verifyAuditChain, type ChainReport } from './audit/chain';
export { dataRootFromEnv, apiDatabaseDir, databaseFromEnv } from './config';
