import { verifyTokenOfKind } from '@octopus/auth';
import { MemoryDirectory } from './ports';
import { USERS, SECRET, setup } from './testing/engine-harness';

describe('IVR', () => {
  it('records the key track and verifies by registered phone, with a verified grant for the ringing agent', async () => {
    const t = setup();
    t.login('a1');
    const id = await t.call('13800138000', '1', { verify: '13800138000' });
    const view = t.view('a1', id)!;
    expect(view.keyTrack).toBe('1#***********#');
    expect(view.customer).toMatchObject({ userId: 'u1', name: 'Zhang San', verification: { status: 'verified', method: 'ivr-phone' } });
    expect(view.province).toBe('北京');
    expect(view.city).toBe('北京');
    const grant = verifyTokenOfKind(view.grant!, 'grant', { secret: SECRET });
    expect(grant).toMatchObject({ callId: id, agentId: 'a1', userId: 'u1', level: 'verified', callerNumber: '13800138000' });
  });

  it('verifies by ID suffix, reports failures, and skips with an unverified grant when the number is known', async () => {
    const t = setup();
    t.login('a1', 'a2', 'a3');
    const bySuffix = await t.call('13912345678', '1', { verify: '567X' });
    expect(t.view(t.ringingAgent(bySuffix)!, bySuffix)!.customer.verification).toEqual({ status: 'verified', method: 'ivr-id-suffix' });
    const failed = await t.call('13912345678', '1', { verify: '0000' });
    const fv = t.view(t.ringingAgent(failed)!, failed)!;
    expect(fv.customer.verification).toEqual({ status: 'failed', method: 'ivr-id-suffix' });
    expect(verifyTokenOfKind(fv.grant!, 'grant', { secret: SECRET }).level).toBe('unverified');
    const skipped = await t.call('13800138000', '1');
    const sv = t.view(t.ringingAgent(skipped)!, skipped)!;
    expect(sv.customer).toMatchObject({ userId: 'u1', verification: { status: 'skipped', method: null } });
    expect(verifyTokenOfKind(sv.grant!, 'grant', { secret: SECRET }).level).toBe('unverified');
  });

  it('treats an unreachable api as unverified and still queues the caller', async () => {
    const t = setup({
      directory: {
        userByPhone: () => Promise.reject(new Error('down')),
        userById: () => Promise.reject(new Error('down')),
        verify: () => Promise.reject(new Error('down')),
      },
    });
    t.login('a1');
    const id = await t.call('13800138000', '1', { verify: '13800138000' });
    expect(t.view('a1', id)!.customer).toMatchObject({ userId: null, verification: { status: 'unverified', method: null } });
    expect(t.view('a1', id)!.grant).toBeNull();
  });

  it('only identifies a caller who keys another account’s phone; verifies when that account’s ID suffix follows', async () => {
    const t = setup({ wrapUpMs: 0 });
    t.login('a1', 'a2', 'a3');
    // From 13700000000 (nobody's number), the caller keys u1's registered phone 13800138000.
    const keyedOnly = await t.call('13700000000', '1', { verify: '13800138000' });
    const kv = t.view(t.ringingAgent(keyedOnly)!, keyedOnly)!;
    expect(kv.customer).toMatchObject({ userId: 'u1', verification: { status: 'unverified', method: 'ivr-phone' } });
    expect(verifyTokenOfKind(kv.grant!, 'grant', { secret: SECRET }).level).toBe('unverified');

    const wrongSuffix = await t.call('13700000001', '1', { verify: '13800138000', idSuffix: '9999' });
    const wv = t.view(t.ringingAgent(wrongSuffix)!, wrongSuffix)!;
    expect(wv.customer).toMatchObject({ userId: 'u1', verification: { status: 'failed', method: 'ivr-id-suffix' } });
    expect(verifyTokenOfKind(wv.grant!, 'grant', { secret: SECRET }).level).toBe('unverified');

    const proven = await t.call('13700000002', '1', { verify: '13800138000', idSuffix: '1234' });
    const pv = t.view(t.ringingAgent(proven)!, proven)!;
    expect(pv.customer).toMatchObject({ userId: 'u1', name: 'Zhang San', verification: { status: 'verified', method: 'ivr-id-suffix' } });
    expect(verifyTokenOfKind(pv.grant!, 'grant', { secret: SECRET }).level).toBe('verified');
    // The second entry is masked in the key track like the first.
    expect(pv.keyTrack).toBe('1#***********#****#');
    // Another account's ID suffix (the caller's own, u2's) does not verify u1.
    const t2 = setup();
    t2.login('a1');
    const otherSuffix = await t2.call('13912345678', '1', { verify: '13800138000', idSuffix: '567X' });
    expect(t2.view('a1', otherSuffix)!.customer).toMatchObject({ userId: 'u1', verification: { status: 'failed' } });
  });

  it('finds the identified account by the keyed phone when the api does not name it', async () => {
    const memory = new MemoryDirectory(USERS);
    const t = setup({
      directory: {
        userByPhone: (phone) => memory.userByPhone(phone),
        userById: (id) => memory.userById(id),
        verify: async (from, input, userId) => {
          const answer = await memory.verify(from, input, userId);
          return answer.level === 'identified' ? { ...answer, userId: null } : answer;
        },
      },
    });
    t.login('a1');
    const id = await t.call('13700000000', '1', { verify: '13912345678', idSuffix: '567X' });
    expect(t.view('a1', id)!.customer).toMatchObject({ userId: 'u2', verification: { status: 'verified', method: 'ivr-id-suffix' } });
  });

  it('routes by the IVR menu key unless a skill group is given', async () => {
    const t = setup();
    const a = await t.call('13800000041', '2');
    const b = await t.call('13800000042', '2', { skillGroup: 'vip' });
    expect(t.engine.callStatus(a)!.skillGroup).toBe('support');
    expect(t.engine.callStatus(b)!.skillGroup).toBe('vip');
  });
});
