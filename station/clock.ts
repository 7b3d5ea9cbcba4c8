/**
 * Time is an input: rules take `now` as an argument and only the outermost adapters read the
 * system clock, through this interface, so tests (and a faked clock) can drive every rule.
 */
export interface Clock {
  now(): Date;
}

/**
 * STATION_FAKE_NOW=2000-01-01T00:00:00Z makes the system clock of this process start at that
 * instant and run on from there (by the monotonic clock), as a terminal whose RTC battery died
 * would. Read here and nowhere else; it exists so a real `station` process can be tested under a
 * wrong clock (see station/time/trusted-time.ts).
 */
export const FAKE_NOW_ENV = 'STATION_FAKE_NOW';

let fakeStart: { wall: number; mono: number } | null | undefined;

function fakeNow(): number | null {
  if (fakeStart === undefined) {
    const text = process.env[FAKE_NOW_ENV];
    if (!text) {
      fakeStart = null;
    } else {
      const wall = Date.parse(text);
      if (!Number.isFinite(wall)) throw new Error(`${FAKE_NOW_ENV}="${text}" is not a date`);
      fakeStart = { wall, mono: performance.now() };
    }
  }
  return fakeStart ? fakeStart.wall + (performance.now() - fakeStart.mono) : null;
}

export const systemClock: Clock = {
  now: () => {
    const fake = fakeNow();
    return fake === null ? new Date() : new Date(fake);
  },
};

/** A clock that stands still until moved: for tests and fault injection. */
export function fixedClock(
  start: Date | string,
): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (d) => {
      current = new Date(d);
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}

/**
 * The clock of a station process: the system clock, unless STATION_FAKE_NOW holds an ISO 8601
 * instant — then time starts there and runs at the real rate. For fault tests (a restarted
 * `station serve` after a 40-day power-off, an RTC reset to 2000-01-01) and demonstrations
 * only; this adapter is the one place that reads the variable.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const fake = env[FAKE_NOW_ENV];
  // The process's own environment is already honoured by systemClock (one fake start per process).
  if (!fake || env === process.env) return systemClock;
  const start = Date.parse(fake);
  if (Number.isNaN(start)) throw new Error(`STATION_FAKE_NOW is not an ISO 8601 time: ${fake}`);
  const realStart = Date.now();
  return { now: () => new Date(start + (Date.now() - realStart)) };
}
