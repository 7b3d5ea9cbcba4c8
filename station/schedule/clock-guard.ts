/**
 * Scheduling's own guard against a clock that went backwards (an unset RTC reading 2000-01-01):
 * the latest time already recorded is a high-water mark, and a clock earlier than it is not
 * believed — nothing fires, no month is marked missed, no session is started on its word. A
 * forward jump cannot be told from a long power-off without a good time source, so it is
 * trusted (the health capability adds good sources and may later override this).
 */
import type { Db } from '../db/open.js';

export interface ClockVerdict {
  trusted: boolean;
  /** The clock when trusted, else the high-water mark: the latest time we know has passed. */
  effectiveNow: Date;
  highWater: Date | null;
}

/** The latest time the records prove has passed. */
export function highWaterMark(db: Db): Date | null {
  const row = db
    .prepare(
      `SELECT max(t) AS t FROM (
         SELECT high_water AS t FROM schedule_clock
         UNION ALL SELECT max(last_ran_at) FROM job_runs
         UNION ALL SELECT max(created_at) FROM study_sessions
         UNION ALL SELECT max(recorded_at) FROM attendance_records
       )`,
    )
    .get() as { t: string | null };
  return row.t ? new Date(row.t) : null;
}

/** Judges the clock without writing anything (for `schedule due`, which only reads). */
export function judgeClock(db: Db, now: Date): ClockVerdict {
  const highWater = highWaterMark(db);
  if (highWater && now < highWater) return { trusted: false, effectiveNow: highWater, highWater };
  return { trusted: true, effectiveNow: now, highWater };
}

/** Judges the clock and, when trusted, raises the high-water mark to it. */
export function observeClock(db: Db, now: Date): ClockVerdict {
  const verdict = judgeClock(db, now);
  if (verdict.trusted) {
    db.prepare(
      `INSERT INTO schedule_clock (id, high_water) VALUES (1, ?)
       ON CONFLICT (id) DO UPDATE SET high_water = max(high_water, excluded.high_water)`,
    ).run(now.toISOString());
  }
  return verdict;
}
