import path from 'node:path';
import { DEFAULT_SEED } from '../seed/seed';
import { call, grantToken, startTestApi, type TestApi } from './harness';

// The remotes' test fixtures (packages/api-client/src/testing/fixtures.generated.json) are real answers of
// this api on the deterministic seed, masked variants included (masked by the api's own mask.ts, since
// they are what it answers an unverified call). `pnpm fixtures` writes the file; api-fixtures.test.ts
// fails when the checked-in file is stale.

/** The generated file, from the repository root. */
export const FIXTURES_FILE = path.join(__dirname, '..', '..', '..', '..', 'packages', 'api-client', 'src', 'testing', 'fixtures.generated.json');

/**
 * The seeded world the fixtures come from: seed 20261121 (DEFAULT_SEED), anchored at 2026-11-21 00:00 UTC, read
 * with the api's clock at 2026-11-22 00:00 China time (`now`: loans' due states and overdue days depend on
 * "today"). Only the demo users' stories are used, and they are generated before everyone else, so five users suffice.
 */
export const FIXTURE_WORLD = { seed: DEFAULT_SEED, anchor: Date.UTC(2026, 10, 21), now: Date.UTC(2026, 10, 21, 16), users: 5 } as const;

/** The calls the fixtures are read under: 1 verified (张伟), 2 unverified (张伟), 3 verified (李娜). */
const grants = {
  verified: grantToken({ callId: 'call-1', userId: 'U0000001', level: 'verified' }),
  unverified: grantToken({ callId: 'call-2', userId: 'U0000001', level: 'unverified' }),
  liVerified: grantToken({ callId: 'call-3', userId: 'U0000002', level: 'verified' }),
};

/** Each fixture: its name (the export in api-client's testing/fixtures.ts), the request, the call's grant (none = no grant). */
const REQUESTS: readonly { name: string; path: string; grant: keyof typeof grants | null; status: number }[] = [
  { name: 'ticketList', path: '/users/U0000001/tickets', grant: 'verified', status: 200 },
  { name: 'ticketDetail', path: '/tickets/TK00000001', grant: 'verified', status: 200 },
  { name: 'ticketDetailClosed', path: '/tickets/TK00000002', grant: 'verified', status: 200 },
  { name: 'ticketDetailMasked', path: '/tickets/TK00000001', grant: 'unverified', status: 200 },
  { name: 'orderList', path: '/users/U0000001/orders', grant: 'verified', status: 200 },
  { name: 'orderListMasked', path: '/users/U0000001/orders', grant: 'unverified', status: 200 },
  { name: 'orderDetail', path: '/orders/SO1000000002', grant: 'verified', status: 200 },
  { name: 'orderDetailMasked', path: '/orders/SO1000000002', grant: 'unverified', status: 200 },
  { name: 'orderDetailRefunded', path: '/orders/SO1000000004', grant: 'verified', status: 200 },
  { name: 'consignments', path: '/users/U0000001/consignments', grant: 'verified', status: 200 },
  { name: 'loans', path: '/users/U0000001/loans', grant: 'verified', status: 200 },
  { name: 'loansOverdue', path: '/users/U0000002/loans', grant: 'liVerified', status: 200 },
  { name: 'serviceTrack', path: '/users/U0000001/service-track', grant: 'verified', status: 200 },
  { name: 'serviceTrackMasked', path: '/users/U0000001/service-track', grant: 'unverified', status: 200 },
  { name: 'withheld', path: '/users/U0000001/loans', grant: 'unverified', status: 403 },
  { name: 'noAccess', path: '/users/U0000001/orders', grant: null, status: 403 },
];

/** Starts a test api on the fixture world (PGlite, or PostgreSQL with TEST_DATABASE_URL). Close it after use. */
export function startFixtureApi(): Promise<TestApi> {
  return startTestApi({ seed: { seed: FIXTURE_WORLD.seed, anchor: FIXTURE_WORLD.anchor }, seedUsers: FIXTURE_WORLD.users, now: FIXTURE_WORLD.now });
}

/**
 * Reads every fixture from `api` (agent 1001) and renders the file's text (2-space JSON, a `$generated` note first).
 * @throws Error when an answer's status is not the expected one (the seed's stories changed).
 */
export async function renderApiFixtures(api: TestApi): Promise<string> {
  const out: Record<string, unknown> = {
    $generated: `by \`pnpm fixtures\` (apps/api/src/testing/api-fixtures.ts) from the api on seed ${FIXTURE_WORLD.seed}: do not edit`,
  };
  for (const request of REQUESTS) {
    const answer = await call(api, 'GET', request.path, request.grant ? { grant: grants[request.grant] } : {});
    if (answer.status !== request.status) {
      throw new Error(`${request.name}: GET ${request.path} answered ${answer.status}, expected ${request.status}: ${JSON.stringify(answer.body)}`);
    }
    out[request.name] = answer.body;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}
