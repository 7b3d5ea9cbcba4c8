/**
 * The year-page rules of DOMAIN.md that are not hours: the new-member training deadline and the
 * winter–spring training season. Pure: dates are 'YYYY-MM-DD' strings in the station's zone and
 * every policy number is an input.
 */

const pad = (n: number) => String(n).padStart(2, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A date plus whole months; the 31st of a shorter month becomes its last day (1/31 + 1 = 2/28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type NewMemberStatus = 'done' | 'late' | 'overdue' | 'due-soon' | 'open';

/**
 * New-member training (DOMAIN.md): within `withinMonths` of joining, at least one new-member
 * session. `trainedOn` is the first such session on or after the joining date, if any.
 */
export function newMemberStatus(input: {
  joinedOn: string;
  withinMonths: number;
  trainedOn: string | null;
  today: string;
  warnDays: number;
}): { deadline: string; daysLeft: number; status: NewMemberStatus } {
  const deadline = addMonths(input.joinedOn, input.withinMonths);
  const daysLeft = daysBetween(input.today, deadline);
  let status: NewMemberStatus;
  if (input.trainedOn) status = input.trainedOn <= deadline ? 'done' : 'late';
  else if (daysLeft < 0) status = 'overdue';
  else if (daysLeft <= input.warnDays) status = 'due-soon';
  else status = 'open';
  return { deadline, daysLeft, status };
}

export interface Season {
  /** '2025—2026' for a season across the new year, '2026' for one inside a year. */
  label: string;
  from: string;
  /** Last day of the season, inclusive. */
  to: string;
}

/**
 * The winter–spring training seasons (冬春训) that touch a calendar year. With the default window
 * November–March a season runs across the new year, so a year touches two: the one ending in it
 * and the one starting in it. A window inside one year gives one season.
 */
export function winterSpringSeasons(year: number, startMonth: number, endMonth: number): Season[] {
  const season = (startYear: number): Season => {
    const endYear = endMonth < startMonth ? startYear + 1 : startYear;
    return {
      label: endYear === startYear ? String(startYear) : `${startYear}—${endYear}`,
      from: `${startYear}-${pad(startMonth)}-01`,
      to: `${endYear}-${pad(endMonth)}-${pad(daysInMonth(endYear, endMonth))}`,
    };
  };
  return endMonth < startMonth ? [season(year - 1), season(year)] : [season(year)];
}

/** Where a season stands on `today`. */
export function seasonStatus(s: Season, today: string): 'done' | 'in-progress' | 'upcoming' {
  if (today > s.to) return 'done';
  return today >= s.from ? 'in-progress' : 'upcoming';
}
