import type { Migration } from './index.js';

/**
 * What the kiosk attaches to a session while it runs (issue 4, "Running a session"):
 * - `session_minutes`: the minutes (会议记录) as versions; the newest is in force, earlier ones
 *   stay so the record 三会一课 requires shows who wrote what and when. `study_sessions.notes`
 *   (migration 2) holds the text in force for readers that want only that.
 * - `session_photos`: photos of the session, the files under DATA/photos/<session>/; the row
 *   names the file, its SHA-256 and who took it.
 * - an index on `members.updated_at`: the check-in search asks on every keystroke whether the
 *   roster changed (max(updated_at)), which without it reads the whole table.
 */
export const m007Checkin: Migration = {
  version: 7,
  name: 'checkin',
  up(db) {
    db.exec(`
      CREATE TABLE session_minutes (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES study_sessions (id),
        text TEXT NOT NULL,
        written_by TEXT NOT NULL,
        written_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX session_minutes_by_session ON session_minutes (session_id, id);

      CREATE TABLE session_photos (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES study_sessions (id),
        file TEXT NOT NULL UNIQUE,      -- relative to the data directory: photos/<session>/<name>
        mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        sha256 TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('file', 'camera')),
        taken_by TEXT NOT NULL,
        taken_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX session_photos_by_session ON session_photos (session_id, id);

      CREATE INDEX members_updated ON members (updated_at);
    `);
  },
};
