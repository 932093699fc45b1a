// Small pieces the bench's processes share (importing them runs no process's main).
import { performance } from 'node:perf_hooks';

/** Absolute high-resolution time (ms), comparable between processes. */
export const nowAbs = (): number => performance.timeOrigin + performance.now();

/** Bench agent ids `B00000`…: five digits so 10,000+ agents sort and print alike. */
export function benchAgentId(i: number): string {
  return `B${String(i).padStart(5, '0')}`;
}
