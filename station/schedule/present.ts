/**
 * How plans and occurrences leave the station (CLI JSON, API): instants as ISO 8601 with the
 * station's offset, e.g. 2027-01-09T09:00:00+08:00.
 */
import { StationFailure } from '../errors.js';
import { isoWithOffset, localToInstant, parseIsoWithOffset } from '../domain/zoned-time.js';
import { checkWindow, type Occurrence, type Plan, type Window } from './expand.js';
import { dayFacts, type HolidayTable } from './holidays.js';

export interface OccurrenceJson {
  start: string;
  end: string;
  planId: number;
  kind: string;
  title: string;
  status: Occurrence['status'];
  originalStart: string;
  reason: string | null;
  courseIds: string[];
  blockDay: number | null;
  /** The public holiday the occurrence falls on (by its local date), if any. */
  holiday: string | null;
  /** A swapped working day (调休上班) the occurrence falls on, if any. */
  workdaySwap: string | null;
}

export function occurrenceToJson(
  o: Occurrence,
  timeZone: string,
  holidays: HolidayTable | null,
): OccurrenceJson {
  const start = isoWithOffset(o.start, timeZone);
  const facts = holidays
    ? dayFacts(holidays, start.slice(0, 10))
    : { holiday: null, workdaySwap: null };
  return {
    start,
    end: isoWithOffset(o.end, timeZone),
    planId: o.planId,
    kind: o.kind,
    title: o.title,
    status: o.status,
    originalStart: isoWithOffset(o.originalStart, timeZone),
    reason: o.reason,
    courseIds: o.courseIds,
    blockDay: o.blockDay,
    ...facts,
  };
}

export function planToJson(p: Plan, timeZone: string) {
  return {
    id: p.id,
    kind: p.kind,
    title: p.title,
    courseIds: p.courseIds,
    start: isoWithOffset(p.start, timeZone),
    durationMinutes: p.durationMinutes,
    recurrence: p.recurrence,
    exceptions: (p.exceptions ?? []).map((e) => ({
      originalStart: isoWithOffset(e.originalStart, timeZone),
      action: e.action,
      movedTo: e.movedTo ? isoWithOffset(e.movedTo, timeZone) : null,
      reason: e.reason,
    })),
  };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayStart(text: string, timeZone: string, plusDays = 0): Date {
  const m = DATE_RE.exec(text);
  if (!m) {
    const d = parseIsoWithOffset(text);
    if (!d) throw new StationFailure('BAD_REQUEST', 'datesInvalid', { value: text });
    return d;
  }
  const utc = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays));
  if (!utc.toISOString().startsWith(text) && plusDays === 0) {
    throw new StationFailure('BAD_REQUEST', 'datesInvalid', { value: text });
  }
  return localToInstant(
    {
      year: utc.getUTCFullYear(),
      month: utc.getUTCMonth() + 1,
      day: utc.getUTCDate(),
      hour: 0,
      minute: 0,
    },
    timeZone,
  ).at;
}

/** `--from DATE --to DATE`: local dates, both days included; ISO instants are taken as they are. */
export function windowOfDates(from: string, to: string, timeZone: string): Window {
  dayStart(to, timeZone); // validates a date `to` before it is shifted by a day
  const end = DATE_RE.test(to) ? dayStart(to, timeZone, 1) : dayStart(to, timeZone);
  return checkWindow({ from: dayStart(from, timeZone), to: end });
}
