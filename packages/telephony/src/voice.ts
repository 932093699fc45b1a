// The media part of the softphone (docs/adr/0012-voice-path.md): a SIP user agent in the agent's browser,
// registered over WebSocket at Kamailio while this tab holds the phone. It never decides a call's fate:
// it follows the store (the cti-server's decisions) — answers the SIP session of a call once the store
// says this agent took it, holds/mutes as the store says, hangs up when the agent's part ends — and
// reports audio state back into the same store (`state.voice`).
import type { TelephonyCall } from './reducer';
import type { TelephonyStore } from './store';

import type { CallMedia, VoiceState } from './voice-state';

/** What `GET /voice/config` answers (docs/protocol.md §13a). */
export type VoiceConfigAnswer =
  | { enabled: false }
  | {
      enabled: true;
      /** Kamailio's SIP-over-WebSocket URL (`wss://…`). */
      wsUrl: string;
      /** The SIP domain. */
      domain: string;
      /** This agent's SIP URI (`sip:<agent>@<domain>`). */
      uri: string;
      /** SIP digest user and its (per-session) password. */
      authorizationUser: string;
      password: string;
      /** False turns the browser's echo cancellation, noise suppression and auto gain off (measured test audio). Default true. */
      audioProcessing?: boolean;
      /**
       * STUN/TURN servers for the browser's ICE. Default none: rtpengine is the only ICE peer and is
       * reachable at its configured address; JsSIP's default public STUN server would stall every
       * (re-)offer on a closed network until its gathering times out.
       */
      iceServers?: RTCIceServer[];
    };

/** The incoming INVITE (JsSIP's IncomingRequest). */
export interface SipRequest {
  getHeader(name: string): string | undefined;
}

/** The slice of a JsSIP RTCSession the phone uses (a seam for tests). */
export interface VoiceSession {
  readonly connection: RTCPeerConnection | null | undefined;
  answer(options: { mediaConstraints: MediaStreamConstraints; pcConfig?: RTCConfiguration }): void;
  terminate(options?: { status_code?: number }): void;
  hold(): boolean;
  unhold(): boolean;
  mute(): void;
  unmute(): void;
  isEnded(): boolean;
  on(event: 'accepted' | 'confirmed' | 'ended' | 'failed' | 'peerconnection', listener: (data: unknown) => void): void;
}

/** The slice of a JsSIP UA the phone uses. */
export interface VoiceUserAgent {
  start(): void;
  stop(): void;
  on(event: 'registered' | 'unregistered' | 'registrationFailed' | 'disconnected', listener: (data: unknown) => void): void;
  on(event: 'newRTCSession', listener: (data: { originator: string; session: VoiceSession; request: SipRequest }) => void): void;
}

/** How `startVoicePhone` reaches the cti-server, builds its SIP user agent and plays audio (every field but `fetchConfig` has a default). */
export interface VoicePhoneOptions {
  /** `GET /voice/config` with the agent's token. */
  fetchConfig: () => Promise<VoiceConfigAnswer>;
  /** Builds the SIP user agent (default: JsSIP over its WebSocket interface, loaded on demand). */
  createUserAgent?: (config: Extract<VoiceConfigAnswer, { enabled: true }>) => Promise<VoiceUserAgent>;
  /**
   * Audio capture constraints. Default: the browser's voice processing on (echo cancellation, noise
   * suppression, auto gain). Measured test audio turns them off (voice-notes: they attenuate a tone by ~20 dB).
   */
  audio?: MediaTrackConstraints;
  /** Where remote audio plays (default: a detached `<audio autoplay>` element per call). */
  createAudioElement?: () => HTMLAudioElement | null;
  /** getStats sampling for levels, ms (default 250). */
  levelIntervalMs?: number;
  now?: () => number;
}

async function jssipUserAgent(config: Extract<VoiceConfigAnswer, { enabled: true }>): Promise<VoiceUserAgent> {
  // Loaded on demand: deployments without voice never download the SIP stack.
  const JsSIP = await import('jssip');
  const socket = new JsSIP.WebSocketInterface(config.wsUrl);
  const ua = new JsSIP.UA({
    sockets: [socket],
    uri: config.uri,
    authorization_user: config.authorizationUser,
    password: config.password,
    realm: config.domain,
    register: true,
    register_expires: 300,
    session_timers: false,
    user_agent: 'Octopus',
  });
  return ua as unknown as VoiceUserAgent;
}

/** The agent took the call (its view is past ringing and not over). */
function taken(call: TelephonyCall | undefined): boolean {
  return !!call && (call.state === 'talking' || call.state === 'held' || call.state === 'consulting' || call.state === 'transferring');
}

function over(call: TelephonyCall | undefined): boolean {
  return !call || call.state === 'wrap-up' || call.state === 'ended';
}

interface Leg {
  callId: string;
  session: VoiceSession;
  audio: HTMLAudioElement | null;
  levelTimer: ReturnType<typeof setInterval> | null;
}

/**
 * Runs the media part for one logged-in agent on `store`. Returns the stop function (unregisters,
 * hangs up every session, sets `voice` back to off). Throws nothing: a config that cannot be fetched
 * leaves voice `off`; a refused registration or microphone shows as `voice.status: 'failed'` with
 * `voice.reason`, or `voice.microphone: 'blocked' | 'missing'`.
 */
export function startVoicePhone(store: TelephonyStore, options: VoicePhoneOptions): () => void {
  const now = options.now ?? Date.now;
  const levelIntervalMs = options.levelIntervalMs ?? 250;
  const legs = new Map<string, Leg>();
  let ua: VoiceUserAgent | null = null;
  let stopped = false;
  let starting = false;
  let audio: MediaTrackConstraints = options.audio ?? {};
  let iceServers: RTCIceServer[] = [];

  const voice = (): VoiceState => store.getState().voice;
  const setVoice = (patch: Partial<VoiceState>) => store.dispatch({ type: 'voice', voice: patch });
  const setMedia = (callId: string, patch: Partial<CallMedia>) => {
    const current = voice().media[callId];
    if (!current) return;
    setVoice({ media: { ...voice().media, [callId]: { ...current, ...patch } } });
  };
  const dropMedia = (callId: string) => {
    const { [callId]: _gone, ...rest } = voice().media;
    setVoice({ media: rest });
  };

  const release = (leg: Leg) => {
    if (leg.levelTimer) clearInterval(leg.levelTimer);
    leg.levelTimer = null;
    if (leg.audio) leg.audio.srcObject = null;
    legs.delete(leg.callId);
    dropMedia(leg.callId);
  };

  const sampleLevels = (leg: Leg) => {
    const pc = leg.session.connection;
    if (!pc) return;
    pc.getStats().then(
      (stats) => {
        let inbound = 0;
        let microphone = 0;
        stats.forEach((s: { type: string; kind?: string; audioLevel?: number }) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') inbound = s.audioLevel ?? 0;
          if (s.type === 'media-source' && s.kind === 'audio') microphone = s.audioLevel ?? 0;
        });
        const media = voice().media[leg.callId];
        if (!media) return;
        setMedia(leg.callId, { inboundLevel: inbound, microphoneLevel: microphone, ...(inbound > 0 && media.firstAudioAt === null && { firstAudioAt: now() }) });
      },
      () => undefined,
    );
  };

  const playRemote = (leg: Leg, pc: RTCPeerConnection) => {
    pc.addEventListener('track', (event: RTCTrackEvent) => {
      if (!leg.audio) return;
      leg.audio.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      const sink = voice().outputDeviceId;
      const withSink = leg.audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
      if (sink && withSink.setSinkId) void withSink.setSinkId(sink).catch(() => undefined);
      void leg.audio.play().catch(() => undefined);
    });
  };

  /** Brings every SIP session in line with what the store says about its call. */
  const reconcile = () => {
    const { calls } = store.getState();
    for (const leg of [...legs.values()]) {
      const call = calls.get(leg.callId);
      const media = voice().media[leg.callId];
      if (!media) continue;
      if (over(call)) {
        if (!leg.session.isEnded()) leg.session.terminate(media.state === 'ringing' ? { status_code: 480 } : undefined);
        release(leg);
        continue;
      }
      if (media.state === 'ringing' && taken(call)) {
        setMedia(leg.callId, { state: 'answering' });
        const input = voice().inputDeviceId;
        leg.session.answer({ mediaConstraints: { audio: { ...audio, ...(input && { deviceId: { exact: input } }) }, video: false }, pcConfig: { iceServers } });
        continue;
      }
      if (media.state !== 'connected' || !call) continue;
      // While held the microphone is off too. The hold itself is the media anchor's (rtpengine, told by
      // the cti-server): the caller hears music, this browser nothing; no re-INVITE, so the caller's
      // phone keeps its stream.
      const silent = call.muted || call.held;
      if (silent !== (media.muted || media.held)) {
        if (silent) leg.session.mute();
        else leg.session.unmute();
      }
      if (call.muted !== media.muted || call.held !== media.held) setMedia(leg.callId, { muted: call.muted, held: call.held });
    }
  };

  const onSession = (session: VoiceSession, request: SipRequest) => {
    const callId = request.getHeader('X-Octopus-Call-Id');
    // Only calls the cti-server routed to this agent carry the header (Kamailio adds it).
    if (!callId || legs.has(callId)) {
      session.terminate({ status_code: 486 });
      return;
    }
    const leg: Leg = { callId, session, audio: (options.createAudioElement ?? defaultAudioElement)(), levelTimer: null };
    legs.set(callId, leg);
    setVoice({ media: { ...voice().media, [callId]: { state: 'ringing', muted: false, held: false, inboundLevel: 0, microphoneLevel: 0, invitedAt: now(), firstAudioAt: null } } });
    session.on('peerconnection', (data) => playRemote(leg, (data as { peerconnection: RTCPeerConnection }).peerconnection));
    session.on('confirmed', () => {
      setMedia(callId, { state: 'connected' });
      leg.levelTimer = setInterval(() => sampleLevels(leg), levelIntervalMs);
      reconcile();
    });
    const end = () => {
      if (legs.get(callId) === leg) release(leg);
    };
    session.on('ended', end);
    session.on('failed', end);
    reconcile();
  };

  const askMicrophone = async () => {
    const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!media?.getUserMedia) return setVoice({ microphone: 'missing' });
    try {
      const stream = await media.getUserMedia({ audio });
      stream.getTracks().forEach((t) => t.stop());
      setVoice({ microphone: 'granted' });
    } catch (error) {
      const name = (error as { name?: string }).name;
      setVoice({ microphone: name === 'NotFoundError' || name === 'OverconstrainedError' ? 'missing' : 'blocked' });
    }
    try {
      const devices = await media.enumerateDevices();
      const list = (kind: MediaDeviceKind) => devices.filter((d) => d.kind === kind).map((d, i) => ({ id: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
      setVoice({ inputs: list('audioinput'), outputs: list('audiooutput') });
    } catch {
      // no device list: the defaults are used
    }
  };

  const register = async () => {
    if (ua || starting || stopped) return;
    starting = true;
    try {
      let config: VoiceConfigAnswer;
      try {
        config = await options.fetchConfig();
      } catch {
        // Cannot tell: the phone works without audio, as in a deployment without voice.
        return setVoice({ status: 'off', reason: 'voice configuration unavailable' });
      }
      if (stopped) return;
      if (!config.enabled) return setVoice({ status: 'off', reason: null });
      if (!options.audio && config.audioProcessing === false) audio = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };
      iceServers = config.iceServers ?? [];
      setVoice({ status: 'connecting', reason: null });
      void askMicrophone();
      const agent = await (options.createUserAgent ?? jssipUserAgent)(config);
      if (stopped) return;
      ua = agent;
      agent.on('registered', () => setVoice({ status: 'registered', reason: null }));
      agent.on('registrationFailed', (data) => setVoice({ status: 'failed', reason: String((data as { cause?: string }).cause ?? 'registration failed') }));
      agent.on('disconnected', () => {
        if (!stopped) setVoice({ status: 'connecting' });
      });
      agent.on('newRTCSession', ({ originator, session, request }) => {
        if (originator === 'remote') onSession(session, request);
      });
      agent.start();
    } catch (error) {
      setVoice({ status: 'failed', reason: (error as Error).message.slice(0, 200) });
    } finally {
      starting = false;
    }
  };

  const unregister = () => {
    for (const leg of [...legs.values()]) {
      if (!leg.session.isEnded()) leg.session.terminate();
      release(leg);
    }
    // JsSIP's stop() unregisters and closes the socket: no registration is left behind.
    ua?.stop();
    ua = null;
  };

  // Register while this tab holds the phone (one contact per agent: the phone's tab rings).
  const follow = () => {
    const phone = store.getState().session?.phone ?? false;
    if (phone) void register();
    else if (ua) {
      unregister();
      setVoice({ status: 'off' });
    }
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.calls !== previous.calls) reconcile();
    if (state.session !== previous.session) follow();
  });
  follow();

  return () => {
    stopped = true;
    unsubscribe();
    unregister();
    store.dispatch({ type: 'voice-off' });
  };
}

function defaultAudioElement(): HTMLAudioElement | null {
  if (typeof document === 'undefined') return null;
  const audio = document.createElement('audio');
  audio.autoplay = true;
  return audio;
}

/** The agent picked a microphone or speaker; used for the next answered call (output: at once). */
export function chooseAudioDevice(store: TelephonyStore, kind: 'input' | 'output', deviceId: string): void {
  store.dispatch({ type: 'voice', voice: kind === 'input' ? { inputDeviceId: deviceId } : { outputDeviceId: deviceId } });
}
