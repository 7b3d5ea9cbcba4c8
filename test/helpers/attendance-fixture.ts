/**
 * A real station database in a temp dir, with small helpers to write what the kiosk and the
 * player write (members, sessions, check-ins, make-ups, play rows), for the report unit tests.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { openDatabase, type Db } from '../../station/db/open.js';
import { migrate } from '../../station/db/migrate.js';
import { writeSetting } from '../../station/settings/store.js';
import { insertMember } from '../../station/members/repository.js';
import type { MemberRole } from '../../station/domain/roles.js';
import type { SessionKind } from '../../station/attendance/kinds.js';
import { endSession, startSession } from '../../station/attendance/sessions.js';
import { startMakeup } from '../../station/attendance/makeup.js';
import { appendPlay, type WatchedRange } from '../../station/playback/play-log.js';
import { recordExternalHours } from '../../station/attendance/external-hours.js';
import { makeTempDir } from './temp-dir.js';

const T = (iso: string) => new Date(iso);

export interface Fixture {
  db: Db;
  cleanup(): void;
  member(
    name: string,
    o?: { role?: MemberRole; joinedOn?: string; mobile?: boolean; worksIn?: string },
  ): { id: number; name: string; state: string; role: string };
  /** A session from `start` to `end` (local ISO with offset); returns its id. */
  session(kind: SessionKind, start: string, end: string | null, title?: string): number;
  attend(sessionId: number, m: { id: number; name: string }, from: string, to?: string): void;
  makeup(
    m: { id: number },
    at: string,
    watched: WatchedRange[],
    o?: { forSessionId?: number; minutes?: number; file?: string; course?: string },
  ): number;
  /** One more stretch of playback for a make-up. */
  play(
    makeupId: number,
    at: string,
    watched: WatchedRange[],
    o?: { minutes?: number; file?: string; course?: string },
  ): void;
  external(m: { id: number }, date: string, hours: number): void;
}

export function makeFixture(setUpOn = '2026-01-01'): Fixture {
  const tmp = makeTempDir('station-report-');
  const db = openDatabase(path.join(tmp.dir, 'station.db'));
  migrate(db);
  const now = T('2026-01-01T00:00:00Z');
  writeSetting(db, 'station.setUpOn', setUpOn, now);
  return {
    db,
    cleanup() {
      db.close();
      tmp.cleanup();
    },
    member(name, o = {}) {
      const role = o.role ?? 'member';
      const id = insertMember(
        db,
        {
          name,
          gender: null,
          birthDate: null,
          joinedOn: o.joinedOn ?? null,
          status: 'full',
          role,
          roleTitle: null,
          phone: null,
          isMobile: o.mobile ?? false,
          worksIn: o.worksIn ?? null,
          cardCode: null,
        },
        now,
      );
      return { id, name, state: 'active', role };
    },
    session(kind, start, end, title = `${kind} ${start}`) {
      const s = startSession(db, { kind, title, at: T(start), by: 'test' }, T(start));
      if (end) endSession(db, s.id, T(end), 'test');
      return s.id;
    },
    // Written as the kiosk writes them, but after the fact (the session may have ended already).
    attend(sessionId, m, from, to) {
      const insert = db.prepare(
        `INSERT INTO attendance_records (session_id, member_id, kind, at, recorded_by, recorded_at)
         VALUES (?, ?, ?, ?, 'test', ?)`,
      );
      insert.run(sessionId, m.id, 'check-in', T(from).toISOString(), T(from).toISOString());
      if (to) insert.run(sessionId, m.id, 'check-out', T(to).toISOString(), T(to).toISOString());
    },
    makeup(m, at, watched, o = {}) {
      const start = T(at);
      const id = startMakeup(
        db,
        {
          memberId: m.id,
          courseId: o.course ?? 'course-1',
          forSessionId: o.forSessionId ?? null,
          at: start,
          by: 'test',
        },
        start,
      );
      if (watched.length > 0) this.play(id, at, watched, o);
      return id;
    },
    play(makeupId, at, watched, o = {}) {
      const start = T(at);
      const wallMinutes = o.minutes ?? Math.max(...watched.map(([, b]) => b)) / 60;
      const file = o.file ?? 'course-1/part1.mp4';
      appendPlay(
        db,
        {
          courseId: o.course ?? 'course-1',
          filePath: file,
          fileSha256: crypto.createHash('sha256').update(file).digest('hex'),
          makeupId,
          startedAt: start,
          endedAt: new Date(start.getTime() + wallMinutes * 60_000),
          watched,
        },
        start,
      );
    },
    external(m, date, hours) {
      recordExternalHours(
        db,
        { memberId: m.id, date, hours, place: '深圳', note: null, by: 'test' },
        T(`${date}T12:00:00+08:00`),
      );
    },
  };
}
