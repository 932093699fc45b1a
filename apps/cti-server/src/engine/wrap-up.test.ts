import { setup, type Harness } from './testing/engine-harness';

describe('a required wrap-up code holds after-call work (issue 9 point 5)', () => {
  const policy = {
    groups: [
      { skillGroup: 'sales', required: true, codes: ['order-placed', 'other'] },
      { skillGroup: 'support', required: false, codes: ['refund'] },
    ],
  };

  async function wrapping(t: Harness, keys = '1') {
    t.login('a1');
    const id = await t.call('13800138000', keys, { verify: '13800138000' });
    t.ok('a1', { name: 'answer', callId: id });
    t.ok('a1', { name: 'hangup', callId: id });
    return id;
  }

  it('the timer does not end it, nor End, a state or a call out; the code ends it and reaches the record', async () => {
    const t = setup({ wrapUpPolicy: policy });
    const id = await wrapping(t);
    expect(t.view('a1', id)).toMatchObject({ state: 'wrap-up', dispositionRequired: true, disposition: null });
    t.clock.advance(60_000); // well past the 5 s wrap-up
    expect(t.agent('a1').state).toBe('wrap-up');
    expect(t.view('a1', id)).toMatchObject({ state: 'wrap-up', dispositionRequired: true });
    expect(t.fails('a1', { name: 'hangup', callId: id })).toBe('disposition-required');
    expect(t.fails('a1', { name: 'setState', state: 'idle' })).toBe('disposition-required');
    expect(t.fails('a1', { name: 'callOut', number: '13900000000' })).toBe('disposition-required');
    const queued = await t.call('13800000099');
    expect(t.ringingAgent(queued)).toBeNull(); // still not offered calls
    expect(t.records.records.get(id)!.disposition).toBeUndefined();

    expect(t.fails('a1', { name: 'setDisposition', callId: id, code: 'refund' })).toBe('invalid-command'); // another group's code
    t.ok('a1', { name: 'setDisposition', callId: id, code: 'order-placed' });
    // Past its deadline: after-call work ends with the code; the record carries it.
    expect(t.view('a1', id)).toBeNull();
    expect(t.records.records.get(id)).toMatchObject({ disposition: 'order-placed', dispositionAt: expect.any(String) });
    expect(t.ringingAgent(queued)).toBe('a1');
  });

  it('chosen before the deadline, the timer ends it as usual; a group that does not require one is not held', async () => {
    const t = setup({ wrapUpPolicy: policy });
    const id = await wrapping(t);
    t.ok('a1', { name: 'setDisposition', callId: id, code: 'other' });
    expect(t.view('a1', id)).toMatchObject({ state: 'wrap-up', dispositionRequired: false, disposition: 'other' });
    t.clock.advance(5_000);
    expect(t.view('a1', id)).toBeNull();
    expect(t.agent('a1').state).toBe('idle');

    const free = setup({ wrapUpPolicy: policy });
    free.login('a4');
    const c = await free.call('13800138000', '2');
    free.ok('a4', { name: 'answer', callId: c });
    free.ok('a4', { name: 'hangup', callId: c });
    expect(free.view('a4', c)).toMatchObject({ state: 'wrap-up', dispositionRequired: false });
    free.clock.advance(5_000);
    expect(free.agent('a4').state).toBe('idle');
  });

  it('logging out still ends it; only the record’s agent owes the code (not one who transferred the call)', async () => {
    const t = setup({ wrapUpPolicy: policy });
    const id = await wrapping(t);
    t.ok('a1', { name: 'setState', state: 'offline' });
    expect(t.view('a1', id)).toBeNull();

    const x = setup({ wrapUpPolicy: policy });
    x.login('a1', 'a2');
    const c = await x.call('13800138000', '1');
    const first = x.ringingAgent(c)!;
    const second = first === 'a1' ? 'a2' : 'a1';
    x.ok(first, { name: 'answer', callId: c });
    x.ok(first, { name: 'transfer', callId: c, target: { kind: 'agent', agentId: second } });
    x.ok(second, { name: 'answer', callId: c });
    expect(x.view(first, c)).toMatchObject({ state: 'wrap-up', dispositionRequired: false });
    expect(x.fails(first, { name: 'setDisposition', callId: c, code: 'other' })).toBe('invalid-state');
    x.ok(second, { name: 'setDisposition', callId: c, code: 'other' }); // during the call
    x.ok(second, { name: 'hangup', callId: c });
    expect(x.view(second, c)).toMatchObject({ state: 'wrap-up', dispositionRequired: false, disposition: 'other' });
  });
});
