/**
 * Public holidays and working-day swaps (调休), from data the county can replace — never from
 * code. The shipped default is resources/calendar/holidays-cn.json; a file at
 * <data dir>/calendar/holidays-cn.json (put there by a technician, later by a signed content
 * manifest) takes its place. A broken override is an error, not a silent fallback: a county that
 * replaced the table must learn its file was not used.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { StationFailure } from '../errors.js';
import { appRoot } from '../paths.js';

const DateKey = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const HolidayFile = z.object({
  format: z.literal(1),
  source: z.string().optional(),
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.object({
      provisional: z.boolean().default(false),
      holidays: z.record(DateKey, z.string().min(1)),
      workdays: z.record(DateKey, z.string().min(1)).default({}),
    }),
  ),
});

export interface HolidayTable {
  file: string;
  /** Years the table covers; occurrences outside them are not flagged either way. */
  years: number[];
  holidays: Map<string, string>;
  workdays: Map<string, string>;
}

export const HOLIDAY_FILE = path.join('calendar', 'holidays-cn.json');

export function holidayFileFor(dataDir: string): string {
  const override = path.join(dataDir, HOLIDAY_FILE);
  return fs.existsSync(override) ? override : path.join(appRoot(), 'resources', HOLIDAY_FILE);
}

export function loadHolidays(dataDir: string): HolidayTable {
  const file = holidayFileFor(dataDir);
  let parsed;
  try {
    parsed = HolidayFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (err) {
    const detail =
      err instanceof z.ZodError
        ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
        : err instanceof Error
          ? err.message
          : String(err);
    throw new StationFailure('BAD_REQUEST', 'holidaysInvalid', { file, detail });
  }
  const holidays = new Map<string, string>();
  const workdays = new Map<string, string>();
  for (const y of Object.values(parsed.years)) {
    for (const [d, name] of Object.entries(y.holidays)) holidays.set(d, name);
    for (const [d, name] of Object.entries(y.workdays)) workdays.set(d, name);
  }
  return { file, years: Object.keys(parsed.years).map(Number), holidays, workdays };
}

/** What a local date is: a holiday (with its name), a swapped working day, or neither. */
export function dayFacts(
  table: HolidayTable,
  localDate: string,
): { holiday: string | null; workdaySwap: string | null } {
  return {
    holiday: table.holidays.get(localDate) ?? null,
    workdaySwap: table.workdays.get(localDate) ?? null,
  };
}
