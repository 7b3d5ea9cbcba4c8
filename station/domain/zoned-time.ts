/**
 * Calendar facts in the station's time zone (default Asia/Shanghai), computed from an instant.
 * Pure: the instant and the zone are inputs; nothing here reads the clock. Reading ISO text is
 * common/iso-time.ts (the kiosk reads station times with it too).
 */
import {
  floatingMs,
  readIsoFields,
  type IsoFields,
  type LocalDateTime,
} from '../../common/iso-time.js';

export interface ZonedParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday … 6 = Saturday
  offsetMinutes: number; // local − UTC
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** What `formatter` writes in en-US: "Thu, 11/26/2026, 19:04:08" (four-digit years only). */
const FORMATTED = /^([A-Z][a-z]{2}), (\d{1,2})\/(\d{1,2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

/**
 * The formatter's fields by name. `format` and a match is several times cheaper than
 * `formatToParts` (which builds an object per field), and a check-in formats its time on every
 * call; anything the pattern does not match (another ICU's spelling, a year outside 1000–9999)
 * takes the parts.
 */
function formattedFields(instant: Date, timeZone: string): Record<string, string> {
  const f = formatter(timeZone);
  const m = FORMATTED.exec(f.format(instant));
  if (m) {
    return {
      weekday: m[1]!,
      month: m[2]!,
      day: m[3]!,
      year: m[4]!,
      hour: m[5]!,
      minute: m[6]!,
      second: m[7]!,
    };
  }
  return Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
}

export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const parts = formattedFields(instant, timeZone);
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const second = Number(parts.second);
  const asUtc = floatingMs({ year, month, day, hour, minute, second });
  const offsetMinutes = Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    offsetMinutes,
  };
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** ISO 8601 with the zone's offset, e.g. 2027-01-09T09:00:00+08:00. */
export function isoWithOffset(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  const sign = p.offsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(p.offsetMinutes);
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`
  );
}

// ---- Local wall time → instant -----------------------------------------------------------------

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const weekOffsets = new Map<string, number | null>();

/**
 * A zone's UTC offset (minutes, local − UTC) at an instant, cached per week: a week whose first
 * and last second have the same offset has it throughout (no zone changes its offset twice within
 * seven days), so a year of schedule occurrences costs about a hundred Intl calls instead of
 * several per occurrence.
 */
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

/** The local calendar date 'YYYY-MM-DD' of an instant in a zone (through the cached offset). */
export function localDateOf(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  return new Date(ms + offsetAt(timeZone, ms) * 60_000).toISOString().slice(0, 10);
}

/**
 * The instant a local wall time occurs in a zone.
 * - A time that occurs once: that instant, `exact`.
 * - A time DST repeats (the clocks go back): the EARLIER instant, `exact`.
 * - A time DST skips (the clocks go forward): `exact` is false and the instant is the RFC 5545
 *   one, the wall time read with the offset in force before the gap (02:30 on New York's
 *   spring-forward day happens at 03:30 EDT). Callers that must not invent a time check `exact`.
 */
export function localToInstant(
  local: LocalDateTime,
  timeZone: string,
): { at: Date; exact: boolean } {
  const wall = floatingMs(local);
  // The offset in force a day before and a day after: the instant is wall minus one of them
  // (no zone changes its offset twice within two days).
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  const fits = (offset: number) => offsetAt(timeZone, wall - offset * 60_000) === offset;
  const candidates = [...new Set([before, after])]
    .filter(fits)
    .map((offset) => wall - offset * 60_000)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return { at: new Date(candidates[0]!), exact: true };
  return { at: new Date(wall - before * 60_000), exact: false };
}

/** `localToInstant` for callers that take the RFC 5545 reading of a skipped time as it comes. */
export function zonedInstant(local: LocalDateTime, timeZone: string): Date {
  return localToInstant(local, timeZone).at;
}

// ---- Text → instant -----------------------------------------------------------------------------

/** The instant the fields name with their written offset (or Z); null for a bare local time. */
function writtenInstant(f: IsoFields): Date | null {
  if (f.offsetMinutes === null) return null;
  return new Date(floatingMs(f.local, f.millisecond) - f.offsetMinutes * 60_000);
}

/** ISO 8601 with an explicit offset or Z; anything else (a bare local time) is ambiguous. */
export function parseIsoWithOffset(text: string): Date | null {
  const f = readIsoFields(text);
  return f ? writtenInstant(f) : null;
}

/**
 * A time as typed: ISO 8601 with an offset (an instant, always `exact`) or a bare local time
 * `YYYY-MM-DDTHH:MM[:SS]` in `timeZone` (see `localToInstant` for a time DST skips or repeats).
 * Null when the text is not such a time or names no real date (30 February, 24:00).
 */
export function parseZonedDateTime(
  text: string,
  timeZone: string,
): { at: Date; exact: boolean; local: Required<LocalDateTime> } | null {
  const f = readIsoFields(text);
  if (!f) return null;
  const written = writtenInstant(f);
  if (written) return { at: written, exact: true, local: f.local };
  const { at, exact } = localToInstant(f.local, timeZone);
  return { at: new Date(at.getTime() + f.millisecond), exact, local: f.local };
}
