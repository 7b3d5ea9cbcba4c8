/**
 * Plans in SQLite: add, read, and move or cancel one occurrence. The rules (expansion, the
 * winter–spring window) are in expand.ts and here; this module only adds the records around them.
 */
import type { SessionKind } from '../attendance/kinds.js';
import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';
import { isoWithOffset, zonedParts } from '../domain/zoned-time.js';
import { readSettings } from '../settings/store.js';
import {
  checkDuration,
  checkRrule,
  expandPlans,
  isOccurrenceOf,
  type Occurrence,
  type OccurrenceException,
  type Plan,
  type Recurrence,
  type Window,
} from './expand.js';

interface PlanRow {
  id: number;
  kind: SessionKind;
  title: string;
  course_ids: string;
  start_at: string;
  duration_minutes: number;
  recurrence: Recurrence['type'];
  rrule: string | null;
  dates: string | null;
  block_days: number | null;
}

interface ExceptionRow {
  plan_id: number;
  occurrence_start: string;
  action: 'move' | 'cancel';
  moved_to: string | null;
  reason: string;
}

function recurrenceOf(r: PlanRow): Recurrence {
  switch (r.recurrence) {
    case 'rrule':
      return { type: 'rrule', rrule: r.rrule ?? '' };
    case 'dates':
      return { type: 'dates', dates: JSON.parse(r.dates ?? '[]') as string[] };
    case 'block':
      return { type: 'block', days: r.block_days ?? 1 };
    default:
      return { type: 'once' };
  }
}

export function listPlans(db: Db): Plan[] {
  const rows = db
    .prepare('SELECT * FROM schedule_plans WHERE removed_at IS NULL ORDER BY id')
    .all() as PlanRow[];
  const exceptions = db
    .prepare('SELECT * FROM schedule_exceptions ORDER BY plan_id')
    .all() as ExceptionRow[];
  const byPlan = new Map<number, OccurrenceException[]>();
  for (const e of exceptions) {
    const list = byPlan.get(e.plan_id) ?? [];
    list.push({
      originalStart: new Date(e.occurrence_start),
      action: e.action,
      movedTo: e.moved_to ? new Date(e.moved_to) : null,
      reason: e.reason,
    });
    byPlan.set(e.plan_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    courseIds: JSON.parse(r.course_ids) as string[],
    start: new Date(r.start_at),
    durationMinutes: r.duration_minutes,
    recurrence: recurrenceOf(r),
    exceptions: byPlan.get(r.id) ?? [],
  }));
}

export function getPlan(db: Db, id: number): Plan {
  const plan = listPlans(db).find((p) => p.id === id);
  if (!plan) throw new StationFailure('NOT_FOUND', 'planNotFound', { id });
  return plan;
}

/** Is a local month inside the winter–spring window (which may wrap the year, e.g. 11 → 3)? */
export function inWinterSpring(month: number, startMonth: number, endMonth: number): boolean {
  return startMonth <= endMonth
    ? month >= startMonth && month <= endMonth
    : month >= startMonth || month <= endMonth;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function checkDates(dates: string[]): string[] {
  for (const d of dates) {
    const parsed = new Date(`${d}T00:00:00Z`);
    if (!DATE_RE.test(d) || Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(d))
      throw new StationFailure('BAD_REQUEST', 'datesInvalid', { value: d });
  }
  return [...new Set(dates)].sort();
}

export interface NewPlan {
  kind: SessionKind;
  title: string;
  courseIds?: string[];
  start: Date;
  durationMinutes: number;
  recurrence: Recurrence;
  by: string;
}

/** Validates and stores a plan; returns it as read back. */
export function addPlan(db: Db, p: NewPlan, now: Date): Plan {
  const s = readSettings(db);
  checkDuration(p.durationMinutes);
  const r = p.recurrence;
  let rrule: string | null = null;
  let dates: string | null = null;
  let blockDays: number | null = null;
  if (r.type === 'rrule') rrule = checkRrule(r.rrule);
  if (r.type === 'dates') dates = JSON.stringify(checkDates(r.dates));
  if (r.type === 'block') {
    if (!Number.isInteger(r.days) || r.days < 2 || r.days > 3) {
      throw new StationFailure('BAD_REQUEST', 'blockDaysInvalid', { value: String(r.days) });
    }
    const startMonth = s['winterSpring.startMonth'];
    const endMonth = s['winterSpring.endMonth'];
    const first = zonedParts(p.start, s.timeZone);
    const last = zonedParts(new Date(p.start.getTime() + (r.days - 1) * 86_400_000), s.timeZone);
    if (
      !inWinterSpring(first.month, startMonth, endMonth) ||
      !inWinterSpring(last.month, startMonth, endMonth)
    ) {
      throw new StationFailure('BAD_REQUEST', 'blockOutsideSeason', {
        startMonth,
        endMonth,
        from: isoWithOffset(p.start, s.timeZone).slice(0, 10),
        to: isoWithOffset(
          new Date(p.start.getTime() + (r.days - 1) * 86_400_000),
          s.timeZone,
        ).slice(0, 10),
      });
    }
    blockDays = r.days;
  }
  const info = db
    .prepare(
      `INSERT INTO schedule_plans (kind, title, course_ids, start_at, duration_minutes, recurrence,
         rrule, dates, block_days, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      p.kind,
      p.title,
      JSON.stringify(p.courseIds ?? []),
      p.start.toISOString(),
      p.durationMinutes,
      r.type,
      rrule,
      dates,
      blockDays,
      p.by,
      now.toISOString(),
    );
  return getPlan(db, Number(info.lastInsertRowid));
}

function changeOccurrence(
  db: Db,
  c: {
    planId: number;
    occurrenceStart: Date;
    action: 'move' | 'cancel';
    to?: Date;
    reason: string;
    by: string;
  },
  now: Date,
): Plan {
  const reason = c.reason.trim();
  if (!reason) throw new StationFailure('BAD_REQUEST', 'reasonMissing');
  const tz = readSettings(db).timeZone;
  return db.transaction(() => {
    const plan = getPlan(db, c.planId);
    // Accept the occurrence by its original start, or by where an earlier move put it.
    const moved = plan.exceptions?.find(
      (e) => e.movedTo && e.movedTo.getTime() === c.occurrenceStart.getTime(),
    );
    const original = moved ? moved.originalStart : c.occurrenceStart;
    if (!moved && !isOccurrenceOf(plan, original, tz)) {
      throw new StationFailure('NOT_FOUND', 'occurrenceNotFound', {
        title: plan.title,
        at: isoWithOffset(c.occurrenceStart, tz),
      });
    }
    db.prepare(
      `INSERT INTO schedule_exceptions (plan_id, occurrence_start, action, moved_to, reason,
         recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (plan_id, occurrence_start) DO UPDATE SET action = excluded.action,
         moved_to = excluded.moved_to, reason = excluded.reason,
         recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
    ).run(
      plan.id,
      original.toISOString(),
      c.action,
      c.to ? c.to.toISOString() : null,
      reason,
      c.by,
      now.toISOString(),
    );
    return getPlan(db, plan.id);
  })();
}

/**
 * Removes a plan entered by mistake (all its occurrences disappear). The row stays, marked with
 * when, why and by whom, so the record of what was planned is never silently lost.
 */
export function removePlan(
  db: Db,
  r: { planId: number; reason: string; by: string },
  now: Date,
): Plan {
  const reason = r.reason.trim();
  if (!reason) throw new StationFailure('BAD_REQUEST', 'reasonMissing');
  const plan = getPlan(db, r.planId);
  db.prepare(
    `UPDATE schedule_plans SET removed_at = ?, removed_reason = ?
     WHERE id = ? AND removed_at IS NULL`,
  ).run(now.toISOString(), `${reason} (${r.by})`, plan.id);
  return plan;
}

export function moveOccurrence(
  db: Db,
  c: { planId: number; occurrenceStart: Date; to: Date; reason: string; by: string },
  now: Date,
): Plan {
  return changeOccurrence(db, { ...c, action: 'move' }, now);
}

export function cancelOccurrence(
  db: Db,
  c: { planId: number; occurrenceStart: Date; reason: string; by: string },
  now: Date,
): Plan {
  return changeOccurrence(db, { ...c, action: 'cancel' }, now);
}

/** Every plan's occurrences in a window, in the station's zone. */
export function listOccurrences(db: Db, window: Window): Occurrence[] {
  return expandPlans(listPlans(db), window, readSettings(db).timeZone);
}

// The home screen and the banner ask for upcoming occurrences every few seconds, and the rrule
// library takes milliseconds per plan-year. Plans change rarely, so each plan's expansion over a
// month-anchored span is kept, keyed by the plan as stored (exceptions included) and the zone.
const expansionCache = new Map<string, Occurrence[]>();
const MONTH_MS = 31 * 86_400_000;

function expandCached(plan: Plan, from: Date, to: Date, timeZone: string): Occurrence[] {
  const anchor = Math.floor(from.getTime() / MONTH_MS) * MONTH_MS;
  const span = Math.ceil((to.getTime() - anchor) / MONTH_MS) * MONTH_MS;
  const key = JSON.stringify([plan, timeZone, anchor, span]);
  let occurrences = expansionCache.get(key);
  if (!occurrences) {
    if (expansionCache.size > 2_000) expansionCache.clear();
    occurrences = expandPlans(
      [plan],
      { from: new Date(anchor), to: new Date(anchor + span) },
      timeZone,
    );
    expansionCache.set(key, occurrences);
  }
  return occurrences.filter((o) => o.start >= from && o.start < to);
}

/** The next occurrences that are not cancelled and have not ended, from `now` on. */
export function upcomingOccurrences(db: Db, now: Date, days = 400): Occurrence[] {
  const from = new Date(now.getTime() - 86_400_000);
  const to = new Date(now.getTime() + days * 86_400_000);
  const tz = readSettings(db).timeZone;
  return listPlans(db)
    .flatMap((p) => expandCached(p, from, to, tz))
    .filter((o) => o.status !== 'cancelled' && o.end > now)
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.planId - b.planId);
}
