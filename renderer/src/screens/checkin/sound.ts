/**
 * Short tones for check-in feedback, made with Web Audio: no sound file to ship or fetch. A room
 * of people hears that the check-in worked without looking at the screen.
 */
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    return context;
  } catch {
    return null; // no audio device: the screen still shows the ✓
  }
}

function tone(
  ctx: AudioContext,
  frequency: number,
  start: number,
  seconds: number,
  type: OscillatorType,
) {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.value = frequency;
  // A quick fade in and out: a bare square edge clicks.
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.35, start + 0.015);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + seconds);
  osc.connect(gain).connect(ctx.destination);
  osc.start(start);
  osc.stop(start + seconds + 0.02);
}

/** Two rising notes: done. */
export function playSuccess(): void {
  const ctx = audio();
  if (!ctx) return;
  const t = ctx.currentTime;
  tone(ctx, 880, t, 0.12, 'sine');
  tone(ctx, 1320, t + 0.12, 0.18, 'sine');
}

/** One low note: not done, read the screen. */
export function playError(): void {
  const ctx = audio();
  if (!ctx) return;
  tone(ctx, 220, ctx.currentTime, 0.3, 'triangle');
}
