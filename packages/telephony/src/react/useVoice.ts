import type { CallMedia, VoiceState } from '../voice-state';
import { useTelephony } from './useTelephony';

/** The media part's registration, microphone and device state (the same object until it changes). */
export function useVoice(): VoiceState {
  return useTelephony((state) => state.voice);
}

/** One call's media in this browser (audio levels change every 250 ms while it is connected), or null. */
export function useCallMedia(callId: string | null): CallMedia | null {
  return useTelephony((state) => (callId ? (state.voice.media[callId] ?? null) : null));
}
