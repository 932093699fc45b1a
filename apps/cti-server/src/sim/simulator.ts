import type { SimCallRequest } from '@octopus/contracts';
import type { Clock } from '../engine/clock';
import type { CallIngress, IngressEvent } from '../ingress/ingress';

export interface SimulatorOptions {
  /** Outbound calls are answered by the simulated callee after this long; null never answers. */
  outboundAnswerMs?: number | null;
  /** A surveyed or invited caller presses a rating after this long. */
  ratingDelayMs?: number;
  random?: () => number;
}

/**
 * The caller side in demo and test mode, as one client of the call ingress (the same interface a PBX
 * uses over HTTP): places calls, hangs up, answers outbound calls, presses ratings.
 */
export class Simulator {
  private readonly ratings = new Map<string, number>();
  private readonly outboundAnswerMs: number | null;
  private readonly ratingDelayMs: number;
  private readonly random: () => number;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ingress: CallIngress,
    private readonly clock: Clock,
    options: SimulatorOptions = {},
  ) {
    this.outboundAnswerMs = options.outboundAnswerMs === undefined ? 1500 : options.outboundAnswerMs;
    this.ratingDelayMs = options.ratingDelayMs ?? 1500;
    this.random = options.random ?? Math.random;
    this.unsubscribe = ingress.subscribe((event) => this.onEvent(event));
  }

  createCall(request: SimCallRequest): string {
    const { rating, ...call } = request;
    const callId = this.ingress.inbound(call);
    if (rating !== undefined) this.remember(callId, rating);
    return callId;
  }

  /** The caller presses keys (an interactive IVR session's answer), through the ingress as a PBX reports DTMF. */
  keys(callId: string, digits: string): boolean {
    return this.ingress.dtmf(callId, digits);
  }

  hangup(callId: string): boolean {
    return this.ingress.hangup(callId);
  }

  close(): void {
    this.unsubscribe();
  }

  private onEvent(event: IngressEvent): void {
    switch (event.type) {
      case 'dial':
        if (this.outboundAnswerMs !== null) this.clock.setTimeout(() => this.ingress.answered(event.callId), this.outboundAnswerMs);
        return;
      case 'survey':
      case 'rating-invite':
        this.pressRating(event.callId);
        return;
      default:
        // Ratings may still come after the end (invitation in wrap-up); the map is bounded instead.
        return;
    }
  }

  private pressRating(callId: string): void {
    const rating = this.ratings.get(callId) ?? 3 + Math.floor(this.random() * 3);
    this.clock.setTimeout(() => this.ingress.dtmf(callId, String(rating)), this.ratingDelayMs);
  }

  private remember(callId: string, rating: number): void {
    this.ratings.set(callId, rating);
    if (this.ratings.size > 5000) this.ratings.delete(this.ratings.keys().next().value!);
  }
}
