/**
 * The game's sounds, synthesized with the Web Audio API: no audio files to ship or license. A lobby loop, a tick
 * for each of the last five seconds, a reveal sting (or right/wrong on a phone), a fanfare for the podium.
 *
 * Browsers let audio start only after the person has interacted with the page. The context is therefore created on
 * the first click, tap or key press (or at once when the page already had one, as after "Create game"), and cues
 * asked for before that are simply not played. Muting ramps the master gain to 0 and stops scheduling notes.
 *
 * Loaded with the host screen, and on a phone only when the player turns sound on (its own chunk).
 */

export type Cue = "tick" | "last-tick" | "reveal" | "right" | "wrong" | "fanfare" | "hello";

/** What the page exposes for checking that sound really plays (read-only; used by the browser tests). */
export interface SoundProbe {
  /** "none" before the first gesture, else the AudioContext's state ("running", "suspended", "closed"). */
  state: () => string;
  muted: () => boolean;
  /** The master gain's current value: 0 when muted. */
  gain: () => number;
  /** The cues played so far (the lobby loop counts as "loop" once each time it starts). */
  cues: () => string[];
  /** Loudness of what is being played right now (RMS of the master output, 0 to 1). */
  level: () => number;
}

declare global {
  interface Window {
    __triviaEdgeSound?: SoundProbe;
  }
}

const VOLUME = 0.6;
const LOOP_BPM = 104;
const LOOKAHEAD_S = 0.25;

/** Equal-tempered frequency of a MIDI note (69 = A4 = 440 Hz). */
function hz(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

interface Voice {
  type?: OscillatorType;
  gain?: number;
  attack?: number;
  /** Low-pass cutoff in Hz, for brassy or soft tones. */
  cutoff?: number;
}

/** I–vi–IV–V in C, one bar each: root, third and fifth as MIDI notes. */
const CHORDS: [number, number, number][] = [
  [60, 64, 67],
  [57, 60, 64],
  [53, 57, 60],
  [55, 59, 62],
];
/** Eighth-note arpeggio over a chord: indexes into [root, third, fifth], +12 for the octave above. */
const PATTERN = [0, 2, 12, 13, 14, 12, 1, 2];

export class Synth {
  private ctx: AudioContext | null = null;
  private master: GainNode | null = null;
  private analyser: AnalyserNode | null = null;
  private noise: AudioBuffer | null = null;
  private muted: boolean;
  private wantLoop = false;
  private loop: { timer: number; at: number; step: number } | null = null;
  private readonly played: string[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly onGesture = () => this.unlock();
  private readonly probe: SoundProbe;
  private whenRunning: (() => void) | null = null;

  constructor(muted: boolean) {
    this.muted = muted;
    this.probe = {
      state: () => this.ctx?.state ?? "none",
      muted: () => this.muted,
      gain: () => this.master?.gain.value ?? (this.muted ? 0 : VOLUME),
      cues: () => [...this.played],
      level: () => this.level(),
    };
    window.__triviaEdgeSound = this.probe;
    window.addEventListener("pointerdown", this.onGesture, true);
    window.addEventListener("keydown", this.onGesture, true);
    // A page reached by a click (the home screen's "Create game") may start sound straight away.
    if (navigator.userActivation?.hasBeenActive) this.unlock();
  }

  /** True while sound is wanted but the browser has not let it start yet (no click or key press so far). */
  get blocked(): boolean {
    return !this.muted && this.ctx?.state !== "running";
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Creates or resumes the audio context; browsers allow it in (or after) a user gesture. */
  unlock(): void {
    if (typeof AudioContext === "undefined") return;
    if (!this.ctx) {
      const ctx = new AudioContext();
      this.ctx = ctx;
      this.master = ctx.createGain();
      this.master.gain.value = this.muted ? 0 : VOLUME;
      this.analyser = ctx.createAnalyser();
      this.analyser.fftSize = 1024;
      this.master.connect(this.analyser).connect(ctx.destination);
      ctx.onstatechange = () => {
        if (ctx.state === "running") {
          this.release();
          const then = this.whenRunning;
          this.whenRunning = null;
          then?.();
        }
        this.syncLoop();
        this.changed();
      };
    }
    if (this.ctx.state === "suspended") void this.ctx.resume().catch(() => {});
    else if (this.ctx.state === "running") this.release();
    this.changed();
  }

  /** Stops listening for the unlocking gesture once sound runs. */
  private release(): void {
    window.removeEventListener("pointerdown", this.onGesture, true);
    window.removeEventListener("keydown", this.onGesture, true);
  }

  setMuted(muted: boolean): void {
    if (muted === this.muted) return;
    this.muted = muted;
    if (this.ctx && this.master) {
      this.master.gain.cancelScheduledValues(this.ctx.currentTime);
      this.master.gain.setTargetAtTime(muted ? 0 : VOLUME, this.ctx.currentTime, 0.03);
    }
    this.syncLoop();
    this.changed();
  }

  /** The lobby's music: on while `on`, unless muted or not yet allowed. */
  setLoop(on: boolean): void {
    this.wantLoop = on;
    this.syncLoop();
  }

  /**
   * Plays the cue as soon as sound runs: now if it does, else on the coming start (a context created in a click
   * takes a moment to start). Only the latest such cue waits; a cue must never sound long after its moment.
   */
  playWhenReady(cue: Cue): void {
    if (this.ready()) this.play(cue);
    else this.whenRunning = () => this.play(cue);
  }

  play(cue: Cue): void {
    const ctx = this.ready();
    if (!ctx) return;
    this.note(cue);
    const t = ctx.currentTime + 0.02;
    switch (cue) {
      case "tick":
        this.tone(hz(88), t, 0.06, { type: "sine", gain: 0.35 });
        break;
      case "last-tick":
        this.tone(hz(93), t, 0.16, { type: "sine", gain: 0.4 });
        break;
      case "hello":
        this.tone(hz(76), t, 0.18, { type: "triangle", gain: 0.3 });
        this.tone(hz(83), t + 0.09, 0.3, { type: "triangle", gain: 0.3 });
        break;
      case "reveal":
        this.tone(hz(48), t, 0.5, { type: "sine", gain: 0.35 });
        [76, 79, 84, 88].forEach((n, i) => {
          this.tone(hz(n), t + i * 0.07, 0.9, { type: "triangle", gain: 0.22 });
          this.tone(hz(n + 12), t + i * 0.07, 0.5, { type: "sine", gain: 0.06 });
        });
        break;
      case "right":
        [72, 76, 79, 84].forEach((n, i) => {
          this.tone(hz(n), t + i * 0.08, 0.5, { type: "triangle", gain: 0.28 });
        });
        break;
      case "wrong":
        this.tone(hz(55), t, 0.3, { type: "sawtooth", gain: 0.18, cutoff: 900 });
        this.tone(hz(51), t + 0.28, 0.5, { type: "sawtooth", gain: 0.18, cutoff: 700 });
        break;
      case "fanfare": {
        const brass = { type: "sawtooth" as const, gain: 0.16, cutoff: 2200, attack: 0.03 };
        for (let i = 0; i < 3; i++) this.tone(hz(67), t + i * 0.13, 0.12, brass);
        this.tone(hz(72), t + 0.4, 0.45, brass);
        this.tone(hz(76), t + 0.85, 0.3, brass);
        this.tone(hz(79), t + 1.15, 1.2, brass);
        for (const n of [60, 64, 67, 72]) this.tone(hz(n), t + 1.15, 1.4, { type: "triangle", gain: 0.1 });
        break;
      }
    }
  }

  /** Keeps the latest cues for the probe (a long game plays thousands of ticks; the list stays short). */
  private note(cue: string): void {
    this.played.push(cue);
    if (this.played.length > 100) this.played.shift();
  }

  /** Closes the context and forgets the page hooks. */
  dispose(): void {
    this.stopLoop();
    this.release();
    this.listeners.clear();
    void this.ctx?.close().catch(() => {});
    this.ctx = null;
    this.master = null;
    if (window.__triviaEdgeSound === this.probe) delete window.__triviaEdgeSound;
  }

  /** The running, unmuted context, or null when nothing should sound. */
  private ready(): AudioContext | null {
    return this.ctx && this.ctx.state === "running" && !this.muted && this.master ? this.ctx : null;
  }

  private tone(freq: number, at: number, duration: number, voice: Voice = {}): void {
    const ctx = this.ctx;
    if (!ctx || !this.master) return;
    const osc = ctx.createOscillator();
    osc.type = voice.type ?? "sine";
    osc.frequency.value = freq;
    const env = ctx.createGain();
    const peak = voice.gain ?? 0.2;
    const attack = voice.attack ?? 0.006;
    env.gain.setValueAtTime(0.0001, at);
    env.gain.exponentialRampToValueAtTime(peak, at + attack);
    env.gain.exponentialRampToValueAtTime(0.0001, at + duration);
    let out: AudioNode = osc;
    if (voice.cutoff) {
      const filter = ctx.createBiquadFilter();
      filter.type = "lowpass";
      filter.frequency.value = voice.cutoff;
      out = out.connect(filter);
    }
    out.connect(env).connect(this.master);
    osc.start(at);
    osc.stop(at + duration + 0.05);
  }

  /** A short burst of filtered noise: the loop's shaker. */
  private shake(at: number, gain: number): void {
    const ctx = this.ctx;
    if (!ctx || !this.master) return;
    if (!this.noise) {
      this.noise = ctx.createBuffer(1, Math.floor(ctx.sampleRate * 0.1), ctx.sampleRate);
      const data = this.noise.getChannelData(0);
      for (let i = 0; i < data.length; i++) data[i] = Math.random() * 2 - 1;
    }
    const src = ctx.createBufferSource();
    src.buffer = this.noise;
    const filter = ctx.createBiquadFilter();
    filter.type = "highpass";
    filter.frequency.value = 6000;
    const env = ctx.createGain();
    env.gain.setValueAtTime(gain, at);
    env.gain.exponentialRampToValueAtTime(0.0001, at + 0.06);
    src.connect(filter).connect(env).connect(this.master);
    src.start(at);
    src.stop(at + 0.08);
  }

  private syncLoop(): void {
    const ctx = this.ready();
    if (this.wantLoop && ctx) this.startLoop(ctx);
    else this.stopLoop();
  }

  /** A look-ahead scheduler: every 60 ms it books the notes of the next quarter second on the audio clock. */
  private startLoop(ctx: AudioContext): void {
    if (this.loop) return;
    this.note("loop");
    const eighth = 60 / LOOP_BPM / 2;
    const loop = { timer: 0, at: ctx.currentTime + 0.05, step: 0 };
    const book = () => {
      while (loop.at < ctx.currentTime + LOOKAHEAD_S) {
        const chord = CHORDS[Math.floor(loop.step / 8) % CHORDS.length] as [number, number, number];
        const i = loop.step % 8;
        const p = PATTERN[i] as number;
        const note = (chord[p % 12] as number) + (p >= 12 ? 12 : 0);
        this.tone(hz(note), loop.at, eighth * 1.6, { type: "triangle", gain: 0.09 });
        if (i === 0 || i === 4) this.tone(hz(chord[0] - 24), loop.at, eighth * 3, { type: "sine", gain: 0.22 });
        if (i % 2 === 1) this.shake(loop.at, 0.05);
        loop.at += eighth;
        loop.step++;
      }
    };
    book();
    loop.timer = window.setInterval(book, 60);
    this.loop = loop;
  }

  private stopLoop(): void {
    if (!this.loop) return;
    window.clearInterval(this.loop.timer);
    this.loop = null;
  }

  private level(): number {
    if (!this.analyser) return 0;
    const data = new Float32Array(this.analyser.fftSize);
    this.analyser.getFloatTimeDomainData(data);
    let sum = 0;
    for (const v of data) sum += v * v;
    return Math.sqrt(sum / data.length);
  }
}
