import type { TFunction } from 'i18next';
import type { HomeView } from '../../../common/contract.js';

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

/** Wall-clock time in the station's time zone (not the browser's), 24-hour. */
export function clockText(epochMs: number, timeZone: string): { hm: string; seconds: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '00';
  return { hm: `${part('hour')}:${part('minute')}`, seconds: part('second') };
}

/** A session's start as date and time in the station's zone, e.g. "11月28日 09:00". */
export function formatSessionStart(t: TFunction, iso: string, timeZone: string): string {
  const epoch = Date.parse(iso);
  if (Number.isNaN(epoch)) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(new Date(epoch));
  const num = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  const date = formatDate(t, { year: num('year'), month: num('month'), day: num('day') });
  return `${date} ${clockText(epoch, timeZone).hm}`;
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
