// The outbox's audit batches: at most 100 events per POST, oldest first, journalled so a restart resends them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InternalAuditEvent } from '@octopus/contracts';
import { Outbox, type OutboxMessage } from './outbox';

const event = (i: number): InternalAuditEvent => ({
  at: new Date(1_790_000_000_000 + i).toISOString(),
  agentId: '1001',
  sessionId: 's1',
  userId: null,
  callId: `C-${i}`,
  action: 'bind-customer',
  outcome: 'masked',
  reason: 'identified only',
});

describe('Outbox audit batches', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cti-outbox-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sends 250 events as batches of at most 100, in order, one batch at a time', async () => {
    const batches: InternalAuditEvent[][] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const outbox = new Outbox({
      dataDir: null,
      send: async (m: OutboxMessage) => {
        if (m.kind !== 'audit') return;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        batches.push(m.events);
        inFlight--;
      },
    });
    for (let i = 0; i < 250; i++) outbox.audit(event(i));
    expect(await outbox.drain()).toBe(true);
    outbox.close();
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batches.flat().map((e) => e.callId)).toEqual(Array.from({ length: 250 }, (_, i) => `C-${i}`));
    expect(maxInFlight).toBe(1);
  });

  it('keeps unsent events across a restart and resends them', async () => {
    const down = new Outbox({ dataDir: dir, baseDelayMs: 60_000, send: () => Promise.reject(new Error('api down')) });
    for (let i = 0; i < 3; i++) down.audit(event(i));
    await new Promise((r) => setTimeout(r, 30));
    expect(down.size).toBe(3);
    down.close();
    const received: InternalAuditEvent[] = [];
    const up = new Outbox({
      dataDir: dir,
      send: async (m) => {
        if (m.kind === 'audit') received.push(...m.events);
      },
    });
    expect(await up.drain()).toBe(true);
    up.close();
    expect(received).toEqual([event(0), event(1), event(2)]);
  });
});
