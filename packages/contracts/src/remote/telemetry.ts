import { z } from 'zod';
import { remoteNameSchema } from './registry';

/**
 * One remote load as the shell saw it: which remote and release (`version`, `track` stable|canary),
 * the outcome, the stage it failed at (`manifest`, `entry`, `module`, `contract`, `timeout`,
 * `render`, `unregistered`; absent when ok) and how long it took (ms, 0–600 000).
 */
export const remoteLoadReportSchema = z.object({
  remote: remoteNameSchema,
  version: z.string().min(1).max(64),
  track: z.enum(['stable', 'canary']).default('stable'),
  outcome: z.enum(['ok', 'failed']),
  stage: z.enum(['unregistered', 'manifest', 'entry', 'module', 'contract', 'timeout', 'render']).optional(),
  durationMs: z.number().min(0).max(600_000),
});
export type RemoteLoadReport = z.infer<typeof remoteLoadReportSchema>;

/** `POST /telemetry/remote-loads` body: 1–50 loads at a time. */
export const remoteLoadBatchSchema = z.object({ loads: z.array(remoteLoadReportSchema).min(1).max(50) });
export type RemoteLoadBatch = z.infer<typeof remoteLoadBatchSchema>;

/** `GET /telemetry/remote-loads/summary?windowMinutes=60` (1–10 080, default 60) query. */
export const remoteLoadSummaryQuerySchema = z.object({ windowMinutes: z.coerce.number().int().min(1).max(10_080).default(60) });

/** `GET /telemetry/remote-loads/summary` → 200: rows as `RemoteLoadSummaryRow` over the last `windowMinutes`. */
export const remoteLoadSummarySchema = z.object({
  windowMinutes: z.number(),
  rows: z.array(
    z.object({
      remote: z.string(),
      version: z.string(),
      track: z.enum(['stable', 'canary']),
      loads: z.number(),
      failures: z.number(),
      successRate: z.number(),
      p95Ms: z.number().nullable(),
    }),
  ),
});

/** Per remote, release and track over the window: loads, failures, success rate (0–1) and p95 load time (ms, of successful loads; null when none). */
export interface RemoteLoadSummaryRow {
  remote: string;
  version: string;
  track: 'stable' | 'canary';
  loads: number;
  failures: number;
  successRate: number;
  p95Ms: number | null;
}
/** `GET /telemetry/remote-loads/summary` → 200 (the type of `remoteLoadSummarySchema`). */
export interface RemoteLoadSummary {
  windowMinutes: number;
  rows: RemoteLoadSummaryRow[];
}
