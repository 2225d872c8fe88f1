/**
 * The alarm center's sound: a short two-tone beep made with the Web Audio API (no audio files to serve or cache).
 * Browsers keep an AudioContext suspended until the page has had a user gesture; `unlockSound` is called on the first
 * click, and `soundBlocked` tells the page to say so.
 */
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  context = new Ctor();
  return context;
}

/** Resumes the audio context (call from a user gesture). */
export function unlockSound(): Promise<void> {
  return audio()?.resume() ?? Promise.resolve();
}

/** True while the browser still refuses to play (no gesture on this page yet). */
export function soundBlocked(): boolean {
  const c = audio();
  return !c || c.state !== "running";
}

/** Two 0.18 s tones at 880 Hz, with soft edges so that they do not click. Returns whether it could be scheduled. */
export function beep(): boolean {
  const c = audio();
  if (!c) return false;
  if (c.state === "suspended") void c.resume();
  const start = c.currentTime + 0.02;
  for (const offset of [0, 0.28]) {
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.type = "square";
    osc.frequency.value = 880;
    const t0 = start + offset;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.25, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.18);
    osc.connect(gain).connect(c.destination);
    osc.start(t0);
    osc.stop(t0 + 0.2);
  }
  return true;
}
