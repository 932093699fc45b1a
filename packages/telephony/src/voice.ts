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
  terminate(options?: { status_code?: number; extraHeaders?: string[] }): void;
  hold(): boolean;
  unhold(): boolean;
  mute(): void;
  unmute(): void;
  isEnded(): boolean;
  /**
   * Asks the far end to call `target` instead (SIP REFER; a transfer, docs/adr/0017). `eventHandlers`:
   * `accepted` (its NOTIFY said 2xx), `failed` (a final failure), `requestFailed` (REFER refused).
   */
  refer(target: string, options: { eventHandlers: Partial<Record<'accepted' | 'failed' | 'requestFailed', (data: unknown) => void>> }): unknown;
  on(event: 'accepted' | 'confirmed' | 'ended' | 'failed' | 'peerconnection', listener: (data: unknown) => void): void;
}

/** The slice of a JsSIP UA the phone uses. */
export interface VoiceUserAgent {
  start(): void;
  stop(): void;
  /** Places an outgoing session (a consultation: `sip:consult-<callId>@<domain>`); handlers are attached before it starts. */
  call(
    target: string,
    options: {
      mediaConstraints: MediaStreamConstraints;
      pcConfig?: RTCConfiguration;
      eventHandlers: Partial<Record<'peerconnection' | 'confirmed' | 'ended' | 'failed', (data: unknown) => void>>;
    },
  ): VoiceSession;
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

/**
 * The media key of a consultation's session for `callId` (`state.voice.media`): the consulting agent's
 * browser calls the consulted one; the caller's own session is keyed by the call id alone.
 */
export function consultMediaKey(callId: string): string {
  return `${callId}/consult`;
}

/** The SIP URI a transferring agent's browser refers the caller to (Kamailio asks the engine who has the call now). */
export function transferUri(callId: string, domain: string): string {
  return `sip:xfer-${callId}@${domain}`;
}

/**
 * The caller goes on after this agent's part ended: handed on by a transfer (`transferred`), or left with
 * the colleagues of a conference. Then the caller's SIP session is referred, not hung up.
 */
function handedOn(call: TelephonyCall | undefined, me: string | undefined): boolean {
  if (!call) return false;
  return call.endReason === 'transferred' || (call.endReason !== 'customer-hangup' && call.participants.some((p) => p !== me));
}

/** The colleague this agent's browser should be talking to on `call`: the consulted one, or a conference's other agent it hosts. */
function colleagueOf(call: TelephonyCall | undefined, me: string | undefined): string | null {
  if (!call || over(call) || call.role !== 'owner') return null;
  if (call.consult) return call.consult.agentId;
  return call.participants.find((p) => p !== me) ?? null;
}

interface Leg {
  /** `callId` for the caller's session, {@link consultMediaKey} for a consultation's. */
  key: string;
  callId: string;
  kind: 'caller' | 'consult';
  /** This browser placed it (the consulting agent's side of a consultation). */
  outgoing: boolean;
  session: VoiceSession;
  audio: HTMLAudioElement | null;
  levelTimer: ReturnType<typeof setInterval> | null;
  /** A REFER is out: the session ends when it is answered (or after a timeout). */
  referring: boolean;
  /** The microphone track this session sent before a conference mix replaced it. */
  micTrack?: MediaStreamTrack | null;
}

/** A conference this browser hosts: its caller and colleague sessions each receive the microphone plus the other's audio. */
interface Mix {
  callId: string;
  context: AudioContext;
  micGain: GainNode;
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
  let domain = '';
  let mix: Mix | null = null;
  /** The colleague each call's consultation was placed to (call id → agent id). */
  const colleagueCalled = new Map<string, string>();

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
    if (legs.get(leg.key) === leg) {
      legs.delete(leg.key);
      dropMedia(leg.key);
    }
    if (mix && mix.callId === leg.callId) unmix();
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
        const media = voice().media[leg.key];
        if (!media) return;
        setMedia(leg.key, { inboundLevel: inbound, microphoneLevel: microphone, ...(inbound > 0 && media.firstAudioAt === null && { firstAudioAt: now() }) });
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

  const constraints = (): MediaStreamConstraints => {
    const input = voice().inputDeviceId;
    return { audio: { ...audio, ...(input && { deviceId: { exact: input } }) }, video: false };
  };

  /** Hands the caller on: REFER to `xfer-<callId>`, then the session ends (answered, refused, or after 8 s). */
  const refer = (leg: Leg) => {
    leg.referring = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const finish = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (!leg.session.isEnded()) leg.session.terminate();
      release(leg);
    };
    timer = setTimeout(finish, 8000);
    try {
      leg.session.refer(transferUri(leg.callId, domain), { eventHandlers: { accepted: finish, failed: finish, requestFailed: finish } });
    } catch {
      finish();
    }
  };

  /** The consulting agent's browser calls the consulted colleague (Kamailio asks the engine who it is). */
  const callColleague = (callId: string) => {
    if (!ua) return;
    const key = consultMediaKey(callId);
    let leg: Leg | null = null;
    const session = ua.call(`sip:consult-${callId}@${domain}`, {
      mediaConstraints: constraints(),
      pcConfig: { iceServers },
      eventHandlers: {
        peerconnection: (data) => {
          if (leg) playRemote(leg, (data as { peerconnection: RTCPeerConnection }).peerconnection);
        },
      },
    });
    leg = { key, callId, kind: 'consult', outgoing: true, session, audio: (options.createAudioElement ?? defaultAudioElement)(), levelTimer: null, referring: false };
    // JsSIP creates the peer connection inside call(): catch its track if the handler ran first.
    if (session.connection) playRemote(leg, session.connection);
    track(leg, 'answering');
  };

  /** Whether `leg` should stop listening to the caller (held: the caller hears music; the consulted agent only hears its colleague). */
  const silentFor = (leg: Leg, call: TelephonyCall) => (leg.kind === 'consult' ? call.muted : call.muted || call.held);

  /** Brings every SIP session in line with what the store says about its call. */
  const reconcile = () => {
    const { calls } = store.getState();
    const me = store.getState().agent?.id;
    for (const leg of [...legs.values()]) {
      const call = calls.get(leg.callId);
      const media = voice().media[leg.key];
      if (!media || leg.referring) continue;
      const colleague = colleagueOf(call, me);
      if (over(call) || (leg.kind === 'consult' && leg.outgoing && !colleague)) {
        if (leg.kind === 'caller' && media.state === 'connected' && !leg.session.isEnded() && handedOn(call, me)) {
          refer(leg);
          continue;
        }
        // Handed to the survey: this BYE stops at Kamailio, which keeps the caller's side up for the prompt.
        const survey = leg.kind === 'caller' && media.state === 'connected' && call?.endReason === 'survey';
        if (!leg.session.isEnded()) leg.session.terminate(media.state === 'ringing' ? { status_code: 480 } : survey ? { extraHeaders: ['X-Octopus-Handoff: survey'] } : undefined);
        release(leg);
        continue;
      }
      if (media.state === 'ringing' && taken(call)) {
        setMedia(leg.key, { state: 'answering' });
        leg.session.answer({ mediaConstraints: constraints(), pcConfig: { iceServers } });
        continue;
      }
      if (media.state !== 'connected' || !call) continue;
      // While held the microphone is off too. The hold itself is the media anchor's (rtpengine, told by
      // the cti-server): the caller hears music, this browser nothing; no re-INVITE, so the caller's
      // phone keeps its stream. In a conference this browser hosts, the mix mutes the microphone instead
      // (muting the session would silence the colleague's audio the caller hears through it).
      const silent = silentFor(leg, call);
      const mixing = mix?.callId === leg.callId;
      const sessionMuted = mixing ? false : silent;
      if (sessionMuted !== (media.muted || media.held)) {
        if (sessionMuted) leg.session.mute();
        else leg.session.unmute();
      }
      const held = leg.kind === 'caller' && call.held;
      if ((mixing ? false : call.muted) !== media.muted || held !== media.held) setMedia(leg.key, { muted: mixing ? false : call.muted, held });
    }
    // The consulting agent calls its colleague once the engine names one (once per colleague: a refused
    // INVITE is not retried in a loop).
    for (const call of calls.values()) {
      const colleague = colleagueOf(call, me);
      if (!colleague) {
        colleagueCalled.delete(call.id);
        continue;
      }
      if (colleagueCalled.get(call.id) === colleague || legs.get(call.id)?.kind !== 'caller' || legs.has(consultMediaKey(call.id))) continue;
      colleagueCalled.set(call.id, colleague);
      callColleague(call.id);
    }
    reconcileMix();
  };

  /**
   * A conference this browser hosts (docs/adr/0017): rtpengine 10.5 mixes nothing, so the host's browser
   * does, as a phone's three-way call would — the caller's session sends the microphone plus the
   * colleague's audio, the colleague's sends the microphone plus the caller's (WebAudio, replaceTrack).
   */
  const reconcileMix = () => {
    const { calls } = store.getState();
    const me = store.getState().agent?.id;
    const call = mix ? calls.get(mix.callId) : undefined;
    if (mix) {
      const stillMixing = call && !call.consult && !call.held && colleagueOf(call, me) && connected(mix.callId) && connected(consultMediaKey(mix.callId));
      if (!stillMixing) unmix();
      else mix.micGain.gain.value = call.muted ? 0 : 1;
    }
    if (mix || typeof AudioContext === 'undefined') return;
    for (const candidate of calls.values()) {
      if (candidate.consult || candidate.held || !colleagueOf(candidate, me)) continue;
      if (!connected(candidate.id) || !connected(consultMediaKey(candidate.id))) continue;
      startMix(candidate.id, candidate.muted);
      break;
    }
  };

  const connected = (key: string) => voice().media[key]?.state === 'connected' && !!legs.get(key)?.session.connection;

  const startMix = (callId: string, muted: boolean) => {
    const callerLeg = legs.get(callId)!;
    const colleagueLeg = legs.get(consultMediaKey(callId))!;
    const callerPc = callerLeg.session.connection!;
    const colleaguePc = colleagueLeg.session.connection!;
    const callerSender = callerPc.getSenders().find((s) => s.track?.kind === 'audio');
    const colleagueSender = colleaguePc.getSenders().find((s) => s.track?.kind === 'audio');
    const callerIn = callerPc.getReceivers().find((r) => r.track.kind === 'audio')?.track;
    const colleagueIn = colleaguePc.getReceivers().find((r) => r.track.kind === 'audio')?.track;
    if (!callerSender?.track || !colleagueSender || !callerIn || !colleagueIn) return;
    const context = new AudioContext();
    void context.resume().catch(() => undefined);
    const micGain = context.createGain();
    micGain.gain.value = muted ? 0 : 1;
    callerLeg.micTrack = callerSender.track;
    colleagueLeg.micTrack = colleagueSender.track;
    context.createMediaStreamSource(new MediaStream([callerSender.track])).connect(micGain);
    const toCaller = context.createMediaStreamDestination();
    const toColleague = context.createMediaStreamDestination();
    micGain.connect(toCaller);
    micGain.connect(toColleague);
    context.createMediaStreamSource(new MediaStream([colleagueIn])).connect(toCaller);
    context.createMediaStreamSource(new MediaStream([callerIn])).connect(toColleague);
    mix = { callId, context, micGain };
    // The sessions' own mute is off while mixing: the microphone's gain is the mute.
    callerLeg.session.unmute();
    colleagueLeg.session.unmute();
    void callerSender.replaceTrack(toCaller.stream.getAudioTracks()[0]!).catch(() => undefined);
    void colleagueSender.replaceTrack(toColleague.stream.getAudioTracks()[0]!).catch(() => undefined);
    setVoice({ mixing: callId });
  };

  const unmix = () => {
    const current = mix;
    if (!current) return;
    mix = null;
    for (const key of [current.callId, consultMediaKey(current.callId)]) {
      const leg = legs.get(key);
      const sender = leg?.session.connection?.getSenders().find((s) => s.track?.kind === 'audio');
      if (leg?.micTrack && sender && !leg.session.isEnded()) void sender.replaceTrack(leg.micTrack).catch(() => undefined);
      if (leg) leg.micTrack = null;
    }
    void current.context.close().catch(() => undefined);
    setVoice({ mixing: null });
    // The sessions' mute follows the store again.
    queueMicrotask(reconcile);
  };

  /** A new session's media entry and its end. */
  const track = (leg: Leg, state: CallMedia['state']) => {
    legs.set(leg.key, leg);
    setVoice({ media: { ...voice().media, [leg.key]: { state, muted: false, held: false, inboundLevel: 0, microphoneLevel: 0, invitedAt: now(), firstAudioAt: null } } });
    leg.session.on('confirmed', () => {
      setMedia(leg.key, { state: 'connected' });
      leg.levelTimer = setInterval(() => sampleLevels(leg), levelIntervalMs);
      reconcile();
    });
    const end = () => {
      release(leg);
      reconcile();
    };
    leg.session.on('ended', end);
    leg.session.on('failed', end);
  };

  const onSession = (session: VoiceSession, request: SipRequest) => {
    const callId = request.getHeader('X-Octopus-Call-Id');
    const kind = request.getHeader('X-Octopus-Leg') === 'consult' ? 'consult' : 'caller';
    const key = callId && (kind === 'consult' ? consultMediaKey(callId) : callId);
    // Only calls the cti-server routed to this agent carry the header (Kamailio adds it).
    if (!callId || !key || legs.has(key)) {
      session.terminate({ status_code: 486 });
      return;
    }
    const leg: Leg = { key, callId, kind, outgoing: false, session, audio: (options.createAudioElement ?? defaultAudioElement)(), levelTimer: null, referring: false };
    session.on('peerconnection', (data) => playRemote(leg, (data as { peerconnection: RTCPeerConnection }).peerconnection));
    track(leg, 'ringing');
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
      domain = config.domain;
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
