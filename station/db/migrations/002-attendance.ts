import type { Migration } from './index.js';

/**
 * Sessions and attendance. Attendance is an append-only log: check-in, check-out, excused
 * absence and corrections are rows that are never updated or deleted, so the record of what
 * happened stays as it was written and a correction points at what it corrects (DOMAIN.md).
 */
export const m002Attendance: Migration = {
  version: 2,
  name: 'attendance',
  up(db) {
    db.exec(`
      CREATE TABLE study_sessions (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('collective', 'winter-spring', 'party-lecture',
          'new-member', 'theme-day', 'training', 'meeting', 'seminar')),
        title TEXT NOT NULL CHECK (length(title) > 0),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        started_by TEXT NOT NULL,
        ended_by TEXT,
        notes TEXT,                     -- minutes of the meeting (会议记录)
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX study_sessions_started ON study_sessions (started_at);

      CREATE TABLE attendance_records (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES study_sessions (id),
        member_id INTEGER NOT NULL REFERENCES members (id),
        kind TEXT NOT NULL CHECK (kind IN ('check-in', 'check-out', 'excused', 'correction')),
        at TEXT,                        -- the time the record states
        reason TEXT,
        corrects_id INTEGER REFERENCES attendance_records (id),
        field TEXT CHECK (field IN ('check-in', 'check-out', 'credit')), -- what a correction restates
        credit_override REAL,           -- a correction may set the credited 学时 outright
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        CHECK (kind <> 'correction' OR (reason IS NOT NULL AND length(reason) > 0
          AND field IS NOT NULL))
      ) STRICT;
      CREATE INDEX attendance_by_session ON attendance_records (session_id, member_id);
      CREATE INDEX attendance_by_member ON attendance_records (member_id);
      -- One check-in and one check-out per member and session: a second is an error, not a row.
      CREATE UNIQUE INDEX attendance_one_check_in ON attendance_records (session_id, member_id)
        WHERE kind = 'check-in';
      CREATE UNIQUE INDEX attendance_one_check_out ON attendance_records (session_id, member_id)
        WHERE kind = 'check-out';

      -- Hours a mobile member earned where they work (流入地); they count toward the target.
      CREATE TABLE external_hours (
        id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES members (id),
        on_date TEXT NOT NULL,
        hours REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
        place TEXT NOT NULL CHECK (length(place) > 0),
        note TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX external_hours_member ON external_hours (member_id, on_date);
    `);
  },
};
