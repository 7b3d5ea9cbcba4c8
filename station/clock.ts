/**
 * Time is an input: rules take `now` as an argument and only the outermost adapters read the
 * system clock, through this interface, so tests (and a faked clock) can drive every rule.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

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
  const fake = env.STATION_FAKE_NOW;
  if (!fake) return systemClock;
  const start = Date.parse(fake);
  if (Number.isNaN(start)) throw new Error(`STATION_FAKE_NOW is not an ISO 8601 time: ${fake}`);
  const realStart = Date.now();
  return { now: () => new Date(start + (Date.now() - realStart)) };
}
