import { verifyAuditChain } from '../audit/chain';
import { openApiDatabase, processIo, type CliIo } from './common';

const USAGE = 'usage: pnpm audit-log verify   (checks the keyed chain and its head in the api database; exit 1 at the first broken row)';

/**
 * `pnpm audit-log verify`: recomputes every audit row's MAC in seq order (key from the token secret,
 * resolved like the api), checks the head row, and prints how many rows were checked and the first
 * broken seq (or "head does not match"). Refuses while a live api holds the embedded database.
 * @returns the exit code: 0 intact, 1 broken or refused, 2 usage.
 */
export async function auditLogCli(argv: readonly string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv[0] !== 'verify' || argv.length > 1) {
    io.err(USAGE);
    return 2;
  }
  let opened;
  try {
    opened = await openApiDatabase(env, 'pnpm audit-log');
  } catch (error) {
    io.err(`audit-log: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const { db, auditKey } = opened;
  try {
    const report = await verifyAuditChain(db, auditKey);
    if (report.brokenAt === null) {
      io.out(`audit log intact: ${report.checked} rows checked`);
      return 0;
    }
    io.out(`audit log BROKEN at seq ${report.brokenAt}: ${report.problem ?? ''} (${report.checked} rows checked)`);
    return 1;
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  auditLogCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`audit-log: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}
