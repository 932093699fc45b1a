import { createRemoteLoader } from './remote-loader';
import { createTelemetryReporter } from './telemetry';
import { FakeRuntime, remoteModule, testRegistry } from './test-helpers';

const ok = (status = 204) => ({ ok: status < 300, status }) as Response;

describe('remote load telemetry', () => {
  it('the loader reports every load with release, track, outcome, stage and duration', async () => {
    const runtime = new FakeRuntime();
    runtime.set('octopus_tickets', { kind: 'ok', module: remoteModule('tickets', () => null) });
    runtime.set('octopus_orders', { kind: 'ok', module: remoteModule('orders', () => null, '2.0.0') });
    const reports: unknown[] = [];
    const registry = { remotes: { ...testRegistry.remotes, tickets: { ...testRegistry.remotes.tickets!, track: 'canary' as const } } };
    const loader = createRemoteLoader({ runtime, registry, hostContractVersion: '1.0.0', sleep: async () => undefined, onLoad: (report) => reports.push(report) });
    await loader.load('tickets');
    await loader.load('orders').catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reports).toEqual([
      { remote: 'tickets', version: '0.1.0', track: 'canary', outcome: 'ok', durationMs: expect.any(Number) },
      { remote: 'orders', version: '0.1.0', track: 'stable', outcome: 'failed', stage: 'contract', durationMs: expect.any(Number) },
    ]);
  });

  it('batches reports to the collector with the agent token', async () => {
    const posts: Array<{ url: string; init: RequestInit }> = [];
    const reporter = createTelemetryReporter({ url: 'http://api.test/telemetry/remote-loads', token: () => 't1', flushMs: 10_000, fetchImpl: async (url, init) => (posts.push({ url: String(url), init: init! }), ok()) });
    for (let index = 0; index < 60; index += 1) reporter.report({ remote: 'tickets', version: '0.1.0', track: 'stable', outcome: 'ok', durationMs: index });
    await reporter.flush();
    expect(posts.map((post) => (JSON.parse(String(post.init.body)) as { loads: unknown[] }).loads.length)).toEqual([50, 10]);
    expect(posts[0]!.init.headers).toMatchObject({ Authorization: 'Bearer t1' });
    reporter.stop();
  });

  it('keeps reports while the collector is down and sends them later; never throws', async () => {
    let up = false;
    const sent: number[] = [];
    const reporter = createTelemetryReporter({
      url: 'http://api.test/x',
      token: () => 't',
      flushMs: 10_000,
      fetchImpl: async (_url, init) => {
        if (!up) throw new TypeError('Failed to fetch');
        sent.push((JSON.parse(String(init!.body)) as { loads: unknown[] }).loads.length);
        return ok();
      },
    });
    reporter.report({ remote: 'tickets', version: '0.1.0', track: 'stable', outcome: 'failed', stage: 'timeout', durationMs: 9000 });
    await expect(reporter.flush()).resolves.toBeUndefined();
    up = true;
    await reporter.flush();
    expect(sent).toEqual([1]);
    reporter.stop();
  });

  it('stop sends what is pending (a logout or page change right after a load), then nothing more', async () => {
    const sent: number[] = [];
    const reporter = createTelemetryReporter({
      url: 'http://api.test/x',
      token: () => 't',
      flushMs: 10_000,
      fetchImpl: async (_url, init) => (sent.push((JSON.parse(String(init!.body)) as { loads: unknown[] }).loads.length), ok()),
    });
    reporter.report({ remote: 'logistics', version: '0.1.0', track: 'stable', outcome: 'ok', durationMs: 300 });
    reporter.stop();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toEqual([1]);
    reporter.report({ remote: 'logistics', version: '0.1.0', track: 'stable', outcome: 'ok', durationMs: 300 });
    await reporter.flush();
    expect(sent).toEqual([1]);
  });
});
