// Helpers of `pnpm bench:shift`: the slope of a series, and a V8 heap snapshot summarised by object kind.

/**
 * Least-squares slope of y over x (units of y per unit of x).
 * @returns NaN with fewer than two points or when every x is the same.
 */
export function leastSquaresSlope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

/** Count and self size (bytes) of the heap's objects per kind: "<node type>:<constructor or name>". */
export type HeapSummary = Map<string, { count: number; size: number }>;

interface HeapSnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/**
 * Summarises a V8 heap snapshot (the JSON of CDP HeapProfiler.takeHeapSnapshot) by object kind. Strings
 * and code are grouped by type only (their "name" is their content or source).
 */
export function summarizeHeapSnapshot(json: string): HeapSummary {
  const snapshot = JSON.parse(json) as HeapSnapshotJson;
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const summary: HeapSummary = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]!] ?? '?';
    const byTypeOnly = type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'number';
    const name = byTypeOnly ? '' : (snapshot.strings[snapshot.nodes[i + nameAt]!] ?? '').slice(0, 80);
    const key = `${type}:${name}`;
    const entry = summary.get(key) ?? { count: 0, size: 0 };
    entry.count += 1;
    entry.size += snapshot.nodes[i + sizeAt]!;
    summary.set(key, entry);
  }
  return summary;
}

/** The kinds that grew from `before` to `after`, largest growth first, per call over `calls` calls. */
export function diffHeapSummaries(before: HeapSummary, after: HeapSummary, calls: number, top = 60): string {
  const rows: Array<{ key: string; count: number; size: number }> = [];
  for (const [key, value] of after) {
    const old = before.get(key) ?? { count: 0, size: 0 };
    if (value.size > old.size || value.count > old.count) rows.push({ key, count: value.count - old.count, size: value.size - old.size });
  }
  rows.sort((a, b) => b.size - a.size);
  const per = Math.max(1, calls);
  return [
    `object kinds that grew over ${calls} calls (self size; per call)`,
    ...rows.slice(0, top).map((row) => `${String(row.size).padStart(10)} B ${(row.size / per).toFixed(0).padStart(7)} B/call ${String(row.count).padStart(7)} objects  ${row.key}`),
  ].join('\n');
}
