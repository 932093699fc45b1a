/** The slice of the Web Audio API the ringtone uses (an AudioContext; a fake in tests). */
export interface RingtoneAudio {
  readonly currentTime: number;
  readonly state: string;
  readonly destination: unknown;
  resume(): Promise<void>;
  createOscillator(): { type: string; frequency: { value: number }; connect(node: unknown): unknown; start(at?: number): void; stop(at?: number): void };
  createGain(): {
    gain: { value: number; setValueAtTime(value: number, at: number): unknown; linearRampToValueAtTime(value: number, at: number): unknown };
    connect(node: unknown): unknown;
    disconnect(): void;
  };
}

export interface Ringtone {
  /** Starts ringing (idempotent): a 440 + 480 Hz pair, 0.4 s on, 0.2 s off, 0.4 s on, then 2 s quiet, repeated. */
  start(): void;
  stop(): void;
  readonly playing: boolean;
}

/** Seconds of one ring cycle: two 0.4 s bursts 0.2 s apart, then quiet until 3 s. */
const CYCLE_S = 3;
const BURSTS: ReadonlyArray<[number, number]> = [
  [0, 0.4],
  [0.6, 1.0],
];
/** Loudness of the ringtone (0–1): clearly audible over a headset without startling. */
const VOLUME = 0.18;

/**
 * A ringtone synthesised with Web Audio (no audio file to load or cache). `createAudio` is called on the
 * first ring, after the agent has interacted with the page (login), so the browser allows sound. Each
 * cycle is scheduled ahead on the audio clock; a timer schedules the next one.
 */
export function createRingtone(createAudio: () => RingtoneAudio | null): Ringtone {
  let audio: RingtoneAudio | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let gain: ReturnType<RingtoneAudio['createGain']> | null = null;
  let oscillators: Array<ReturnType<RingtoneAudio['createOscillator']>> = [];
  let playing = false;

  const cycle = () => {
    if (!audio || !gain) return;
    const t0 = audio.currentTime + 0.05;
    for (const [from, to] of BURSTS) {
      gain.gain.setValueAtTime(0, t0 + from);
      gain.gain.linearRampToValueAtTime(VOLUME, t0 + from + 0.02);
      gain.gain.setValueAtTime(VOLUME, t0 + to - 0.02);
      gain.gain.linearRampToValueAtTime(0, t0 + to);
    }
    timer = setTimeout(cycle, CYCLE_S * 1000);
  };

  return {
    get playing() {
      return playing;
    },
    start() {
      if (playing) return;
      try {
        audio ??= createAudio();
      } catch {
        audio = null;
      }
      if (!audio) return;
      playing = true;
      if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
      gain = audio.createGain();
      gain.gain.value = 0;
      gain.connect(audio.destination);
      oscillators = [440, 480].map((hz) => {
        const osc = audio!.createOscillator();
        osc.type = 'sine';
        osc.frequency.value = hz;
        osc.connect(gain);
        osc.start();
        return osc;
      });
      cycle();
    },
    stop() {
      if (!playing) return;
      playing = false;
      if (timer) clearTimeout(timer);
      timer = null;
      for (const osc of oscillators) {
        try {
          osc.stop();
        } catch {
          // already stopped
        }
      }
      oscillators = [];
      gain?.disconnect();
      gain = null;
    },
  };
}

/** The browser's AudioContext, or null where there is none. */
export function browserAudio(): RingtoneAudio | null {
  const Ctor = (globalThis as { AudioContext?: new () => RingtoneAudio }).AudioContext;
  return Ctor ? new Ctor() : null;
}
