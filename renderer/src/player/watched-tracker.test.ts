import { describe, expect, it } from 'vitest';
import { MAX_STEP_SECONDS, mergeRanges, WatchedTracker } from './watched-tracker.js';

/** Feeds timeupdates every 250 ms of wall time from media time `from` to `to`. */
function play(t: WatchedTracker, from: number, to: number, clock: { ms: number }): void {
  for (let s = from; s <= to + 1e-9; s += 0.25) {
    t.playedTo(s, clock.ms);
    clock.ms += 250;
  }
}

describe('WatchedTracker', () => {
  it('records continuous playback as one range and its wall time', () => {
    const t = new WatchedTracker();
    const clock = { ms: 1000 };
    play(t, 0, 10, clock);
    expect(t.take(clock.ms)).toEqual({ ranges: [[0, 10]], elapsedMs: 10_250 });
  });

  it('breaks the range at a seek, so skipped time is not counted', () => {
    const t = new WatchedTracker();
    const clock = { ms: 0 };
    play(t, 0, 5, clock);
    t.interrupt(); // seeking
    play(t, 35, 40, clock);
    expect(t.take(clock.ms).ranges).toEqual([
      [0, 5],
      [35, 40],
    ]);
  });

  it('treats a jump without a seek event as a break, and a rewind as a new range', () => {
    const t = new WatchedTracker();
    const clock = { ms: 0 };
    play(t, 0, 4, clock);
    t.playedTo(4 + MAX_STEP_SECONDS + 0.5, clock.ms); // jumped ahead: starts an empty range
    play(t, 8, 9, clock); // and jumped again
    t.playedTo(20, clock.ms); // one frame far ahead, then back: no range there
    play(t, 12, 13, clock); // went back
    expect(t.take(clock.ms).ranges).toEqual([
      [0, 4],
      [8, 9],
      [12, 13],
    ]);
  });

  it('hands over stretches: a range still playing continues in the next stretch', () => {
    const t = new WatchedTracker();
    const clock = { ms: 0 };
    play(t, 0, 15, clock);
    const first = t.take(clock.ms);
    play(t, 15.25, 30, clock);
    const second = t.take(clock.ms);
    expect(first.ranges).toEqual([[0, 15]]);
    expect(second.ranges).toEqual([[15, 30]]);
    expect(second.elapsedMs).toBe(15_000);
  });

  it('gives nothing, and no elapsed time, when nothing was shown', () => {
    const t = new WatchedTracker();
    expect(t.take(5000)).toEqual({ ranges: [], elapsedMs: 0 });
    t.playedTo(12, 6000); // one frame: no range yet
    t.interrupt();
    expect(t.take(7000)).toEqual({ ranges: [], elapsedMs: 0 });
    t.playedTo(Number.NaN, 7000);
    t.playedTo(-1, 7000);
    expect(t.take(8000).ranges).toEqual([]);
  });

  it('does not count a pause in the next stretch’s wall time', () => {
    const t = new WatchedTracker();
    const clock = { ms: 0 };
    play(t, 0, 5, clock);
    t.interrupt(); // paused
    t.take(clock.ms);
    clock.ms += 600_000; // ten minutes on pause
    play(t, 5, 10, clock);
    expect(t.take(clock.ms)).toEqual({ ranges: [[5, 10]], elapsedMs: 5_250 });
  });
});

describe('mergeRanges', () => {
  it.each([
    [[], []],
    [[[3, 3]], []],
    [
      [
        [5, 8],
        [0, 2],
        [1, 5],
      ],
      [[0, 8]],
    ],
    [
      [
        [0, 1],
        [2, 3],
      ],
      [
        [0, 1],
        [2, 3],
      ],
    ],
  ] as [number, number][][][])('%j → %j', (input, expected) => {
    expect(mergeRanges(input as [number, number][])).toEqual(expected);
  });
});
