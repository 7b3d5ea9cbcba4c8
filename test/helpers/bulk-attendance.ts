import Database from 'better-sqlite3';

/**
 * Fills a station database with `sessions` ended collective sessions of `members` members each,
 * everyone checked in and out: sessions × members export rows, written straight with SQL so a
 * big data set takes seconds, not a million CLI calls.
 */
export function bulkAttendance(dbFile: string, sessions: number, members: number): void {
  const db = new Database(dbFile);
  try {
    db.transaction(() => {
      const addMember = db.prepare(
        `INSERT INTO members (name, role, created_at, updated_at)
         VALUES (?, 'member', '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z')`,
      );
      const first = Number(
        db.prepare('SELECT coalesce(max(id), 0) + 1 AS n FROM members').pluck().get(),
      );
      for (let i = 0; i < members; i++) addMember.run(`党员${first + i}`);
      const addSession = db.prepare(
        `INSERT INTO study_sessions (kind, title, started_at, ended_at, started_by, created_at)
         VALUES ('collective', ?, ?, ?, 'bulk', ?)`,
      );
      const addRecord = db.prepare(
        `INSERT INTO attendance_records (session_id, member_id, kind, at, recorded_by, recorded_at)
         VALUES (?, ?, ?, ?, 'bulk', ?)`,
      );
      const base = Date.UTC(2025, 0, 1, 1, 0);
      for (let s = 0; s < sessions; s++) {
        const start = base + s * 3_600_000 * 6;
        const iso = (ms: number) => new Date(ms).toISOString();
        const sid = Number(
          addSession.run(`第${s + 1}次集中学习`, iso(start), iso(start + 7_200_000), iso(start))
            .lastInsertRowid,
        );
        for (let m = 0; m < members; m++) {
          addRecord.run(sid, first + m, 'check-in', iso(start + m * 1000), iso(start));
          addRecord.run(sid, first + m, 'check-out', iso(start + 5_400_000), iso(start));
        }
      }
    })();
  } finally {
    db.close();
  }
}
