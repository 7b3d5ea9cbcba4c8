import type { Migration } from './index.js';

/**
 * Device health (issue 7):
 * - `health_snapshots`: graded health readings over time; old ones are folded into one row per
 *   hour, then per day (station/health/history.ts), so months fit in a few MB;
 * - `clock_state`: the one row of trusted-time evidence — the highest time the station has
 *   recorded, the last good time learned from a source with the monotonic clock reading at that
 *   moment, and the offset a technician's correction applies (station/time/trusted-time.ts);
 * - `selftest_runs`: each self-test and its steps' results;
 * - `content_fingerprints`: size and SHA-256 of each content file as last verified, so a later
 *   self-test notices a file that changed on a failing SD card;
 * - `health_marks`: the last successful content sync and upload, written by those capabilities.
 *
 * The high-water mark starts at the latest stamp already in the database, so a clock that reads
 * 2000-01-01 after an upgrade is caught even before the first snapshot.
 */
export const m006Health: Migration = {
  version: 6,
  name: 'health',
  up(db) {
    db.exec(`
      CREATE TABLE health_snapshots (
        id INTEGER PRIMARY KEY,
        taken_at TEXT NOT NULL,
        resolution TEXT NOT NULL CHECK (resolution IN ('raw', 'hour', 'day')),
        samples INTEGER NOT NULL DEFAULT 1 CHECK (samples >= 1),
        worst TEXT NOT NULL CHECK (worst IN ('ok', 'warn', 'fail', 'unknown')),
        items TEXT NOT NULL,              -- JSON [[id, value, grade], ...]
        time_quality TEXT NOT NULL DEFAULT 'trusted' CHECK (time_quality IN ('trusted', 'untrusted'))
      ) STRICT;
      CREATE INDEX health_snapshots_by_time ON health_snapshots (resolution, taken_at);

      CREATE TABLE clock_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        high_water_at TEXT,
        good_at TEXT,
        good_mono_ms REAL,
        good_boot TEXT,
        good_source TEXT,
        learned_at TEXT,
        offset_ms INTEGER NOT NULL DEFAULT 0,
        offset_set_at TEXT,
        offset_source TEXT
      ) STRICT;

      CREATE TABLE selftest_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        overall TEXT NOT NULL CHECK (overall IN ('pass', 'fail', 'unknown')),
        steps TEXT NOT NULL,               -- JSON [{ id, result, detail }]
        run_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE content_fingerprints (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        verified_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE health_marks (
        name TEXT PRIMARY KEY CHECK (name IN ('last-sync', 'last-upload')),
        at TEXT NOT NULL
      ) STRICT;
    `);
    const stamps = [
      "SELECT max(recorded_at) FROM attendance_records WHERE recorded_at LIKE '____-__-__T%'",
      "SELECT max(created_at) FROM study_sessions WHERE created_at LIKE '____-__-__T%'",
      "SELECT max(recorded_at) FROM play_log WHERE recorded_at LIKE '____-__-__T%'",
      "SELECT max(updated_at) FROM settings WHERE updated_at LIKE '____-__-__T%'",
    ];
    let high: number | null = null;
    for (const sql of stamps) {
      const v = db.prepare(sql).pluck().get() as string | null;
      const ms = v ? Date.parse(v) : NaN;
      if (Number.isFinite(ms) && (high === null || ms > high)) high = ms;
    }
    db.prepare('INSERT INTO clock_state (id, high_water_at) VALUES (1, ?)').run(
      high === null ? null : new Date(high).toISOString(),
    );
  },
};
