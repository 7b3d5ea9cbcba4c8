import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { openDatabase, type Db } from '../db/open.js';
import { migrate } from '../db/migrate.js';
import { appendPlay, mergeRanges, playsForSession, secondsIn } from './play-log.js';

describe('watched ranges', () => {
  it('merge overlaps and rewinds so a second watched twice counts once', () => {
    expect(
      mergeRanges([
        [60, 120],
        [0, 30],
        [25, 61],
        [200, 200],
        [-5, 3],
      ]),
    ).toEqual([[0, 120]]);
    expect(
      secondsIn([
        [0, 10],
        [5, 15],
        [20, 25],
      ]),
    ).toBe(20);
  });
});

describe('play log', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let db: Db;
  beforeEach(() => {
    tmp = makeTempDir();
    db = openDatabase(path.join(tmp.dir, 'station.db'));
    migrate(db);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('keeps a durable row per stretch of playback, read back per session', () => {
    const now = new Date('2027-01-09T02:00:00Z');
    const s = db
      .prepare(
        `INSERT INTO study_sessions (kind, title, started_at, started_by, created_at)
         VALUES ('collective', '学习', ?, 'organizer', ?)`,
      )
      .run(now.toISOString(), now.toISOString());
    appendPlay(
      db,
      {
        courseId: 'demo',
        filePath: 'demo/intro.mp4',
        fileSha256: 'a'.repeat(64),
        sessionId: Number(s.lastInsertRowid),
        startedAt: now,
        endedAt: new Date(now.getTime() + 90_000),
        watched: [
          [0, 60],
          [30, 90],
        ],
      },
      now,
    );
    const [row] = playsForSession(db, Number(s.lastInsertRowid));
    expect(row).toMatchObject({ courseId: 'demo', watchedSeconds: 90, watched: [[0, 90]] });
    expect(row!.timeQuality).toBe('trusted');
  });

  it('refuses a row that names both a session and a make-up study', () => {
    expect(() =>
      db
        .prepare(
          `INSERT INTO play_log (course_id, file_path, file_sha256, session_id, makeup_id,
             started_at, ended_at, watched, watched_seconds, recorded_at)
           VALUES ('c', 'f', ?, 1, 1, 'x', 'x', '[]', 0, 'x')`,
        )
        .run('b'.repeat(64)),
    ).toThrow();
  });
});
