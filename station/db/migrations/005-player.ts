import type { Migration } from './index.js';

/**
 * Where each course file stopped playing, so the next showing resumes there (renumbered at merge
 * if another capability takes 4 first). One row per file, overwritten: it is a bookmark, not a
 * record — the proof of what was shown is the append-only play_log.
 */
export const m005Player: Migration = {
  version: 5,
  name: 'player',
  up(db) {
    db.exec(`
      CREATE TABLE player_positions (
        course_id TEXT NOT NULL,
        file_path TEXT NOT NULL,
        position_seconds REAL NOT NULL CHECK (position_seconds >= 0),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (course_id, file_path)
      ) STRICT;
    `);
  },
};
