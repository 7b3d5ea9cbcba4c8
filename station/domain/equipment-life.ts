/**
 * The replacement cycle (设备更新换代, DOMAIN.md glossary: "per device: purchase date, service
 * life"). Pure: dates are YYYY-MM-DD calendar days, `today` is the station's local date.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: string): [number, number, number] {
  const m = DATE.exec(day);
  if (!m) throw new RangeError(`not a calendar date: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Purchase date + service life in whole years. An item bought on 29 February falls due on
 * 28 February of a common year: the last day of the same month, never a day in March, so the
 * county's plan for a year never gains an item that belongs to the year before.
 */
export function replacementDate(purchased: string, lifeYears: number): string {
  if (!Number.isInteger(lifeYears) || lifeYears < 1) {
    throw new RangeError(`service life must be a whole number of years: ${lifeYears}`);
  }
  const [y, m, d] = parts(purchased);
  const year = y + lifeYears;
  const day = m === 2 && d === 29 && !isLeap(year) ? 28 : d;
  return `${pad(year, 4)}-${pad(m)}-${pad(day)}`;
}

export type DueState = 'overdue' | 'soon' | 'later' | 'retired';

/**
 * Where an item stands on `today`: overdue once its replacement date has come (on the day
 * itself it is due now, so it counts as overdue); soon when the date falls after today but by
 * 31 December of next year — the horizon of the county's next budget; later otherwise. A
 * retired item has left service and is no longer on the cycle.
 */
export function dueState(
  replaceBy: string,
  status: 'in_use' | 'faulty' | 'under_repair' | 'retired',
  today: string,
): DueState {
  if (status === 'retired') return 'retired';
  if (replaceBy <= today) return 'overdue';
  return replaceBy <= endOfNextYear(today) ? 'soon' : 'later';
}

export function endOfNextYear(today: string): string {
  return `${pad(parts(today)[0] + 1, 4)}-12-31`;
}

/** Splits items into the due list: overdue (oldest first) and due by the end of next year. */
export function dueList<T extends { replaceBy: string; status: Parameters<typeof dueState>[1] }>(
  items: T[],
  today: string,
): { overdue: T[]; dueByEndOfNextYear: T[] } {
  const byDate = [...items].sort((a, b) => a.replaceBy.localeCompare(b.replaceBy));
  return {
    overdue: byDate.filter((i) => dueState(i.replaceBy, i.status, today) === 'overdue'),
    dueByEndOfNextYear: byDate.filter((i) => dueState(i.replaceBy, i.status, today) === 'soon'),
  };
}
