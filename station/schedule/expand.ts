/**
 * Plans → occurrences. Pure: the plan, the window and the time zone are inputs; nothing here
 * reads the clock or the database.
 *
 * Recurrence is expanded in LOCAL WALL TIME (the rrule library works on "floating" dates: a Date
 * whose UTC fields are the local fields), then each local start becomes an instant with the
 * station's zone. So "09:00 on the second Saturday" stays 09:00 in a zone with daylight saving
 * time, and Asia/Shanghai (no DST) is the simple case of the same code.
 *
 * RFC 5545 semantics worth knowing:
 * - `FREQ=MONTHLY;BYMONTHDAY=31` skips months without a 31st (it does not move to the 30th).
 * - A recurring local time that falls into a DST gap (02:30 on the spring-forward day in
 *   America/New_York) is taken with the offset before the gap, i.e. it happens at 03:30 local.
 *   A plan's own start in such a gap is refused (see parseLocalStart).
 */
import rrulePkg from 'rrule';
import type { SessionKind } from '../attendance/kinds.js';
import { floatingMs } from '../../common/iso-time.js';
import { StationFailure } from '../errors.js';
import { localToInstant, parseZonedDateTime, zonedParts } from '../domain/zoned-time.js';

const { rrulestr } = rrulePkg;

export type Recurrence =
  | { type: 'once' }
  | { type: 'rrule'; rrule: string }
  | { type: 'dates'; dates: string[] }
  | { type: 'block'; days: number };

export interface OccurrenceException {
  /** The start the occurrence had before it was moved or cancelled. */
  originalStart: Date;
  action: 'move' | 'cancel';
  movedTo?: Date | null;
  reason: string;
}

export interface Plan {
  id: number;
  kind: SessionKind;
  title: string;
  courseIds: string[];
  /** The first occurrence (its local wall time in the station's zone is what repeats). */
  start: Date;
  durationMinutes: number;
  recurrence: Recurrence;
  exceptions?: OccurrenceException[];
}

export type OccurrenceStatus = 'scheduled' | 'moved' | 'cancelled';

export interface Occurrence {
  planId: number;
  kind: SessionKind;
  title: string;
  courseIds: string[];
  start: Date;
  end: Date;
  /** The start before any move; identifies the occurrence for move/cancel. */
  originalStart: Date;
  status: OccurrenceStatus;
  reason: string | null;
  /** Day n of a multi-day block (1-based); null for other plans. */
  blockDay: number | null;
}

export interface Window {
  from: Date;
  to: Date;
}

/** Anything longer is treated as "unbounded": an unbounded expansion is refused. */
export const MAX_WINDOW_DAYS = 3661;
export const MAX_DURATION_MINUTES = 24 * 60;

const DAY_MS = 86_400_000;

/**
 * A local start to the minute: recurrence repeats wall times in minutes, and a "floating" Date
 * (its UTC fields are the local fields) is how the rrule library reads them. Converting such a
 * time to an instant is `localToInstant` in domain/zoned-time.ts.
 */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function localOf(instant: Date, timeZone: string): LocalTime {
  const p = zonedParts(instant, timeZone);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute };
}

const floating = (l: LocalTime) => new Date(floatingMs(l));

function fromFloating(d: Date): LocalTime {
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
export const localText = (l: LocalTime) =>
  `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}`;
export const localDate = (l: Pick<LocalTime, 'year' | 'month' | 'day'>) =>
  `${l.year}-${pad(l.month)}-${pad(l.day)}`;

/**
 * A plan's start as typed: ISO 8601 with an offset (an instant, always valid) or a bare local
 * time `YYYY-MM-DDTHH:MM[:SS]` in the station's zone, which must exist there (a time DST skips is
 * refused rather than moved: the organizer should pick the time that is meant).
 */
export function parseLocalStart(text: string, timeZone: string): Date {
  const parsed = parseZonedDateTime(text.trim(), timeZone);
  if (!parsed) throw new StationFailure('BAD_REQUEST', 'startInvalid', { value: text });
  if (!parsed.exact) {
    throw new StationFailure('BAD_REQUEST', 'startImpossible', {
      local: localText(parsed.local),
      zone: timeZone,
    });
  }
  return parsed.at;
}

export function checkDuration(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_DURATION_MINUTES) {
    throw new StationFailure('BAD_REQUEST', 'durationInvalid', {
      value: String(minutes),
      max: MAX_DURATION_MINUTES,
    });
  }
}

// ---- RRULE validation -------------------------------------------------------------------------
// The rrule library parses leniently (BYDAY=XX or BYMONTHDAY=abc come back as nonsense rather
// than an error), so each property is checked against RFC 5545 here first.

const WEEKDAY = '(?:[+-]?(?:[1-9]|[1-4]\\d|5[0-3]))?(?:MO|TU|WE|TH|FR|SA|SU)';
const int =
  (min: number, max: number, signed = false) =>
  (v: string) => {
    if (!/^[+-]?\d+$/.test(v)) return false;
    const n = Number(v);
    if (!signed && v.startsWith('-')) return false;
    return Math.abs(n) >= min && Math.abs(n) <= max && (signed || n >= min);
  };
const list = (one: (v: string) => boolean) => (v: string) => v.split(',').every((x) => one(x));
const RRULE_PARTS: Record<string, (v: string) => boolean> = {
  FREQ: (v) => ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(v),
  INTERVAL: int(1, 1000),
  COUNT: int(1, 10000),
  UNTIL: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v),
  BYDAY: list((v) => new RegExp(`^${WEEKDAY}$`).test(v)),
  BYMONTHDAY: list(int(1, 31, true)),
  BYMONTH: list(int(1, 12)),
  BYSETPOS: list(int(1, 366, true)),
  BYYEARDAY: list(int(1, 366, true)),
  BYWEEKNO: list(int(1, 53, true)),
  BYHOUR: list(int(0, 23)),
  BYMINUTE: list(int(0, 59)),
  WKST: (v) => /^(MO|TU|WE|TH|FR|SA|SU)$/.test(v),
};

/** Returns the normalised RRULE body or throws a clear error naming what is wrong. */
export function checkRrule(text: string): string {
  const body = text.trim().replace(/^RRULE:/i, '');
  const fail = (detail: string): never => {
    throw new StationFailure('BAD_REQUEST', 'rruleInvalid', { rrule: text, detail });
  };
  if (!body) fail('empty');
  const seen = new Set<string>();
  for (const part of body.split(';')) {
    const [rawName, value, ...rest] = part.split('=');
    const name = (rawName ?? '').toUpperCase();
    if (rest.length || value === undefined || value === '') fail(part || ';;');
    const check = RRULE_PARTS[name];
    if (!check) fail(name || part);
    if (seen.has(name)) fail(`${name} twice`);
    seen.add(name);
    if (!check!(value!.toUpperCase())) fail(`${name}=${value}`);
  }
  if (!seen.has('FREQ')) fail('FREQ missing');
  if (seen.has('COUNT') && seen.has('UNTIL')) fail('COUNT and UNTIL together');
  return body.toUpperCase();
}

// ---- Expansion --------------------------------------------------------------------------------

export function checkWindow(window: Partial<Window> | null | undefined): Window {
  const from = window?.from;
  const to = window?.to;
  const ok = (d: unknown): d is Date => d instanceof Date && Number.isFinite(d.getTime());
  if (!ok(from) || !ok(to)) throw new StationFailure('BAD_REQUEST', 'windowUnbounded');
  if (to <= from || to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw new StationFailure('BAD_REQUEST', 'windowInvalid', {
      from: from.toISOString(),
      to: to.toISOString(),
      maxDays: MAX_WINDOW_DAYS,
    });
  }
  return { from, to };
}

/** The local start times of a plan's occurrences whose local start lies in [from, to] (floating). */
function localStarts(plan: Plan, from: Date, to: Date, timeZone: string): LocalTime[] {
  const first = localOf(plan.start, timeZone);
  const r = plan.recurrence;
  const inRange = (l: LocalTime) => floating(l) >= from && floating(l) <= to;
  switch (r.type) {
    case 'once':
      return [first].filter(inRange);
    case 'block':
      return Array.from({ length: r.days }, (_, i) =>
        fromFloating(new Date(floating(first).getTime() + i * DAY_MS)),
      ).filter(inRange);
    case 'dates': {
      const days = new Set([localDate(first), ...r.dates]);
      return [...days]
        .sort()
        .map((d) => {
          const [y, m, day] = d.split('-').map(Number) as [number, number, number];
          return { year: y, month: m, day, hour: first.hour, minute: first.minute };
        })
        .filter(inRange);
    }
    case 'rrule': {
      const rule = rrulestr(`RRULE:${checkRrule(r.rrule)}`, { dtstart: floating(first) });
      return rule.between(from, to, true).map(fromFloating);
    }
  }
}

/**
 * The occurrences of a plan whose start lies in [window.from, window.to), in start order, with
 * moves and cancellations applied (a cancelled occurrence is kept, marked 'cancelled').
 */
export function expandPlan(plan: Plan, window: Window, timeZone: string): Occurrence[] {
  const { from, to } = checkWindow(window);
  checkDuration(plan.durationMinutes);
  // Local-time bounds padded by a day each side: offsets are within ±14 h.
  const localFrom = new Date(floating(localOf(from, timeZone)).getTime() - DAY_MS);
  const localTo = new Date(floating(localOf(to, timeZone)).getTime() + DAY_MS);
  const exceptions = new Map(
    (plan.exceptions ?? []).map((e) => [e.originalStart.getTime(), e] as const),
  );
  const durationMs = plan.durationMinutes * 60_000;
  const make = (originalStart: Date, blockDay: number | null): Occurrence => {
    const e = exceptions.get(originalStart.getTime());
    const start = e?.action === 'move' && e.movedTo ? e.movedTo : originalStart;
    return {
      planId: plan.id,
      kind: plan.kind,
      title: plan.title,
      courseIds: plan.courseIds,
      start,
      end: new Date(start.getTime() + durationMs),
      originalStart,
      status: !e ? 'scheduled' : e.action === 'cancel' ? 'cancelled' : 'moved',
      reason: e?.reason ?? null,
      blockDay,
    };
  };
  const firstFloating = floating(localOf(plan.start, timeZone)).getTime();
  const out: Occurrence[] = [];
  const seen = new Set<number>();
  for (const local of localStarts(plan, localFrom, localTo, timeZone)) {
    const original = localToInstant(local, timeZone).at;
    seen.add(original.getTime());
    const blockDay =
      plan.recurrence.type === 'block'
        ? Math.round((floating(local).getTime() - firstFloating) / DAY_MS) + 1
        : null;
    out.push(make(original, blockDay));
  }
  // An occurrence moved INTO the window from outside it.
  for (const e of plan.exceptions ?? []) {
    if (e.action === 'move' && e.movedTo && !seen.has(e.originalStart.getTime())) {
      out.push(make(e.originalStart, null));
    }
  }
  return out
    .filter((o) => o.start >= from && o.start < to)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** All plans' occurrences in a window, in start order. */
export function expandPlans(plans: Plan[], window: Window, timeZone: string): Occurrence[] {
  return plans
    .flatMap((p) => expandPlan(p, window, timeZone))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.planId - b.planId);
}

/** Is `originalStart` one of the plan's own occurrences (before moves)? For move/cancel checks. */
export function isOccurrenceOf(plan: Plan, originalStart: Date, timeZone: string): boolean {
  const window = {
    from: new Date(originalStart.getTime() - 1),
    to: new Date(originalStart.getTime() + 1),
  };
  const bare = { ...plan, exceptions: [] };
  return expandPlan(bare, window, timeZone).some(
    (o) => o.originalStart.getTime() === originalStart.getTime(),
  );
}
