/**
 * Calendar facts in the station's time zone (default Asia/Shanghai), computed from an instant.
 * Pure: the instant and the zone are inputs; nothing here reads the clock.
 */
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
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
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

/** The instant a local wall-clock time occurs in a zone (the earlier one when DST repeats it). */
export function zonedInstant(
  local: { year: number; month: number; day: number; hour?: number; minute?: number },
  timeZone: string,
): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0);
  let guess = wall - zonedParts(new Date(wall), timeZone).offsetMinutes * 60_000;
  // One refinement handles a guess that landed on the other side of an offset change.
  guess = wall - zonedParts(new Date(guess), timeZone).offsetMinutes * 60_000;
  return new Date(guess);
}

/** ISO 8601 with an explicit offset or Z; anything else (a bare local time) is ambiguous. */
export function parseIsoWithOffset(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text))
    return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}
