import type { SimCallRequest } from '@octopus/contracts';
import type { Clock } from '../engine/clock';
import type { CtiEngine } from '../engine/engine';
import type { CallerNetwork } from '../engine/ports';

export interface SimulatorOptions {
  /** Outbound calls are answered by the simulated callee after this long; null never answers. */
  outboundAnswerMs?: number | null;
  /** A surveyed or invited caller presses a rating after this long. */
  ratingDelayMs?: number;
  random?: () => number;
}

/** The caller side in demo and test mode: places calls, hangs up, answers outbound calls, presses ratings. */
export class Simulator implements CallerNetwork {
  private readonly ratings = new Map<string, number>();
  private readonly outboundAnswerMs: number | null;
  private readonly ratingDelayMs: number;
  private readonly random: () => number;

  constructor(
    private readonly engine: CtiEngine,
    private readonly clock: Clock,
    options: SimulatorOptions = {},
  ) {
    this.outboundAnswerMs = options.outboundAnswerMs === undefined ? 1500 : options.outboundAnswerMs;
    this.ratingDelayMs = options.ratingDelayMs ?? 1500;
    this.random = options.random ?? Math.random;
  }

  createCall(request: SimCallRequest): string {
    const callId = this.engine.inboundCall(request);
    if (request.rating !== undefined) this.remember(callId, request.rating);
    return callId;
  }

  hangup(callId: string): boolean {
    return this.engine.callerHangup(callId);
  }

  dialOut(callId: string): void {
    if (this.outboundAnswerMs === null) return;
    this.clock.setTimeout(() => this.engine.calleeAnswered(callId), this.outboundAnswerMs);
  }

  surveyStarted(callId: string): void {
    this.pressRating(callId);
  }

  ratingInvited(callId: string): void {
    this.pressRating(callId);
  }

  callEnded(): void {
    // Ratings may still come after the end (invitation in wrap-up); the map is bounded instead.
  }

  private pressRating(callId: string): void {
    const rating = this.ratings.get(callId) ?? 3 + Math.floor(this.random() * 3);
    this.clock.setTimeout(() => this.engine.callerRated(callId, rating), this.ratingDelayMs);
  }

  private remember(callId: string, rating: number): void {
    this.ratings.set(callId, rating);
    if (this.ratings.size > 5000) this.ratings.delete(this.ratings.keys().next().value!);
  }
}
