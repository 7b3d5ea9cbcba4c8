import type { Migration } from './index.js';

/**
 * The shared records three later capabilities meet on, created once so none of them owns the
 * others' tables:
 * - `makeup_studies`: a member's make-up study (补学) of a course outside a collective session;
 * - `play_log`: proof of play, one append-only row per stretch of playback, naming the course,
 *   the exact file (by SHA-256) and what it was played for (a session or a make-up study). The
 *   player writes it, make-up credit and the county's reports read it;
 * - `time_quality` on attendance: whether the clock that stamped a record was trusted (the health
 *   capability decides; until it exists every record is stamped with a trusted clock).
 */
export const m003PlayLog: Migration = {
  version: 3,
  name: 'play-log',
  up(db) {
    db.exec(`
      CREATE TABLE makeup_studies (
        id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES members (id),
        course_id TEXT NOT NULL,
        for_session_id INTEGER REFERENCES study_sessions (id), -- the session missed, if any
        started_at TEXT NOT NULL,
        ended_at TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX makeup_by_member ON makeup_studies (member_id, started_at);

      CREATE TABLE play_log (
        id INTEGER PRIMARY KEY,
        course_id TEXT NOT NULL,
        file_path TEXT NOT NULL,
        file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
        session_id INTEGER REFERENCES study_sessions (id),
        makeup_id INTEGER REFERENCES makeup_studies (id),
        started_at TEXT NOT NULL,       -- wall-clock start of this stretch of playback
        ended_at TEXT NOT NULL,
        watched TEXT NOT NULL,          -- JSON [[fromSeconds, toSeconds], ...] of media time shown
        watched_seconds REAL NOT NULL CHECK (watched_seconds >= 0),
        time_quality TEXT NOT NULL DEFAULT 'trusted' CHECK (time_quality IN ('trusted', 'untrusted')),
        recorded_at TEXT NOT NULL,
        CHECK (session_id IS NULL OR makeup_id IS NULL)
      ) STRICT;
      CREATE INDEX play_log_by_session ON play_log (session_id);
      CREATE INDEX play_log_by_makeup ON play_log (makeup_id);

      ALTER TABLE attendance_records ADD COLUMN time_quality TEXT NOT NULL DEFAULT 'trusted'
        CHECK (time_quality IN ('trusted', 'untrusted'));
    `);
  },
};
