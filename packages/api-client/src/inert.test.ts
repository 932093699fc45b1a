import { hasBidiControls } from '@octopus/contracts';
import { createApiClient, inertDeep } from './index';
import { apiFixtures, createFetchMock } from './testing';

const access = { baseUrl: 'http://api.test', token: 'agent-token', grant: 'grant-token-abcdefghij' };
const RLO = '\u202E';

function bidiStrings(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (hasBidiControls(value)) found.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) bidiStrings(item, found);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      bidiStrings(key, found);
      bidiStrings(inner, found);
    }
  }
  return found;
}

describe('hostile text in api answers', () => {
  it('reaches no caller with a bidi control in any string, however deep (the RLO "safe \\u202Eexe.txt" example)', async () => {
    const hostile = {
      ...apiFixtures.ticketDetail,
      title: `safe ${RLO}exe.txt`,
      description: `\u2066note\u2069 \u202Dforced\u202C`,
      customer: { name: `张${RLO}伟`, phone: '13800138000' },
      comments: [{ id: 1, at: '2026-11-19T18:00:00.000Z', authorAgentId: '1006', body: `called ${RLO}kcab` }],
    };
    const mock = createFetchMock({ 'GET /tickets/TK00000001': { body: hostile } });
    const ticket = await createApiClient(access, { fetch: mock.fetch }).getTicket('TK00000001');
    expect(ticket.title).toBe('safe exe.txt');
    expect(ticket.customer.name).toBe('张伟');
    expect(ticket.comments[0]!.body).toBe('called kcab');
    expect(bidiStrings(ticket)).toEqual([]);
    // Everything else arrives unchanged.
    expect(ticket.history).toEqual(apiFixtures.ticketDetail.history);
  });

  it('also cleans the messages of error answers', async () => {
    const mock = createFetchMock({ 'GET /users/U0000001': { status: 404, body: { error: 'not_found', message: `no user ${RLO}10000U`, field: `user${RLO}Id` } } });
    const error = await createApiClient(access, { fetch: mock.fetch })
      .getUser('U0000001')
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'not_found', message: 'no user 10000U', field: 'userId' });
  });

  it('inertDeep keeps numbers, booleans, null and marks (LRM/RLM) and copies rather than mutates', () => {
    const input = { a: [1, true, null, `x${RLO}y`], b: { '\u2067k': 'v\u200F' } };
    expect(inertDeep(input)).toEqual({ a: [1, true, null, 'xy'], b: { k: 'v\u200F' } });
    expect(input.a[3]).toBe(`x${RLO}y`);
  });
});

describe('identity checks and the audit log', () => {
  const agentOnly = { baseUrl: 'http://api.test', token: 'agent-token', grant: null };

  it('verifyIdentity returns the api’s proof for the cti-server (and null when there is none)', async () => {
    const mock = createFetchMock({
      'POST /identity/verify': (request) => ({
        body: {
          status: (request.body as { input: string }).input === '1239' ? 'verified' : 'failed',
          method: 'agent-confirm',
          check: 'id-suffix',
          userId: 'U0000001',
          attemptsLeft: 4,
          ...((request.body as { input: string }).input === '1239' ? { proof: 'proof.token.sig' } : {}),
        },
      }),
    });
    const client = createApiClient(agentOnly, { fetch: mock.fetch });
    await expect(client.verifyIdentity('U0000001', ' 1239 ', 'call-1')).resolves.toMatchObject({ status: 'verified', proof: 'proof.token.sig' });
    await expect(client.verifyIdentity('U0000001', '0000', 'call-1')).resolves.toMatchObject({ status: 'failed', proof: null });
    expect(mock.requests[0]!.body).toEqual({ userId: 'U0000001', input: '1239', callId: 'call-1' });
  });

  const entry = {
    seq: 41,
    at: '2026-11-30T10:00:00.000Z',
    agentId: '1004',
    sessionId: 's-1',
    userId: 'U0000002',
    callId: 'call-9',
    ticketId: null,
    action: 'read-user',
    outcome: 'masked',
    via: 'grant',
    reason: `unverified ${RLO}call`,
  };

  it('auditLog sends the filters as the contract’s query and reads typed, inert entries', async () => {
    const mock = createFetchMock({ 'GET /audit-log': { body: { entries: [entry], nextBefore: 41 } } });
    const page = await createApiClient(agentOnly, { fetch: mock.fetch }).auditLog({
      userId: 'U0000002',
      agentId: '1004',
      outcome: 'masked',
      from: '2026-11-30T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      limit: 50,
      before: 100,
    });
    expect(page).toEqual({ entries: [{ ...entry, reason: 'unverified call' }], nextBefore: 41 });
    const query = Object.fromEntries(mock.requests[0]!.url.searchParams);
    expect(query).toEqual({
      userId: 'U0000002',
      agentId: '1004',
      outcome: 'masked',
      from: '2026-11-30T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      limit: '50',
      before: '100',
    });
  });

  it('auditLog refuses a query the contract refuses before sending, and reports the api’s 403 for agents', async () => {
    const mock = createFetchMock({ 'GET /audit-log': { status: 403, body: { error: 'no_access', message: 'supervisors only' } } });
    const client = createApiClient(agentOnly, { fetch: mock.fetch });
    await expect(client.auditLog({ from: 'yesterday' })).rejects.toMatchObject({ kind: 'bad_request', field: 'query.from' });
    expect(mock.requests).toHaveLength(0);
    await expect(client.auditLog()).rejects.toMatchObject({ kind: 'no_access', status: 403 });
    expect(mock.requests[0]!.url.search).toBe('?limit=100');
  });
});
