import { modeFromEnv, resolveTokenSecret } from '@octopus/auth';
import { bindHostFromEnv, corsOriginsFromEnv, databaseFromEnv, dataRootFromEnv, portFromEnv } from './config';
import { startApiServer, type DatabaseOption } from './server';

async function main(): Promise<void> {
  const env = process.env;
  // OCTOPUS_MODE is the one switch (NODE_ENV means nothing here); the secret is shared through the data root.
  const mode = modeFromEnv(env);
  const dataRoot = dataRootFromEnv(env);
  const tokenSecret = resolveTokenSecret({ mode, dataDir: dataRoot, env });
  const database: DatabaseOption = databaseFromEnv(env);
  const seedUsers = env.OCTOPUS_SEED_USERS ? Number(env.OCTOPUS_SEED_USERS) : undefined;
  const seedValue = env.OCTOPUS_SEED ? Number(env.OCTOPUS_SEED) : undefined;
  const corsOrigins = corsOriginsFromEnv(env);
  const server = await startApiServer({
    port: portFromEnv(env),
    host: bindHostFromEnv(env),
    database,
    mode,
    tokenSecret,
    dataRoot,
    seed: { ...(seedUsers ? { users: seedUsers } : {}), ...(seedValue !== undefined ? { seed: seedValue } : {}) },
    logger: env.API_LOG === '1',
    ...(corsOrigins ? { corsOrigins } : {}),
  });
  const where = database.kind === 'postgres' ? 'PostgreSQL' : `PGlite at ${database.kind === 'pglite' ? database.dataDir : ''}`;
  const seeded = server.seed?.seeded ? `, seeded ${server.seed.users} users in ${server.seed.ms} ms` : '';
  console.log(`api listening on ${server.url} (${mode} mode, ${where}${seeded})`);

  // Graceful shutdown: stop accepting, finish in-flight requests, close the database (PGlite flushes to disk).
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`api: ${signal}, shutting down`);
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('api failed to start:', error);
  process.exit(1);
});
