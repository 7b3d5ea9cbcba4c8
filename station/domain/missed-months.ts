/**
 * Which months missed the collective study the rules require at least once a month (DOMAIN.md).
 * Pure: the caller reads the records and the clock. Months are 'YYYY-MM' in the station's zone.
 *
 * A month counts only if it has ended ("past months") and the station existed for all of it: the
 * first month counted is the month after set-up, or the set-up month itself when the station was
 * set up on its first day — a terminal installed on the 28th has not missed that month. Records
 * can predate set-up (a roster of past sessions entered by hand, a restored backup): the month of
 * the earliest recorded session is then the first month counted.
 */
export interface MissedMonthsInput {
  year: number;
  /** Months ('YYYY-MM') in which at least one collective study was held. */
  heldMonths: ReadonlySet<string>;
  /** The local date the station was set up: 'YYYY-MM-DD'. */
  setUpOn: string;
  /** The month of the earliest recorded session, if any: 'YYYY-MM'. */
  firstSessionMonth?: string | null;
  /** The current local month 'YYYY-MM': it and later months are not past. */
  currentMonth: string;
}

export function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

function nextMonth(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m === 12 ? monthKey(y + 1, 1) : monthKey(y, m + 1);
}

/** The first month that counts toward missed months (see above). */
export function firstCountedMonth(setUpOn: string, firstSessionMonth?: string | null): string {
  const setUpMonth = setUpOn.slice(0, 7);
  const fromSetUp = setUpOn.endsWith('-01') ? setUpMonth : nextMonth(setUpMonth);
  return firstSessionMonth && firstSessionMonth < fromSetUp ? firstSessionMonth : fromSetUp;
}

export function missedMonths(input: MissedMonthsInput): string[] {
  const first = firstCountedMonth(input.setUpOn, input.firstSessionMonth);
  const out: string[] = [];
  for (let m = 1; m <= 12; m++) {
    const key = monthKey(input.year, m);
    if (key < first || key >= input.currentMonth) continue;
    if (!input.heldMonths.has(key)) out.push(key);
  }
  return out;
}
