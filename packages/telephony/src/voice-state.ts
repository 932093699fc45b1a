// The store's audio state (`state.voice`): its own file so the store and the SIP user agent that
// reports into it (voice.ts) do not import each other.

/** `off`: the deployment has no voice (or not fetched yet); `connecting`: registering; `failed`: see `reason`. */
export type VoiceStatus = 'off' | 'connecting' | 'registered' | 'failed';
/** `unknown` until asked; `blocked`: the browser or the agent refused it; `missing`: no input device. */
export type MicrophoneStatus = 'unknown' | 'granted' | 'blocked' | 'missing';

/** One call's media in this browser. */
export interface CallMedia {
  /** `ringing`: the SIP INVITE is here, not answered; `connected`: audio flows (unless held). */
  state: 'ringing' | 'answering' | 'connected' | 'ended';
  muted: boolean;
  held: boolean;
  /** Caller's audio level arriving here, 0–1 (getStats `inbound-rtp` audioLevel), sampled every `levelIntervalMs`. */
  inboundLevel: number;
  /** This microphone's level, 0–1 (getStats `media-source` audioLevel). */
  microphoneLevel: number;
  /** Epoch ms the SIP INVITE arrived, and the first inbound audio was seen (null before). */
  invitedAt: number;
  firstAudioAt: number | null;
}

/** A microphone or speaker as `navigator.mediaDevices.enumerateDevices()` lists it. */
export interface AudioDevice {
  /** The browser's `deviceId`. */
  id: string;
  /** The browser's label (empty until microphone permission is granted). */
  label: string;
}

/** The media part's state in the store (`state.voice`); {@link VOICE_OFF} until voice starts. */
export interface VoiceState {
  status: VoiceStatus;
  /** Why `failed` (a short technical reason), else null. */
  reason: string | null;
  microphone: MicrophoneStatus;
  inputs: AudioDevice[];
  outputs: AudioDevice[];
  /** Chosen devices ('' = the system default). */
  inputDeviceId: string;
  outputDeviceId: string;
  /**
   * Media by Octopus call id (the SIP INVITE's `X-Octopus-Call-Id`) for the caller's audio, and by
   * `<callId>/consult` (`consultMediaKey`) for a consultation between two agents' browsers; entries go
   * when their media ends.
   */
  media: Record<string, CallMedia>;
  /** The call whose conference this browser mixes now (docs/adr/0017), or null. */
  mixing: string | null;
}

/** No voice: off, nothing known, no devices, no media (the initial `state.voice`, and after stop). */
export const VOICE_OFF: VoiceState = {
  status: 'off',
  reason: null,
  microphone: 'unknown',
  inputs: [],
  outputs: [],
  inputDeviceId: '',
  outputDeviceId: '',
  media: {},
  mixing: null,
};
