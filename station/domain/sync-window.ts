import { zonedInstant, zonedParts } from './zoned-time.js';

/**
 * When a scheduled content sync that started at `start` must stop: the first time the station's
 * clock shows `endHour`:00 after `start` (later the same day, or the next day), so a night
 * download never competes with daytime study for the village's link.
 */
export function syncWindowEnd(start: Date, endHour: number, timeZone: string): Date {
  const p = zonedParts(start, timeZone);
  const today = zonedInstant({ year: p.year, month: p.month, day: p.day, hour: endHour }, timeZone);
  if (today.getTime() > start.getTime()) return today;
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return zonedInstant(
    {
      year: next.getUTCFullYear(),
      month: next.getUTCMonth() + 1,
      day: next.getUTCDate(),
      hour: endHour,
    },
    timeZone,
  );
}
