/**
 * The audio self-test: a generated 1 kHz tone through the selected output, left, then right,
 * then both, so a technician hears a swapped or dead channel. Web Audio only: no file to ship,
 * nothing fetched.
 */
const SECONDS_PER_PART = 1;

export async function playTestTone(): Promise<void> {
  const context = new AudioContext();
  try {
    await context.resume();
    const start = context.currentTime + 0.05;
    [-1, 1, 0].forEach((pan, i) => {
      const osc = context.createOscillator();
      osc.frequency.value = 1000;
      const gain = context.createGain();
      // Short fades: a tone switched on at full level clicks.
      const t0 = start + i * SECONDS_PER_PART;
      const t1 = t0 + SECONDS_PER_PART - 0.1;
      gain.gain.setValueAtTime(0, t0);
      gain.gain.linearRampToValueAtTime(0.3, t0 + 0.03);
      gain.gain.setValueAtTime(0.3, t1 - 0.03);
      gain.gain.linearRampToValueAtTime(0, t1);
      const panner = context.createStereoPanner();
      panner.pan.value = pan;
      osc.connect(gain).connect(panner).connect(context.destination);
      osc.start(t0);
      osc.stop(t1);
    });
    await new Promise((resolve) => setTimeout(resolve, (3 * SECONDS_PER_PART + 0.2) * 1000));
  } finally {
    await context.close();
  }
}
