import { readFileSync } from 'node:fs';
import { maskName, maskPhone } from '../mask';
import { FIXTURES_FILE, renderApiFixtures, startFixtureApi } from './api-fixtures';
import { setupTestApi } from './harness';

jest.setTimeout(120_000);

const api = setupTestApi(startFixtureApi);

describe("the remotes' api fixtures (packages/api-client/src/testing/fixtures.generated.json)", () => {
  it('are what the seeded api answers today: run `pnpm fixtures` after changing the seed, the masking or an answer', async () => {
    const checkedIn = readFileSync(FIXTURES_FILE, 'utf8');
    expect(checkedIn).toBe(await renderApiFixtures(api));
  });

  it("mask the unverified variants by the api's own rules", () => {
    const fixtures = JSON.parse(readFileSync(FIXTURES_FILE, 'utf8')) as {
      ticketDetail: { customer: { name: string; phone: string } };
      ticketDetailMasked: { customer: { name: string; phone: string }; access: { masked: boolean } };
    };
    expect(fixtures.ticketDetailMasked.access.masked).toBe(true);
    expect(fixtures.ticketDetailMasked.customer).toEqual({
      name: maskName(fixtures.ticketDetail.customer.name),
      phone: maskPhone(fixtures.ticketDetail.customer.phone),
    });
  });
});
