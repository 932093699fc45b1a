import { settle, setup } from './testing/engine-harness';

// The times and outcomes the api's effectiveness report reads from each call record.
describe('call record times for the effectiveness report', () => {
  it('records arrival, first queue, first offer, answer, end, the IVR outcome and each missed or rejected ring', async () => {
    const t = setup({ wrapUpMs: 0 });
    t.login('a1');
    t.clock.advance(10);
    t.login('a2');
    const arrived = t.clock.now();
    const id = await t.call('13800000005');
    const queued = t.clock.now();
    expect(t.ringingAgent(id)).toBe('a1');
    t.clock.advance(20_000); // a1 lets it ring out
    expect(t.ringingAgent(id)).toBe('a2');
    t.clock.advance(1_000);
    const rejectedAt = t.clock.now();
    t.ok('a2', { name: 'reject', callId: id });
    // Nobody else is free: it goes back to the one who declined first (a1 is busy after its miss, so a2).
    t.ok('a1', { name: 'setState', state: 'idle' });
    const answerer = t.ringingAgent(id)!;
    t.clock.advance(2_000);
    t.ok(answerer, { name: 'answer', callId: id });
    const connected = t.clock.now();
    t.clock.advance(90_000);
    t.ok(answerer, { name: 'hangup', callId: id });
    const record = t.records.records.get(id)!;
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(Date.parse(record.arrivedAt!)).toBeLessThanOrEqual(queued);
    expect(Date.parse(record.arrivedAt!)).toBeGreaterThanOrEqual(arrived);
    expect(record).toMatchObject({
      queuedAt: iso(queued),
      offeredAt: iso(queued),
      connectedAt: iso(connected),
      endedAt: iso(connected + 90_000),
      ivrOutcome: 'queued',
      missedRings: [
        { agentId: 'a1', at: iso(queued + 20_000), reason: 'missed' },
        { agentId: 'a2', at: iso(rejectedAt), reason: 'rejected' },
      ],
    });
  });

  it('records a hang-up in the IVR as such, with no queue or offer time', async () => {
    const t = setup();
    t.login('a1');
    const id = t.engine.inboundCall({ from: '13800000006', keys: '1', verify: '13800000006' });
    expect(t.engine.callStatus(id)).toMatchObject({ phase: 'ivr' });
    t.engine.callerHangup(id);
    await settle();
    expect(t.records.records.get(id)).toMatchObject({ endReason: 'abandoned-ivr', ivrOutcome: 'hung-up', queuedAt: null, offeredAt: null, missedRings: [] });
  });
});
