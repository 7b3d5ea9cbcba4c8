/**
 * Study hours (学时) — DOMAIN.md, "Counting study hours". Pure: every policy number is an input.
 *
 * A member's attended time in a session is the overlap of their presence (check-in to check-out,
 * or to the session's end) with the session's actual running time. Credit is that time divided by
 * the minutes per 学时, rounded down to the rounding step; one local day credits at most maxPerDay.
 */

export interface HoursPolicy {
  minutesPerCreditHour: number; // default 45
  roundingStep: number; // default 0.5
  maxPerDay: number; // default 8
}

export interface Interval {
  start: Date;
  end: Date;
}

/** Milliseconds two intervals share; 0 when they do not meet or one is empty or reversed. */
export function overlapMs(a: Interval, b: Interval): number {
  const start = Math.max(a.start.getTime(), b.start.getTime());
  const end = Math.min(a.end.getTime(), b.end.getTime());
  return Math.max(0, end - start);
}

/** Attended minutes: presence clipped to the session; a member still present counts to its end. */
export function attendedMinutes(session: Interval, checkIn: Date, checkOut: Date | null): number {
  return attendedMinutesAt(
    session.start.getTime(),
    session.end.getTime(),
    checkIn.getTime(),
    checkOut?.getTime() ?? null,
  );
}

/** The same rule on epoch milliseconds, for loops over a year of records (exports). */
export function attendedMinutesAt(
  startMs: number,
  endMs: number,
  inMs: number,
  outMs: number | null,
): number {
  return Math.max(0, Math.min(endMs, outMs ?? endMs) - Math.max(startMs, inMs)) / 60_000;
}

/** Rounds down to the step, working in whole steps so 0.1 + 0.2 style drift cannot creep in. */
export function roundDownToStep(value: number, step: number): number {
  if (value <= 0) return 0;
  const steps = Math.floor(value / step + 1e-9);
  return Math.round(steps * step * 1000) / 1000;
}

export function creditForMinutes(minutes: number, policy: HoursPolicy): number {
  return roundDownToStep(minutes / policy.minutesPerCreditHour, policy.roundingStep);
}

/**
 * Applies the daily cap across one member's credits of the same local day, in the order the
 * sessions were held: early sessions keep their credit, the last ones are trimmed.
 */
export function capPerDay<T extends { day: string; credit: number }>(
  items: readonly T[],
  maxPerDay: number,
): (T & { capped: number })[] {
  const used = new Map<string, number>();
  return items.map((item) => {
    const before = used.get(item.day) ?? 0;
    const capped = Math.max(0, Math.min(item.credit, maxPerDay - before));
    used.set(item.day, before + capped);
    return { ...item, capped };
  });
}
