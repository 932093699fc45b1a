import { signToken, verifyToken, verifyTokenOfKind, TokenError } from './token';

const secret = 'test-secret';

describe('signed tokens', () => {
  it('round-trips agent claims', () => {
    const token = signToken({ kind: 'agent', sub: '1001', sid: 's1', name: 'Agent 1001', role: 'agent', skillGroups: ['presale'] }, { secret, ttlSeconds: 60 });
    const claims = verifyTokenOfKind(token, 'agent', { secret });
    expect(claims.sub).toBe('1001');
    expect(claims.skillGroups).toEqual(['presale']);
  });

  it('rejects a token signed with another secret', () => {
    const token = signToken({ kind: 'service', sub: 'cti' }, { secret: 'other', ttlSeconds: 60 });
    expect(() => verifyToken(token, { secret })).toThrow(TokenError);
  });

  it('rejects a tampered body', () => {
    const token = signToken({ kind: 'grant', callId: 'c1', agentId: '1001', userId: 'u1', level: 'unverified', callerNumber: '13800138003' }, { secret, ttlSeconds: 60 });
    const [h, b, s] = token.split('.') as [string, string, string];
    const body = JSON.parse(Buffer.from(b, 'base64url').toString()) as Record<string, unknown>;
    body.level = 'verified';
    const forged = `${h}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.${s}`;
    expect(() => verifyToken(forged, { secret })).toThrow(/signature/);
  });

  it('rejects an expired token', () => {
    const token = signToken({ kind: 'service', sub: 'cti' }, { secret, ttlSeconds: 10, now: () => 0 });
    expect(() => verifyToken(token, { secret, now: () => 11_000 })).toThrow(/expired/);
  });

  it('rejects a token of the wrong kind', () => {
    const token = signToken({ kind: 'service', sub: 'cti' }, { secret, ttlSeconds: 60 });
    expect(() => verifyTokenOfKind(token, 'agent', { secret })).toThrow(/expected a agent token/);
  });

  it('rejects garbage with a clear error', () => {
    expect(() => verifyToken('not-a-token', { secret })).toThrow(/compact JWT/);
  });
});
