import type { TFunction } from 'i18next';
import type { HomeView } from '../../../common/contract.js';
import { readIsoFields, type LocalDateTime } from '../../../common/iso-time.js';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;

type CalendarDay = Pick<HomeView['today'], 'year' | 'month' | 'day'>;

/**
 * Day of the week (0 = Sunday) from the calendar date itself: pure arithmetic on a proleptic
 * Gregorian date, independent of any time zone and of how a weekday number is encoded elsewhere.
 */
export function weekdayOf({ year, month, day }: CalendarDay): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** A month's name, 1 = January: "1月" / "Jan". */
export function monthName(t: TFunction, month: number): string {
  return t(`date.${MONTHS[month - 1] ?? 'jan'}`);
}

/** "2026年11月26日 星期四" / "Thursday, November 26, 2026". */
export function formatDate(t: TFunction, today: CalendarDay): string {
  const weekday = WEEKDAYS[weekdayOf(today)] ?? 'sun';
  return t('date.full', {
    year: today.year,
    month: today.month,
    day: today.day,
    weekday: t(`date.${weekday}`),
    monthName: monthName(t, today.month),
  });
}

/*
 * Times from the station. The station writes every time as ISO 8601 with its own zone's offset
 * ("2026-11-28T09:00:00+08:00", see station/domain/zoned-time.ts), so the wall clock can be read
 * off the string and the clock ticks at that offset: the first screen then needs no
 * Intl.DateTimeFormat, whose first use costs a cold kiosk 20–40 ms of ICU set-up. Intl remains
 * the fallback for a time that carries no offset.
 */

const pad2 = (n: number) => String(n).padStart(2, '0');
/** 'YYYY-MM-DD', the station's form of a calendar date. */
export const dateKey = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
/** 'HH:MM', 24-hour. */
export const hm = (h: number, m: number) => `${pad2(h)}:${pad2(m)}`;
type WallClock = Required<LocalDateTime>;

/**
 * The wall-clock parts and UTC offset an ISO 8601 time with a numeric offset is written in (the
 * station's form); null for a `Z` time or one without offset, which name no station wall clock.
 */
export function readIsoWithOffset(iso: string): (WallClock & { offsetMinutes: number }) | null {
  const f = readIsoFields(iso);
  if (!f || f.utc || f.offsetMinutes === null) return null;
  return { ...f.local, offsetMinutes: f.offsetMinutes };
}

/** The wall clock of an instant in a zone, through Intl (the fallback). */
function zonedWallClock(epochMs: number, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const num = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: num('year'),
    month: num('month'),
    day: num('day'),
    hour: num('hour'),
    minute: num('minute'),
    second: num('second'),
  };
}

/**
 * The wall clock of a station time in the station's zone: read off the time's own offset, else
 * (a `Z` time, or one without offset) through Intl in `timeZone`. Null for text that is no time.
 */
export function stationWallClock(iso: string, timeZone: string): WallClock | null {
  const written = readIsoWithOffset(iso);
  if (written) return written;
  const epoch = Date.parse(iso);
  return Number.isNaN(epoch) ? null : zonedWallClock(epoch, timeZone);
}

/**
 * Wall-clock time, 24-hour, of an instant at the station's UTC offset (`zone` in minutes, as read
 * from the station's `now`) or, given a zone name, through Intl.
 */
export function clockText(epochMs: number, zone: number | string): { hm: string; seconds: string } {
  let hour: number, minute: number, second: number;
  if (typeof zone === 'number') {
    const local = new Date(epochMs + zone * 60_000);
    [hour, minute, second] = [local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds()];
  } else {
    ({ hour, minute, second } = zonedWallClock(epochMs, zone));
  }
  return { hm: hm(hour, minute), seconds: pad2(second) };
}

/**
 * 'YYYY-MM-DD HH:MM' in the station's zone, the technician's form for when something happened:
 * read off the time's own offset, else through Intl. Null stays null (never happened); a time
 * that cannot be read is shown as it came rather than breaking the page.
 */
export function localDateTime(iso: string | null, timeZone: string): string | null {
  if (!iso) return null;
  const wall = stationWallClock(iso, timeZone);
  if (!wall) return iso;
  return `${dateKey(wall.year, wall.month, wall.day)} ${hm(wall.hour, wall.minute)}`;
}

/** A session's start as date and time in the station's zone, e.g. "2026年11月28日 星期六 09:00". */
export function formatSessionStart(t: TFunction, iso: string, timeZone: string): string {
  const wall = stationWallClock(iso, timeZone);
  if (!wall) return iso;
  return `${formatDate(t, wall)} ${hm(wall.hour, wall.minute)}`;
}

export function formatBytes(t: TFunction, bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return t('technician.megabytes', { value: (bytes / (1024 * 1024)).toFixed(1) });
  }
  return t('technician.kilobytes', { value: Math.max(1, Math.round(bytes / 1024)) });
}

export function formatUptime(t: TFunction, totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (days > 0) return t('technician.uptimeDays', { days, hours, minutes });
  if (hours > 0) return t('technician.uptimeHours', { hours, minutes });
  return t('technician.uptimeMinutes', { minutes, seconds });
}
