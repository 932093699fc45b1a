// The lease kept from a worker thread, over a throwaway Debian redis-server (skipped when not installed).
import { Redis } from 'ioredis';
import { keepLease } from './leaseKeeper';
import { hasRedisServer, startThrowawayRedis, type ThrowawayRedis } from './test-redis';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Blocks this thread (the engine's) as a long synchronous step would. */
const stall = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // busy
  }
};

(hasRedisServer() ? describe : describe.skip)('leader lease kept from a worker thread', () => {
  let redisServer: ThrowawayRedis;
  let redis: Redis;
  let url = '';
  beforeAll(async () => {
    redisServer = await startThrowawayRedis();
    url = redisServer.url;
    redis = new Redis(url, { maxRetriesPerRequest: 50 });
    for (let i = 0; redis.status !== 'ready'; i++) {
      if (i > 100) throw new Error('redis');
      await sleep(100);
    }
  });
  afterAll(() => {
    redis.disconnect();
    redisServer.stop();
  });

  it('survives a stall of the engine thread longer than the lease, swaps its value, and hands over on release', async () => {
    // Margins for a loaded 2-core machine: the worker renews every 500 ms a lease of 1.5 s.
    await redis.set('l1', 'a|pending', 'PX', 1500, 'NX');
    let lost = 0;
    const keeper = keepLease({ redisUrl: url, key: 'l1', value: 'a|pending', leaseMs: 1500, stallMs: 10_000, onLost: () => lost++ });
    await sleep(300);
    stall(4000); // well past the lease: renewed meanwhile by the worker
    expect(await redis.get('l1')).toBe('a|pending');
    expect(await keeper.swap('a|http://x')).toBe(true);
    await sleep(2000);
    expect(await redis.get('l1')).toBe('a|http://x');
    expect(lost).toBe(0);
    await keeper.stop(true);
    expect(await redis.get('l1')).toBeNull();
  }, 20_000);

  it('lets the lease run out when the engine thread stalls past stallMs, and reports the loss when it runs again', async () => {
    await redis.set('l2', 'b', 'PX', 500, 'NX');
    let lost = 0;
    const keeper = keepLease({ redisUrl: url, key: 'l2', value: 'b', leaseMs: 500, stallMs: 1000, onLost: () => lost++ });
    await sleep(150);
    stall(4000); // past stallMs + the lease: nobody renews, the lease runs out
    expect(await redis.get('l2')).toBeNull();
    await redis.set('l2', 'other', 'PX', 5000);
    for (let i = 0; i < 50 && lost === 0; i++) await sleep(100);
    expect(lost).toBe(1);
    expect(await redis.get('l2')).toBe('other');
    await keeper.stop(true);
    expect(await redis.get('l2')).toBe('other');
  }, 20_000);

  it('a keeper of a lease another node holds reports it lost at the first renewal', async () => {
    await redis.set('l3', 'someone-else', 'PX', 5000);
    let lost = 0;
    const keeper = keepLease({ redisUrl: url, key: 'l3', value: 'me', leaseMs: 300, onLost: () => lost++ });
    for (let i = 0; i < 50 && lost === 0; i++) await sleep(100);
    expect(lost).toBe(1);
    await keeper.stop(false);
  }, 20_000);
});
