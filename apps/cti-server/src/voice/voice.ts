import { createHash } from 'node:crypto';
import type { VoiceConfigResponse } from '@octopus/contracts';
import type { CallControlView } from '../engine/engine';
import type { CallIngress, IngressEvent } from '../ingress/ingress';

/**
 * The voice path's settings (docs/adr/0012-voice-path.md), from the one deployment configuration
 * (`pnpm voice:start` writes them; `pnpm start` passes them as `CTI_VOICE_*`).
 */
export interface VoiceSettings {
  /** SIP-over-WebSocket URL the agents' browsers register at (`ws://127.0.0.1:5066`). */
  wsUrl: string;
  /** SIP domain and digest realm (`octopus.local`). */
  domain: string;
  /** Kamailio's JSON-RPC URL (loopback), used to end dialogs the engine hangs up; null = none. */
  rpcUrl: string | null;
  /** The deployment's SIP secret (≥ 32 characters); each agent's password is derived from it. */
  sipSecret: string;
  /** False: browsers capture without echo cancellation, noise suppression, auto gain (measured test audio). Default true. */
  audioProcessing?: boolean;
  /** rtpengine's NG control address (`127.0.0.1:2223`) for music on hold; null/absent = the held caller hears silence. */
  ngAddress?: string | null;
  /** The music on hold, a WAV rtpengine reads (`pnpm voice:start` makes it with sox). Needed with `ngAddress`. */
  holdMusic?: string | null;
  /** The survey's prompt rtpengine plays to a caller handed to the survey (`pnpm voice:start` makes it); null/absent = silence. */
  surveyPrompt?: string | null;
  /** Where rtpengine's DTMF log (`--dtmf-log-dest`) is received (`127.0.0.1:2224`); with `ngAddress` and `promptDir` the IVR runs on the media path. */
  dtmfListen?: string | null;
  /** Where the IVR's prompt files are made (WAVs rtpengine reads; `pnpm voice:start` passes `<dir>/run/prompts`). */
  promptDir?: string | null;
}

/** What the agent's browser needs to register (`GET /voice/config`; `voiceConfigResponseSchema` of contracts). */
export type AgentVoiceConfig = Extract<VoiceConfigResponse, { enabled: true }>;

/**
 * An agent's SIP password: hex(sha256(`<secret>:<agentId>`)), 64 characters. Kamailio derives the same
 * value in its config (deploy/voice/kamailio.cfg, route AUTH), so no password list exists anywhere.
 * Agent ids are digits only, so no two ids can share a prefix-extended hash input.
 */
export function sipPassword(secret: string, agentId: string): string {
  return createHash('sha256').update(`${secret}:${agentId}`).digest('hex');
}

export function agentVoiceConfig(settings: VoiceSettings, agentId: string): AgentVoiceConfig {
  return {
    enabled: true,
    wsUrl: settings.wsUrl,
    domain: settings.domain,
    uri: `sip:${agentId}@${settings.domain}`,
    authorizationUser: agentId,
    password: sipPassword(settings.sipSecret, agentId),
    audioProcessing: settings.audioProcessing ?? true,
  };
}

/** What Kamailio does next with a waiting INVITE: ring `agentId`, ask again, or end it. */
export type RingDecision = { kind: 'ring'; agentId: string } | { kind: 'wait' } | { kind: 'end' };

/** The SIP dialog carrying a call (reported by Kamailio once it is confirmed). */
export interface SipDialog {
  sipCallId: string;
  fromTag: string;
  toTag: string;
}

/** Media the engine decides on an answered call's dialog (rtpengine: `rtpengineMediaControl`). Must not throw. */
export interface MediaControl {
  /** The caller hears the music and nothing of the agent; the agent hears nothing. */
  hold(dialog: SipDialog): Promise<void>;
  /** Back to both ways. */
  resume(dialog: SipDialog): Promise<void>;
  /**
   * The agent handed the caller to the satisfaction survey (docs/adr/0017): the agent's side is silent
   * (its browser left without ending the caller's SIP dialog) and the caller hears the survey's prompt.
   */
  survey(dialog: SipDialog): Promise<void>;
  /** The call is over and its dialog was ended by Kamailio itself (no BYE passed its routes): rtpengine forgets the call. */
  release(dialog: SipDialog): Promise<void>;
}

/** Ends SIP dialogs on Kamailio (its JSON-RPC `dlg.terminate_dlg`). Must not throw. */
export interface DialogControl {
  terminate(dialog: SipDialog): Promise<void>;
  /** Sends BYE to the caller only (the agent's browser already left: a survey handoff, docs/adr/0017). */
  byeCaller(dialog: SipDialog): Promise<void>;
}

/**
 * `dlg.terminate_dlg` over Kamailio's JSON-RPC (jsonrpcs + xhttp on a loopback port), only for a dialog
 * still confirmed or early (`dlg.dlg_list` state < 5): terminating one already ended (state 5, kept until
 * its last transaction is gone) left it listed with a reference that was never released.
 */
export function kamailioDialogControl(rpcUrl: string, log: (m: string) => void = () => undefined): DialogControl {
  const rpc = async (method: string, params: string[]) => {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }),
      signal: AbortSignal.timeout(3000),
    });
    return (await response.json()) as { result?: unknown; error?: { message?: string } };
  };
  return {
    async terminate(dialog) {
      try {
        const listed = await rpc('dlg.dlg_list', [dialog.sipCallId, dialog.fromTag]);
        const entries = Array.isArray(listed.result) ? (listed.result as Array<{ state?: number }>) : listed.result ? [listed.result as { state?: number }] : [];
        if (!entries.some((d) => typeof d.state === 'number' && d.state < 5)) return;
        const body = await rpc('dlg.terminate_dlg', [dialog.sipCallId, dialog.fromTag, dialog.toTag]);
        // "not found": the dialog ended on its own first (a BYE crossed the engine's hang-up).
        if (body.error && !/not found|couldn'?t find/i.test(body.error.message ?? '')) log(`kamailio refused dlg.terminate_dlg: ${body.error.message ?? 'error'}`);
      } catch (error) {
        log(`kamailio unreachable for dlg.terminate_dlg: ${(error as Error).name}`);
      }
    },
    async byeCaller(dialog) {
      // deploy/voice/kamailio.cfg serves it next to /RPC; ids outside its path pattern fall back to terminate.
      const ok = /^[A-Za-z0-9_.@:-]+$/.test(dialog.sipCallId) && [dialog.fromTag, dialog.toTag].every((t) => /^[A-Za-z0-9_.:-]+$/.test(t));
      if (!ok) return this.terminate(dialog);
      try {
        const response = await fetch(`${rpcUrl.replace(/\/RPC$/, '')}/octopus/bye-caller/${dialog.sipCallId}/${dialog.fromTag}/${dialog.toTag}`, { signal: AbortSignal.timeout(3000) });
        if (!response.ok && response.status !== 404) log(`kamailio refused the caller's BYE: ${response.status}`);
      } catch (error) {
        log(`kamailio unreachable for the caller's BYE: ${(error as Error).name}`);
      }
    },
  };
}

/** Which SIP leg Kamailio asks about: the caller's (`caller`, default) or a consultation's (`consult`), and who placed its INVITE. */
export interface RingQuery {
  leg?: 'caller' | 'consult';
  /**
   * Who sent the INVITE: for a referred caller (`xfer-<callId>`, docs/adr/0017) the calling number, which
   * must be the call's; for a consultation the consulting agent, who must own the call. Absent: not checked
   * (a new call, whose number the engine took from this INVITE).
   */
  from?: string;
}

function ringTarget(view: CallControlView | undefined, skip: ReadonlySet<string>, query: RingQuery = {}): RingDecision | null {
  if (!view || view.phase === 'ended') return { kind: 'end' };
  if (query.leg === 'consult') {
    if (view.ownerId !== query.from) return { kind: 'end' };
    // The consulted colleague, ringing in the workbench or already talking (a conference keeps the leg).
    const colleague = view.legs.find((l) => (l.role === 'consult-target' || l.role === 'conference') && (l.status === 'ringing' || l.status === 'active'));
    return colleague ? { kind: 'ring', agentId: colleague.agentId } : { kind: 'end' };
  }
  if (query.from !== undefined && query.from !== view.number) return { kind: 'end' };
  // An agent whose leg rings, or who already answered through the workbench before SIP got there.
  const leg =
    view.legs.find((l) => l.status === 'ringing' && !skip.has(l.agentId)) ??
    view.legs.find((l) => l.status === 'active' && l.role === 'owner' && !skip.has(l.agentId));
  return leg ? { kind: 'ring', agentId: leg.agentId } : null;
}

/**
 * The SIP side of the call ingress: Kamailio long-polls `ring` for each INVITE it holds (which agent's
 * browser to ring), reports the confirmed dialog, and gets the dialog ended when the engine ends the
 * call (an agent's hang-up, a supervisor, a timeout) — the engine decides every call's fate.
 */
export class VoiceBridge {
  private readonly dialogs = new Map<string, SipDialog>();
  /** Calls whose caller hears music now (the engine's `held`, applied to the media). */
  private readonly held = new Set<string>();
  /** Calls handed to the survey: their agent's BYE stopped at Kamailio, so the end must free rtpengine too. */
  private readonly surveyed = new Set<string>();
  private readonly unsubscribe: () => void;
  /** NG commands run one after another per call (a survey right after a resume must not interleave with it). */
  private readonly mediaQueue = new Map<string, Promise<void>>();

  constructor(
    private readonly ingress: CallIngress,
    private readonly control: DialogControl | null,
    private readonly media: MediaControl | null = null,
    /**
     * How long an ended call's dialog is left to end by itself before Kamailio is told to end it, ms
     * (default 1500). The agent's browser sends its own BYE as the store says the call is over; a
     * `dlg.terminate_dlg` crossing it left the dialog listed (state deleted, a reference held), and
     * Kamailio's BYE towards a browser's GRUU contact cannot be routed anyway. So it is the fallback
     * for a browser that is gone.
     */
    private readonly endGraceMs = 1500,
  ) {
    this.unsubscribe = ingress.subscribe((event) => this.onEvent(event));
  }

  /**
   * Resolves as soon as the engine rings an agent not in `skip` (or has connected one), or ends the
   * call; `wait` after `waitMs` (the caller asks again). Calls the ingress never saw end at once.
   * `query.leg: 'consult'` answers at once with the consulted colleague (or `end`); `query.from` that is
   * not the call's number (caller) or owner (consult) is `end`: a referred INVITE cannot take another call.
   */
  ring(callId: string, waitMs: number, skip: ReadonlySet<string> = new Set(), query: RingQuery = {}): Promise<RingDecision> {
    const now = ringTarget(this.ingress.view(callId), skip, query);
    if (now || waitMs <= 0) return Promise.resolve(now ?? { kind: 'wait' });
    return new Promise((resolve) => {
      const done = (decision: RingDecision) => {
        clearTimeout(timer);
        stop();
        resolve(decision);
      };
      const timer = setTimeout(() => done({ kind: 'wait' }), waitMs);
      const stop = this.ingress.subscribe((event) => {
        if (event.type === 'call' && event.call.callId === callId) {
          const decision = ringTarget(event.call, skip, query);
          if (decision) done(decision);
        } else if (event.type === 'ended' && event.callId === callId) done({ kind: 'end' });
      });
    });
  }

  /** Kamailio confirmed the dialog of `callId`. False when the call is over (then it is ended at once). */
  dialogConfirmed(callId: string, dialog: SipDialog): boolean {
    const view = this.ingress.view(callId);
    if (!view || view.phase === 'ended') {
      void this.control?.terminate(dialog);
      return false;
    }
    this.dialogs.set(callId, dialog);
    this.applyHold(callId, view.held);
    return true;
  }

  /** The dialog kept for `callId`, if any (tests, status). */
  dialogOf(callId: string): SipDialog | undefined {
    return this.dialogs.get(callId);
  }

  close(): void {
    this.unsubscribe();
  }

  private onEvent(event: IngressEvent): void {
    if (event.type === 'call' && event.call.phase !== 'ended') return this.applyHold(event.call.callId, event.call.held);
    if (event.type === 'survey') {
      const dialog = this.dialogs.get(event.callId);
      const media = this.media;
      if (dialog && media) {
        this.surveyed.add(event.callId);
        this.queueMedia(event.callId, () => media.survey(dialog));
      }
      return;
    }
    if (event.type !== 'ended') return;
    this.held.delete(event.callId);
    this.mediaQueue.delete(event.callId);
    const surveyed = this.surveyed.delete(event.callId);
    const dialog = this.dialogs.get(event.callId);
    if (!dialog) return;
    this.dialogs.delete(event.callId);
    const control = this.control;
    if (!control) return;
    const media = this.media;
    // After a survey the agent's browser is gone: only the caller gets a BYE, and rtpengine (which no BYE
    // through Kamailio's routes told) forgets the call.
    const timer = setTimeout(() => {
      if (!surveyed) return void control.terminate(dialog);
      void control.byeCaller(dialog).then(() => media?.release(dialog));
    }, this.endGraceMs);
    timer.unref?.();
  }

  /** The engine's hold, on the media: music towards the caller and silence towards the agent while held. */
  private applyHold(callId: string, held: boolean): void {
    const dialog = this.dialogs.get(callId);
    if (!dialog || !this.media || held === this.held.has(callId)) return;
    const media = this.media;
    if (held) {
      this.held.add(callId);
      this.queueMedia(callId, () => media.hold(dialog));
    } else {
      this.held.delete(callId);
      this.queueMedia(callId, () => media.resume(dialog));
    }
  }

  private queueMedia(callId: string, run: () => Promise<void>): void {
    const next = (this.mediaQueue.get(callId) ?? Promise.resolve()).then(run, run);
    this.mediaQueue.set(callId, next);
  }
}
