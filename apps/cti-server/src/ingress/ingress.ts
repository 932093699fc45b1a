import type { CallControlView, CtiEngine, InboundCallRequest } from '../engine/engine';
import type { IvrPrompt } from '@octopus/contracts';
import type { CallerNetwork } from '../engine/ports';

/**
 * What the telephone network (a PBX or a vendor platform) is told to do, in order, each with a growing
 * `seq` (resume with `Last-Event-ID`):
 * - `call`: the whole call-control view after every change (ring the agents whose legs ring, bridge the
 *   active ones to the caller unless `held`, hang up when `phase` is `ended`);
 * - `dial`: place an outbound call to `number` for call `callId` (report the answer with `POST …/answer`);
 * - `survey`: put the caller into the satisfaction survey (report the key with `POST …/dtmf`);
 * - `rating-invite`: play the rating invitation after the agent hangs up;
 * - `ivr-prompt`: play the caller this prompt of its interactive IVR session (answer with `POST …/dtmf`);
 * - `ended`: the call is over on every side.
 */
export type IngressEvent =
  | { seq: number; type: 'call'; call: CallControlView }
  | { seq: number; type: 'dial'; callId: string; number: string }
  | { seq: number; type: 'survey'; callId: string }
  | { seq: number; type: 'rating-invite'; callId: string }
  | { seq: number; type: 'ivr-prompt'; callId: string; prompt: IvrPrompt }
  | { seq: number; type: 'ended'; callId: string };

type Unsequenced<T> = T extends unknown ? Omit<T, 'seq'> : never;

export interface IngressOptions {
  /** Events kept for resuming subscribers (`Last-Event-ID`). Default 10,000. */
  keep?: number;
}

/**
 * The call ingress: the one way calls enter and leave the engine on the network side. A PBX reaches it
 * over HTTP (`/ingress/*`, see docs/protocol.md §13); the simulator is an in-process client of the same
 * methods and events.
 */
export class CallIngress implements CallerNetwork {
  private seq = 0;
  private readonly recent: IngressEvent[] = [];
  private readonly keep: number;
  private readonly listeners = new Set<(event: IngressEvent) => void>();
  /** The latest call-control view of each live call (a call leaves when it ends). */
  private readonly views = new Map<string, CallControlView>();

  constructor(
    private readonly engine: CtiEngine,
    options: IngressOptions = {},
  ) {
    this.keep = options.keep ?? 10_000;
    engine.setNetwork(this);
    engine.setCallObserver((call) => this.emit({ type: 'call', call }));
  }

  /** A call arrived (caller's number, IVR keys, optional verification input). Returns the engine's call id. */
  inbound(request: InboundCallRequest): string {
    return this.engine.inboundCall(request);
  }

  /** The caller (or outbound callee) hung up. False when there is no such live call. */
  hangup(callId: string): boolean {
    return this.engine.callerHangup(callId);
  }

  /** The callee of an outbound call answered. */
  answered(callId: string): boolean {
    return this.engine.calleeAnswered(callId);
  }

  /**
   * Keys the caller pressed. In the survey or after a rating invitation, a digit 1–5 is the rating;
   * in an interactive IVR session they answer its prompts; otherwise they are ignored. Returns whether they were used.
   */
  dtmf(callId: string, digits: string): boolean {
    // A caller in an interactive IVR session answers its prompts.
    if (this.engine.ivrKeys(callId, digits)) return true;
    const digit = Number(digits.charAt(0));
    if (!Number.isInteger(digit) || digit < 1 || digit > 5) return false;
    return this.engine.callerRated(callId, digit);
  }

  /** Subscribes to events after `afterSeq` (the ones still kept are replayed first). Returns the unsubscribe. */
  subscribe(listener: (event: IngressEvent) => void, afterSeq = this.seq): () => void {
    for (const e of this.recent) if (e.seq > afterSeq) listener(e);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The latest call-control view of a live call; undefined once it ended (or when never seen). */
  view(callId: string): CallControlView | undefined {
    return this.views.get(callId);
  }

  get lastSeq(): number {
    return this.seq;
  }

  dialOut(callId: string, number: string): void {
    this.emit({ type: 'dial', callId, number });
  }

  surveyStarted(callId: string): void {
    this.emit({ type: 'survey', callId });
  }

  ratingInvited(callId: string): void {
    this.emit({ type: 'rating-invite', callId });
  }

  ivrPrompt(callId: string, prompt: IvrPrompt): void {
    this.emit({ type: 'ivr-prompt', callId, prompt });
  }

  callEnded(callId: string): void {
    this.emit({ type: 'ended', callId });
  }

  private emit(event: Unsequenced<IngressEvent>): void {
    const e = { ...event, seq: ++this.seq } as IngressEvent;
    if (e.type === 'call') {
      if (e.call.phase === 'ended') this.views.delete(e.call.callId);
      else this.views.set(e.call.callId, e.call);
    } else if (e.type === 'ended') this.views.delete(e.callId);
    this.recent.push(e);
    if (this.recent.length > this.keep) this.recent.splice(0, this.recent.length - this.keep);
    for (const l of this.listeners) l(e);
  }
}
