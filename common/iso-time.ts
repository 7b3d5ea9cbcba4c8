/**
 * Reading ISO 8601 date-times, for the station and the kiosk alike. The station writes every time
 * as ISO 8601 with its zone's offset ("2026-11-28T09:00:00+08:00"), so a reader of such a string
 * has the station's wall clock without any time-zone database. Pure: no clock, no Intl.
 */

/** A wall-clock time without a zone: what a person types, or what a calendar rule repeats. */
export interface LocalDateTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

/**
 * The wall time's fields read as if they were UTC (a "floating" time); out-of-range fields roll
 * over like a calendar (day 32 of December is 1 January).
 */
export function floatingMs(l: LocalDateTime, millisecond = 0): number {
  const hour = l.hour ?? 0;
  const minute = l.minute ?? 0;
  const second = l.second ?? 0;
  // Date.UTC is the fast path (zonedParts runs on every check-in) but reads years 0–99 as 19xx.
  if (l.year < 0 || l.year > 99) {
    return Date.UTC(l.year, l.month - 1, l.day, hour, minute, second, millisecond);
  }
  const d = new Date(0);
  d.setUTCFullYear(l.year, l.month - 1, l.day);
  d.setUTCHours(hour, minute, second, millisecond);
  return d.getTime();
}

/** Does the local time name a real calendar date and clock time (no 30 February, no 24:00)? */
function isRealLocalTime(l: LocalDateTime): boolean {
  if ((l.hour ?? 0) > 23 || (l.minute ?? 0) > 59 || (l.second ?? 0) > 59) return false;
  const d = new Date(floatingMs(l));
  return (
    d.getUTCFullYear() === l.year && d.getUTCMonth() + 1 === l.month && d.getUTCDate() === l.day
  );
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))?$/;

export interface IsoFields {
  local: Required<LocalDateTime>;
  millisecond: number;
  /** Local − UTC in minutes as written; null for a bare local time. */
  offsetMinutes: number | null;
  /** Written with `Z`: an instant in UTC, not a wall clock of any station zone. */
  utc: boolean;
}

/**
 * ISO 8601 `YYYY-MM-DDTHH:MM[:SS[.fff]]` with an optional `Z` or ±HH[:]MM offset, checked field
 * by field: `new Date` rolls 30 February over into March and reads 24:00 as the next midnight,
 * which for a typed time hides a mistake.
 */
export function readIsoFields(text: string): IsoFields | null {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return null;
  const n = (i: number) => Number(m[i] ?? 0);
  const local = { year: n(1), month: n(2), day: n(3), hour: n(4), minute: n(5), second: n(6) };
  if (!isRealLocalTime(local)) return null;
  // Milliseconds from the digits, not from Number('0.291') * 1000 (= 290.99…).
  const millisecond = m[7] ? Number(`${m[7].slice(1)}00`.slice(0, 3)) : 0;
  if (m[8]) return { local, millisecond, offsetMinutes: 0, utc: true };
  if (!m[9]) return { local, millisecond, offsetMinutes: null, utc: false };
  if (n(10) > 23 || n(11) > 59) return null;
  const offsetMinutes = (m[9] === '-' ? -1 : 1) * (n(10) * 60 + n(11));
  return { local, millisecond, offsetMinutes, utc: false };
}
