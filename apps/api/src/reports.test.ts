import type { EffectivenessFigures, EffectivenessReport } from '@octopus/contracts';
import { agentToken, call, callRecordBody, count, serviceToken, setupTestApi } from './testing/harness';

// The effectiveness report on a known fixture in March 2020 (far from the seed's weeks before today),
// every expectation worked out by hand below. China time is UTC+8: 2020-03-02T02:00Z is 10:00 on the 2nd.

jest.setTimeout(60_000);

const api = setupTestApi();
const supervisor = { token: agentToken('2001', undefined, { role: 'supervisor' }) };
const admin = { token: agentToken('2002', undefined, { role: 'admin' }) };

const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000).toISOString();

/** An inbound call that queued 10 s after arriving at `arrived`; `answerAfter`/`talk` seconds, or abandoned after `abandonAfter`. */
function queuedCall(
  callId: string,
  arrived: string,
  o: { group: string; answerAfter?: number; talk?: number; abandonAfter?: number; method?: string | null; extra?: Record<string, unknown> },
) {
  const queued = at(arrived, 10);
  const connectedAt = o.answerAfter !== undefined ? at(queued, o.answerAfter) : null;
  const endedAt = connectedAt ? at(connectedAt, o.talk ?? 0) : at(queued, o.abandonAfter ?? 0);
  return callRecordBody(callId, {
    skillGroup: o.group,
    arrivedAt: arrived,
    queuedAt: queued,
    offeredAt: queued,
    ivrOutcome: 'queued',
    connectedAt,
    endedAt,
    endReason: connectedAt ? 'caller-hangup' : 'abandoned',
    verificationStatus: o.method ? 'verified' : 'skipped',
    verificationMethod: o.method ?? null,
    agentId: connectedAt ? '1003' : null,
    ...o.extra,
  });
}

const FIXTURE = [
  // Monday 2020-03-02 (China time).
  queuedCall('rp-c1', '2020-03-02T02:00:00Z', { group: 'aftersale', answerAfter: 15, talk: 100, method: 'ivr-phone', extra: { disposition: 'order-status', dispositionAt: '2020-03-02T02:03:00Z' } }),
  queuedCall('rp-c2', '2020-03-02T03:00:00Z', {
    group: 'aftersale', answerAfter: 30, talk: 200, method: 'agent-confirm',
    extra: { transfers: [{ from: '1003', to: '1004', kind: 'agent', at: '2020-03-02T03:01:00Z' }], missedRings: [{ agentId: '1003', at: '2020-03-02T03:00:20Z', reason: 'missed' }] },
  }),
  queuedCall('rp-c3', '2020-03-02T04:00:00Z', { group: 'aftersale', abandonAfter: 12, extra: { missedRings: [{ agentId: '1003', at: '2020-03-02T04:00:15Z', reason: 'rejected' }] } }),
  // 01:00 on the 2nd in China, still the 1st in UTC.
  queuedCall('rp-c4', '2020-03-01T17:00:00Z', {
    group: 'presale', answerAfter: 5, talk: 60,
    extra: { transfers: [{ from: 'presale', to: 'presale', kind: 'overflow', at: '2020-03-01T17:00:08Z' }] },
  }),
  // Ended in the IVR: a hang-up, and a self-service answer after an IVR verification.
  callRecordBody('rp-c5', { skillGroup: null, agentId: null, arrivedAt: '2020-03-02T05:00:00Z', connectedAt: null, endedAt: '2020-03-02T05:00:30Z', endReason: 'abandoned-ivr', ivrOutcome: 'hung-up', verificationStatus: 'skipped', verificationMethod: null }),
  callRecordBody('rp-c6', { skillGroup: null, agentId: null, arrivedAt: '2020-03-02T06:00:00Z', connectedAt: null, endedAt: '2020-03-02T06:01:00Z', endReason: 'caller-hangup', ivrOutcome: 'self-service', verificationMethod: 'ivr-id-suffix' }),
  // Not in the report: an outbound call, and a record without an arrival time (written before migration 6).
  callRecordBody('rp-o1', { direction: 'outbound', arrivedAt: '2020-03-02T07:00:00Z', connectedAt: '2020-03-02T07:00:10Z', endedAt: '2020-03-02T07:05:00Z', endReason: 'agent-hangup' }),
  callRecordBody('rp-legacy', { connectedAt: '2020-03-02T07:00:10Z', endedAt: '2020-03-02T07:05:00Z', endReason: 'caller-hangup' }),
  // Tuesday 2020-03-03.
  queuedCall('rp-c7', '2020-03-03T02:00:00Z', { group: 'aftersale', abandonAfter: 40 }),
  queuedCall('rp-c8', '2020-03-03T03:00:00Z', {
    group: 'aftersale', answerAfter: 20, talk: 50, method: 'ivr-id-suffix',
    extra: { missedRings: [{ agentId: '1004', at: '2020-03-03T03:00:12Z', reason: 'missed' }], disposition: 'return-refund', dispositionAt: '2020-03-03T03:02:00Z' },
  }),
  // Monday 2020-03-09 (the next ISO week), and the 10th (after the range).
  queuedCall('rp-c9', '2020-03-09T02:00:00Z', { group: 'finance', answerAfter: 8, talk: 300, method: 'agent-search' }),
  queuedCall('rp-c10', '2020-03-10T02:00:00Z', { group: 'finance', answerAfter: 8, talk: 300 }),
];

beforeAll(async () => {
  for (const body of FIXTURE) {
    const r = await call(api, 'PUT', `/internal/call-records/${body.callId as string}`, { token: serviceToken(), body });
    expect(r.status).toBe(201);
  }
});

const RANGE = 'from=2020-03-02&to=2020-03-09';
const empty = (calls = 0): { calls: number; avgSeconds: number | null } => ({ calls, avgSeconds: null });

describe('GET /reports/effectiveness', () => {
  it('computes each figure per day and skill group (hand-computed fixture, China time)', async () => {
    const r = await call<EffectivenessReport>(api, 'GET', `/reports/effectiveness?${RANGE}`, supervisor);
    expect(r.status).toBe(200);
    const report = r.body;
    expect(report).toMatchObject({ from: '2020-03-02', to: '2020-03-09', granularity: 'day', timeZone: 'Asia/Shanghai', skillGroup: null, serviceLevelSeconds: 20 });
    expect(report.rows.map((x) => `${x.period} ${x.skillGroup}`)).toEqual(['2020-03-02 aftersale', '2020-03-02 presale', '2020-03-02 null', '2020-03-03 aftersale', '2020-03-09 finance']);
    const row = (period: string, group: string | null) => report.rows.find((x) => x.period === period && x.skillGroup === group)!;
    // c1 (15 s, 100 s, IVR-verified), c2 (30 s, 200 s, agent-verified, one transfer), c3 (abandoned after 12 s).
    expect(row('2020-03-02', 'aftersale')).toEqual<EffectivenessFigures & { period: string; skillGroup: string }>({
      period: '2020-03-02', skillGroup: 'aftersale',
      inbound: 3, offered: 3, answered: 2, abandoned: 1, abandonedAvgWaitSeconds: 12, abandonedMaxWaitSeconds: 12, abandonedWithinThreshold: 1,
      abandonedAfter: { upTo10s: 0, upTo30s: 1, upTo60s: 0, upTo120s: 0, over120s: 0 },
      answeredWithinThreshold: 1, serviceLevel: 0.3333, avgAnswerSeconds: 22.5,
      handleTime: { ivrVerified: { calls: 1, avgSeconds: 100 }, agentVerified: { calls: 1, avgSeconds: 200 }, unverified: empty(), all: { calls: 2, avgSeconds: 150 } },
      ivrVerified: 1, ivrVerifiedShare: 0.3333, selfService: 0, selfServiceShare: 0, transfers: 1, overflows: 0,
    });
    expect(row('2020-03-02', 'presale')).toMatchObject({ inbound: 1, answered: 1, answeredWithinThreshold: 1, serviceLevel: 1, avgAnswerSeconds: 5, overflows: 1, handleTime: { unverified: { calls: 1, avgSeconds: 60 } } });
    // The two calls that ended in the IVR: no group, nothing offered, one verified there and resolved by self-service.
    expect(row('2020-03-02', null)).toMatchObject({ inbound: 2, offered: 0, answered: 0, serviceLevel: null, avgAnswerSeconds: null, ivrVerified: 1, ivrVerifiedShare: 0.5, selfService: 1, selfServiceShare: 0.5 });
    // 20 s exactly is within the service level.
    expect(row('2020-03-03', 'aftersale')).toMatchObject({ offered: 2, answered: 1, abandoned: 1, abandonedAvgWaitSeconds: 40, abandonedWithinThreshold: 0, abandonedAfter: { upTo10s: 0, upTo30s: 0, upTo60s: 1, upTo120s: 0, over120s: 0 }, answeredWithinThreshold: 1, serviceLevel: 0.5 });

    expect(report.periodTotals.map((p) => p.period)).toEqual(['2020-03-02', '2020-03-03', '2020-03-04', '2020-03-05', '2020-03-06', '2020-03-07', '2020-03-08', '2020-03-09']);
    expect(report.periodTotals[0]).toMatchObject({
      inbound: 6, offered: 4, answered: 3, abandoned: 1, answeredWithinThreshold: 2, serviceLevel: 0.5, avgAnswerSeconds: 16.7,
      handleTime: { all: { calls: 3, avgSeconds: 120 } }, ivrVerified: 2, ivrVerifiedShare: 0.3333, selfService: 1, selfServiceShare: 0.1667, transfers: 1, overflows: 1,
    });
    expect(report.periodTotals[3]).toMatchObject({ inbound: 0, offered: 0, serviceLevel: null, handleTime: { all: empty() } });

    expect(report.total).toEqual<EffectivenessFigures>({
      inbound: 9, offered: 7, answered: 5, abandoned: 2, abandonedAvgWaitSeconds: 26, abandonedMaxWaitSeconds: 40, abandonedWithinThreshold: 1,
      abandonedAfter: { upTo10s: 0, upTo30s: 1, upTo60s: 1, upTo120s: 0, over120s: 0 },
      answeredWithinThreshold: 4, serviceLevel: 0.5714, avgAnswerSeconds: 15.6,
      handleTime: { ivrVerified: { calls: 2, avgSeconds: 75 }, agentVerified: { calls: 2, avgSeconds: 250 }, unverified: { calls: 1, avgSeconds: 60 }, all: { calls: 5, avgSeconds: 142 } },
      ivrVerified: 3, ivrVerifiedShare: 0.3333, selfService: 1, selfServiceShare: 0.1111, transfers: 1, overflows: 1,
    });
    expect(report.groupTotals.map((g) => [g.skillGroup, g.offered, g.answered, g.serviceLevel])).toEqual([
      ['aftersale', 5, 3, 0.4],
      ['finance', 1, 1, 1],
      ['presale', 1, 1, 1],
      [null, 0, 0, null],
    ]);
    expect(report.missedRings).toEqual([
      { period: '2020-03-02', agentId: '1003', agentName: '张伟', missed: 1, rejected: 1 },
      { period: '2020-03-03', agentId: '1004', agentName: '刘洋', missed: 1, rejected: 0 },
    ]);
    expect(report.dispositions).toEqual([
      { period: '2020-03-02', skillGroup: 'aftersale', disposition: { code: 'order-status', label: { 'zh-CN': '订单物流查询', 'en-US': 'Order or delivery status' } }, calls: 1 },
      { period: '2020-03-03', skillGroup: 'aftersale', disposition: { code: 'return-refund', label: { 'zh-CN': '退货退款', 'en-US': 'Return or refund' } }, calls: 1 },
    ]);
  });

  it('groups by ISO week, filters one group, and counts days in the requested time zone', async () => {
    const weekly = (await call<EffectivenessReport>(api, 'GET', `/reports/effectiveness?${RANGE}&granularity=week`, admin)).body;
    expect(weekly.periodTotals.map((p) => [p.period, p.inbound, p.offered, p.answered])).toEqual([
      ['2020-03-02', 8, 6, 4],
      ['2020-03-09', 1, 1, 1],
    ]);
    const aftersale = (await call<EffectivenessReport>(api, 'GET', `/reports/effectiveness?${RANGE}&group=aftersale`, supervisor)).body;
    expect(aftersale.skillGroup).toBe('aftersale');
    expect(aftersale.total).toMatchObject({ inbound: 5, offered: 5, answered: 3, abandoned: 2, serviceLevel: 0.4, transfers: 1 });
    expect(new Set(aftersale.rows.map((x) => x.skillGroup))).toEqual(new Set(['aftersale']));
    // In UTC, c4 (01:00 on the 2nd in China) falls on the 1st, outside the range.
    const utc = (await call<EffectivenessReport>(api, 'GET', `/reports/effectiveness?${RANGE}&tz=UTC`, supervisor)).body;
    expect(utc.total.inbound).toBe(8);
    expect(utc.total.overflows).toBe(0);
  });

  it('keeps the report times when an older cti-server re-sends a record without them', async () => {
    const body = FIXTURE[0]!;
    const { arrivedAt: _a, queuedAt: _q, offeredAt: _o, ivrOutcome: _i, ...older } = body;
    expect((await call(api, 'PUT', '/internal/call-records/rp-c1', { token: serviceToken(), body: older })).status).toBe(200);
    const report = (await call<EffectivenessReport>(api, 'GET', `/reports/effectiveness?${RANGE}`, supervisor)).body;
    expect(report.total).toMatchObject({ inbound: 9, answered: 5, answeredWithinThreshold: 4 });
  });

  it('defaults to the 28 days ending today', async () => {
    const report = (await call<EffectivenessReport>(api, 'GET', '/reports/effectiveness', supervisor)).body;
    expect(report.periodTotals).toHaveLength(28);
    expect(report.to).toBe(report.periodTotals.at(-1)?.period);
    // The seed's weeks of traffic (seed/call-history.ts) fill it.
    expect(report.total.inbound).toBeGreaterThan(150);
    expect(report.total.serviceLevel).toBeGreaterThan(0.5);
    expect(report.groupTotals.map((g) => g.skillGroup)).toEqual(expect.arrayContaining(['presale', 'aftersale', 'finance']));
  });

  it('refuses agents (403, audited), wrong ranges and unknown time zones (400), and audits each read', async () => {
    const refused = await call(api, 'GET', `/reports/effectiveness?${RANGE}`, { token: agentToken('1003') });
    expect(refused).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await count(api, "audit_log WHERE agent_id = '1003' AND action = 'reports.effectiveness' AND outcome = 'refused'")).toBe(1);
    expect((await call(api, 'GET', `/reports/effectiveness?${RANGE}`, { token: null })).status).toBe(401);
    expect(await call(api, 'GET', '/reports/effectiveness?from=2020-03-09&to=2020-03-02', supervisor)).toMatchObject({ status: 400, body: { field: 'query.from' } });
    expect(await call(api, 'GET', '/reports/effectiveness?from=2019-01-01&to=2020-03-02', supervisor)).toMatchObject({ status: 400, body: { field: 'query.from' } });
    expect(await call(api, 'GET', `/reports/effectiveness?${RANGE}&tz=Mars/Olympus`, supervisor)).toMatchObject({ status: 400, body: { field: 'query.tz' } });
    expect(await call(api, 'GET', `/reports/effectiveness?${RANGE}&granularity=month`, supervisor)).toMatchObject({ status: 400, body: { field: 'query.granularity' } });
    expect(await count(api, "audit_log WHERE agent_id = '2001' AND action = 'reports.effectiveness' AND outcome = 'allowed' AND reason LIKE '2020-03-02..2020-03-09 day%'")).toBeGreaterThanOrEqual(3);
  });
});

describe('GET /reports/effectiveness/csv', () => {
  const csv = async (query: string, token = supervisor.token) => {
    const response = await fetch(`${api.url}/reports/effectiveness/csv?${query}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), text: await response.text() };
  };

  it('exports the figures with a scope column, as UTF-8 CSV with a BOM, and the two other tables', async () => {
    const figures = await csv(RANGE);
    expect(figures.status).toBe(200);
    expect(figures.type).toMatch(/^text\/csv; charset=utf-8/);
    expect(figures.disposition).toBe('attachment; filename="effectiveness-figures-2020-03-02-2020-03-09-day.csv"');
    const lines = figures.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^scope,period,skill_group,inbound,offered,answered,abandoned,/);
    expect(lines).toContain('group,2020-03-02,aftersale,3,3,2,1,12,12,1,0,1,0,0,0,1,0.3333,22.5,100,1,200,1,,0,150,1,0.3333,0,0,1,0');
    expect(lines.at(-1)).toBe('all,,,9,7,5,2,26,40,1,0,1,1,0,0,4,0.5714,15.6,75,2,250,2,60,1,142,3,0.3333,1,0.1111,1,1');
    // 5 group rows, 8 days, 4 group totals, 1 total, 1 header.
    expect(lines).toHaveLength(19);
    const missed = await csv(`${RANGE}&table=missed-rings`);
    expect(missed.text.replace(/^\uFEFF/, '').trim().split('\r\n')).toEqual(['period,agent_id,agent_name,missed,rejected', '2020-03-02,1003,张伟,1,1', '2020-03-03,1004,刘洋,1,0']);
    const dispositions = await csv(`${RANGE}&table=dispositions&group=aftersale`);
    expect(dispositions.disposition).toContain('effectiveness-dispositions-2020-03-02-2020-03-09-day-aftersale.csv');
    expect(dispositions.text).toContain('2020-03-03,aftersale,return-refund,退货退款,Return or refund,1');
  });

  it('refuses agents', async () => {
    expect((await csv(RANGE, agentToken('1003'))).status).toBe(403);
  });
});
