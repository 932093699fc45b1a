// @octopus/telephony: the framework-agnostic telephony client (no React here; see ./react).
// Layout (docs/adr/0014-telephony-client-layout.md): reducer.ts (state and the one reducer) → store.ts
// (small vanilla zustand store) → client.ts (owns store, actions and driver); drivers/ (the CTI
// WebSocket driver; the simulated one is exported only by `@octopus/telephony/testing`); voice.ts (media).
// An explicit list: what is not named here is internal.
export { TelephonyClient, type TelephonyClientOptions } from './client';
export { createTelephonyStore, type TelephonyStore } from './store';
export { ENDED_CALLS_KEPT, type CallMap, type TelephonyAction, type TelephonyCall, type TelephonyState } from './reducer';
export { createPhoneActions, type PhoneActions } from './actions';
export {
  CommandError,
  type CommandErrorReason,
  type CommandOptions,
  type ConnectionEnd,
  type ConnectionEndReason,
  type ConnectionStatus,
  type DriverSink,
  type TelephonyDriver,
} from './driver';
export { createCtiDriver } from './drivers/cti';
export type { CtiDriver, CtiDriverOptions, CtiDriverStats, WebSocketConstructor, WebSocketLike } from './drivers/cti-types';
export { chooseAudioDevice, consultMediaKey, startVoicePhone, transferUri, type SipRequest, type VoiceConfigAnswer, type VoicePhoneOptions, type VoiceSession, type VoiceUserAgent } from './voice';
export { VOICE_OFF, type AudioDevice, type CallMedia, type MicrophoneStatus, type VoiceState, type VoiceStatus } from './voice-state';
