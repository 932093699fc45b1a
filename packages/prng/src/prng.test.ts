import { Prng } from './prng';

describe('Prng (mulberry32)', () => {
  it('repeats for a seed', () => {
    const a = new Prng(1);
    const b = new Prng(1);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('is mulberry32: the first outputs for seed 20261121 (the demo seed) are pinned, so checked-in data stays reproducible', () => {
    const rng = new Prng(20261121);
    expect(Array.from({ length: 3 }, () => rng.next() * 2 ** 32)).toEqual([2969524423, 1512158564, 2312278096]);
  });

  it('draws integers within bounds, digits, weights and picks', () => {
    const rng = new Prng(7);
    for (let i = 0; i < 200; i++) {
      const n = rng.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
    expect(rng.digits(6)).toMatch(/^\d{6}$/);
    expect(rng.weighted([['a', 0], ['b', 1]] as const)).toBe('b');
    expect(['x', 'y']).toContain(rng.pick(['x', 'y']));
    expect(() => rng.pick([])).toThrow('pick from an empty list');
  });
});
