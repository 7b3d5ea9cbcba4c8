import type { TFunction } from 'i18next';
import { stationWallClock } from '../i18n/format.js';

/** "还有 2 天 3 小时" / "还有 45 分钟" / "正在进行", from the start, the end and now (ms). */
export function countdownText(t: TFunction, startMs: number, endMs: number, nowMs: number): string {
  if (nowMs >= startMs) return nowMs < endMs ? t('schedule.inProgress') : '';
  const minutesLeft = Math.ceil((startMs - nowMs) / 60_000);
  const days = Math.floor(minutesLeft / 1440);
  const hours = Math.floor((minutesLeft % 1440) / 60);
  const minutes = minutesLeft % 60;
  if (days > 0) return t('schedule.countdownDays', { days, hours });
  if (hours > 0) return t('schedule.countdownHours', { hours, minutes });
  return t('schedule.countdownMinutes', { minutes });
}

/**
 * The local date and time of a station time (ISO 8601), in the station's zone. The station writes
 * every time with its zone's offset, so the parts are read off the string, as formatSessionStart
 * does: no Intl.DateTimeFormat per calendar cell. Intl in `timeZone` is only for a string without
 * a numeric offset (the calendar's own "today" from toISOString(), which ends in Z).
 */
export function localParts(iso: string, timeZone: string) {
  const wall = stationWallClock(iso, timeZone);
  if (!wall) throw new Error(`not a time: ${iso}`);
  const { year, month, day, hour, minute } = wall;
  return { year, month, day, hour, minute };
}

/** The weeks of a month as rows of 7 cells (Sunday first); null pads the first and last rows. */
export function monthGrid(year: number, month: number): (number | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: (number | null)[] = [
    ...Array.from({ length: first }, () => null),
    ...Array.from({ length: days }, (_, i) => i + 1),
  ];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

/** RRULE choices offered for a date: the same weekday position each month, or the same day. */
export function repeatChoices(year: number, month: number, day: number) {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const n = Math.ceil(day / 7);
  const code = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][weekday]!;
  return {
    weekday,
    n,
    monthlyWeekday: n <= 4 ? `FREQ=MONTHLY;BYDAY=${code};BYSETPOS=${n}` : null,
    monthlyDay: `FREQ=MONTHLY;BYMONTHDAY=${day}`,
  };
}
