/**
 * A zone's UTC offset at an instant, cached per week: a week whose first and last second have the
 * same offset has it throughout (no zone changes its offset twice within seven days), so a year
 * of occurrences costs about a hundred Intl calls instead of several per occurrence. Pure.
 */
import { zonedParts } from './zoned-time.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const weekOffsets = new Map<string, number | null>();

export function offsetAt(timeZone: string, ms: number): number {
  const week = Math.floor(ms / WEEK_MS);
  const key = `${timeZone}|${week}`;
  let steady = weekOffsets.get(key);
  if (steady === undefined) {
    if (weekOffsets.size > 20_000) weekOffsets.clear();
    const first = zonedParts(new Date(week * WEEK_MS), timeZone).offsetMinutes;
    const last = zonedParts(new Date((week + 1) * WEEK_MS - 1000), timeZone).offsetMinutes;
    steady = first === last ? first : null;
    weekOffsets.set(key, steady);
  }
  return steady ?? zonedParts(new Date(ms), timeZone).offsetMinutes;
}

/** The local calendar date 'YYYY-MM-DD' of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  return new Date(ms + offsetAt(timeZone, ms) * 60_000).toISOString().slice(0, 10);
}
