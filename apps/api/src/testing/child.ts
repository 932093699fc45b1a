import type { OctopusMode } from '@octopus/contracts';
import { startApiServer, type DatabaseOption } from '../server';
import { auditKeyFromSecret, verifyAuditChain } from '../audit/chain';

// The api for tests runs in a child process: PGlite loads its WASM with dynamic import(), which
// jest's module sandbox refuses without --experimental-vm-modules. The parent talks to it over HTTP
// and sends SQL over IPC for "what is in the database" assertions.

interface ChildConfig {
  database: DatabaseOption;
  seed: { seed: number; users: number; anchor?: number };
  tokenSecret: string;
  mode: OctopusMode;
  /** A fixed clock (ms since epoch); absent = the real one. */
  now?: number;
}

type ParentMessage = { type: 'query'; id: number; sql: string; params: unknown[] } | { type: 'verify-audit'; id: number } | { type: 'close' };

async function main(): Promise<void> {
  const config = JSON.parse(process.env.OCTOPUS_TEST_API_CONFIG ?? '{}') as ChildConfig;
  const server = await startApiServer({ port: 0, host: '127.0.0.1', database: config.database, seed: config.seed, tokenSecret: config.tokenSecret, mode: config.mode, ...(config.now !== undefined ? { now: () => config.now as number } : {}) });
  const send = (message: unknown): void => {
    process.send?.(message);
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'close') {
      void server.close().finally(() => process.exit(0));
      return;
    }
    const work = message.type === 'verify-audit' ? verifyAuditChain(server.db, auditKeyFromSecret(config.tokenSecret)).then((report) => [report]) : server.db.query(message.sql, message.params);
    work.then(
      (rows) => send({ type: 'result', id: message.id, rows }),
      (error: unknown) => send({ type: 'result', id: message.id, error: String(error) }),
    );
  });
  // The parent (a jest worker) went away: do not linger.
  process.on('disconnect', () => {
    void server.close().finally(() => process.exit(0));
  });
  send({ type: 'ready', url: server.url, backend: server.db.kind, seed: server.seed });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', error: String(error instanceof Error ? error.stack : error) });
  process.exit(1);
});
