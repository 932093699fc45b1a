import { diffHeapSummaries, leastSquaresSlope, summarizeHeapSnapshot } from './heap';

describe('leastSquaresSlope', () => {
  it('is the per-call growth of a noisy linear series, and 0 for a flat one', () => {
    const leak = Array.from({ length: 20 }, (_, i) => [100 + i * 50, 1_000_000 + (100 + i * 50) * 1536 + (i % 2 ? 4000 : -4000)] as const);
    expect(leastSquaresSlope(leak)).toBeCloseTo(1536, -1);
    expect(leastSquaresSlope(leak.map(([x]) => [x, 5_000_000] as const))).toBe(0);
    expect(leastSquaresSlope([[1, 2]])).toBeNaN();
  });
});

describe('summarizeHeapSnapshot / diffHeapSummaries', () => {
  const snapshot = (objects: Array<[type: number, name: number, size: number]>) =>
    JSON.stringify({
      snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'], node_types: [['hidden', 'object', 'string']] } },
      nodes: objects.flatMap(([type, name, size], id) => [type, name, id, size, 0]),
      strings: ['Query', 'Notice', 'some text'],
    });

  it('groups objects by kind and lists what grew, per call', () => {
    const before = summarizeHeapSnapshot(snapshot([[1, 0, 80], [1, 1, 40], [2, 2, 30]]));
    const after = summarizeHeapSnapshot(snapshot([[1, 0, 80], [1, 0, 80], [1, 0, 80], [1, 1, 40], [2, 2, 30]]));
    expect(before.get('object:Query')).toEqual({ count: 1, size: 80 });
    const text = diffHeapSummaries(before, after, 2);
    expect(text).toContain('object:Query');
    expect(text).toMatch(/160 B\s+80 B\/call\s+2 objects/);
    expect(text).not.toContain('object:Notice');
  });
});
