import type { Migration } from './index.js';

/**
 * Scheduling (issue 5):
 * - `schedule_plans`: what the village plans to hold. `start_at` is the first occurrence as an
 *   instant; expansion re-reads it as local wall time in the station's zone, so a monthly 09:00
 *   stays 09:00 across a DST change. `recurrence` says how it repeats: once, an RFC 5545 RRULE,
 *   a list of single local dates, or a multi-day block (冬春训: `block_days` consecutive days).
 * - `schedule_exceptions`: one occurrence moved or cancelled with a reason; the others untouched.
 *   Keyed by the occurrence's original start; a later change replaces the earlier one.
 * - `job_runs`: each periodic job's last run (the tick it stood for and the wall clock at the
 *   time), so a restart neither re-fires nor forgets what was missed while the power was off.
 * - `schedule_clock`: the latest time scheduling has seen (high-water mark). A clock earlier than
 *   this is not believed: nothing fires and nothing is marked missed on its word.
 * - `obligation_records`: obligations recorded when their period ended (a month without a held
 *   collective study), once each.
 * - `reminder_log`: reminders shown (or dropped as stale) per occurrence and stage, once each.
 */
export const m008Schedule: Migration = {
  version: 8,
  name: 'schedule',
  up(db) {
    db.exec(`
      CREATE TABLE schedule_plans (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('collective', 'winter-spring', 'party-lecture',
          'new-member', 'theme-day', 'training', 'meeting', 'seminar')),
        title TEXT NOT NULL CHECK (length(title) > 0),
        course_ids TEXT NOT NULL DEFAULT '[]',   -- JSON array of course ids
        start_at TEXT NOT NULL,                  -- first occurrence, ISO instant (UTC)
        duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
        recurrence TEXT NOT NULL CHECK (recurrence IN ('once', 'rrule', 'dates', 'block')),
        rrule TEXT,                              -- RFC 5545 RRULE body, without DTSTART
        dates TEXT,                              -- JSON array of local dates 'YYYY-MM-DD'
        block_days INTEGER CHECK (block_days IS NULL OR block_days BETWEEN 1 AND 7),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        removed_at TEXT,                         -- a plan entered by mistake is removed, not deleted
        removed_reason TEXT,
        CHECK (recurrence <> 'rrule' OR rrule IS NOT NULL),
        CHECK (recurrence <> 'dates' OR dates IS NOT NULL),
        CHECK (recurrence <> 'block' OR block_days IS NOT NULL)
      ) STRICT;

      CREATE TABLE schedule_exceptions (
        plan_id INTEGER NOT NULL REFERENCES schedule_plans (id),
        occurrence_start TEXT NOT NULL,          -- the original start, ISO instant (UTC)
        action TEXT NOT NULL CHECK (action IN ('move', 'cancel')),
        moved_to TEXT,                           -- ISO instant (UTC) for a move
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (plan_id, occurrence_start),
        CHECK (action <> 'move' OR moved_to IS NOT NULL)
      ) STRICT;

      CREATE TABLE job_runs (
        job_id TEXT PRIMARY KEY,
        last_due TEXT NOT NULL,                  -- the tick the last run stood for
        last_ran_at TEXT NOT NULL,               -- the clock when it ran
        last_error TEXT
      ) STRICT;

      CREATE TABLE schedule_clock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        high_water TEXT NOT NULL
      ) STRICT;

      CREATE TABLE obligation_records (
        kind TEXT NOT NULL CHECK (kind IN ('collective-missed')),
        period TEXT NOT NULL,                    -- 'YYYY-MM' for a month
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (kind, period)
      ) STRICT;

      CREATE TABLE reminder_log (
        plan_id INTEGER NOT NULL REFERENCES schedule_plans (id),
        occurrence_start TEXT NOT NULL,          -- the occurrence's (original) start, ISO UTC
        stage TEXT NOT NULL CHECK (stage IN ('day-before', 'hour-before', 'start')),
        outcome TEXT NOT NULL CHECK (outcome IN ('shown', 'dropped')),
        at TEXT NOT NULL,
        PRIMARY KEY (plan_id, occurrence_start, stage)
      ) STRICT;
    `);
  },
};
