import type { NumberSegmentTable } from '../engine/segments';
import type { Simulator } from './simulator';
import type { CtiEngine } from '../engine/engine';

export interface TrafficOptions {
  /** Mean gap between calls; a few calls a minute by default. */
  meanGapMs?: number;
  random?: () => number;
  log?: (message: string) => void;
}

/** Demo traffic: random callers from real number segments, some verifying, who hang up after a while. */
export function startTraffic(engine: CtiEngine, simulator: Simulator, segments: NumberSegmentTable, options: TrafficOptions = {}): () => void {
  const random = options.random ?? Math.random;
  const mean = options.meanGapMs ?? 20_000;
  const prefixes = segments.segmentPrefixes();
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, ms);
    t.unref();
    timers.add(t);
  };
  const next = () => {
    later(() => {
      const prefix = prefixes[Math.floor(random() * prefixes.length)] ?? '1380013';
      const from = prefix + String(Math.floor(random() * 10000)).padStart(4, '0');
      const keys = String(1 + Math.floor(random() * 3));
      const verify = random() < 0.4 ? from : undefined;
      const callId = simulator.createCall({ from, keys, ...(verify ? { verify } : {}) });
      options.log?.(`traffic: call ${callId} (keys ${keys}${verify ? ', verifying' : ''})`);
      // Callers hang up after 1–4 minutes unless the agent did first.
      later(() => {
        const status = engine.callStatus(callId);
        if (status && status.phase !== 'ended') simulator.hangup(callId);
      }, 60_000 + random() * 180_000);
      next();
    }, mean * (0.5 + random()));
  };
  next();
  return () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
  };
}
