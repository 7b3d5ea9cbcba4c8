import type { Db } from '../db/open.js';
import { cachedStatement, cachedTransaction } from '../db/statements.js';
import { chainRecord } from '../evidence/chain.js';
import { StationFailure } from '../errors.js';
import { isoWithOffset } from '../domain/zoned-time.js';
import { getSetting } from '../settings/store.js';
import { timeQuality } from '../time/trusted-time.js';
import type { SessionKind } from './kinds.js';
import type { MemberRef } from './member-lookup.js';

/** Times in messages read in the station's zone, as the people in the room know them. */
function local(db: Db, iso: string | null): string {
  return iso ? isoWithOffset(new Date(iso), getSetting(db, 'timeZone')) : '';
}

export interface SessionRow {
  id: number;
  kind: SessionKind;
  title: string;
  startedAt: string;
  endedAt: string | null;
}

const SESSION_COLUMNS =
  'id, kind, title, started_at AS startedAt, ended_at AS endedAt FROM study_sessions';

/** The most recent sessions, newest first (times in UTC as stored). */
export function recentSessions(db: Db, limit: number): SessionRow[] {
  return cachedStatement(
    db,
    `SELECT ${SESSION_COLUMNS} ORDER BY started_at DESC, id DESC LIMIT ?`,
  ).all(limit) as SessionRow[];
}

export function getSession(db: Db, id: number): SessionRow {
  const row = cachedStatement(db, `SELECT ${SESSION_COLUMNS} WHERE id = ?`).get(id) as
    SessionRow | undefined;
  if (!row) throw new StationFailure('NOT_FOUND', 'sessionNotFound', { id });
  return row;
}

export function startSession(
  db: Db,
  s: { kind: SessionKind; title: string; at: Date; by: string },
  now: Date,
): SessionRow {
  const info = db
    .prepare(
      `INSERT INTO study_sessions (kind, title, started_at, started_by, created_at)
       VALUES (?, ?, ?, ?, ?)`,
    )
    .run(s.kind, s.title, s.at.toISOString(), s.by, now.toISOString());
  return getSession(db, Number(info.lastInsertRowid));
}

export function endSession(db: Db, id: number, at: Date, by: string): SessionRow {
  const s = getSession(db, id);
  if (s.endedAt) throw new StationFailure('CONFLICT', 'sessionAlreadyEnded', { title: s.title });
  if (at < new Date(s.startedAt)) {
    throw new StationFailure('BAD_REQUEST', 'endBeforeStart', {
      at: local(db, at.toISOString()),
      start: local(db, s.startedAt),
    });
  }
  db.prepare('UPDATE study_sessions SET ended_at = ?, ended_by = ? WHERE id = ?').run(
    at.toISOString(),
    by,
    id,
  );
  return getSession(db, id);
}

interface RecordRow {
  id: number;
  kind: string;
  at: string | null;
}

function recordsOf(db: Db, sessionId: number, memberId: number): RecordRow[] {
  return cachedStatement(
    db,
    `SELECT id, kind, at FROM attendance_records
     WHERE session_id = ? AND member_id = ? ORDER BY id`,
  ).all(sessionId, memberId) as RecordRow[];
}

function append(
  db: Db,
  r: {
    sessionId: number;
    memberId: number;
    kind: 'check-in' | 'check-out' | 'excused' | 'correction';
    at: Date | null;
    reason?: string | null;
    correctsId?: number | null;
    field?: 'check-in' | 'check-out' | 'credit' | null;
    creditOverride?: number | null;
    by: string;
  },
  now: Date,
): number {
  const info = cachedStatement(
    db,
    `INSERT INTO attendance_records (session_id, member_id, kind, at, reason, corrects_id,
       field, credit_override, recorded_by, recorded_at, time_quality)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.sessionId,
    r.memberId,
    r.kind,
    r.at ? r.at.toISOString() : null,
    r.reason ?? null,
    r.correctsId ?? null,
    r.field ?? null,
    r.creditOverride ?? null,
    r.by,
    now.toISOString(),
    timeQuality(db, now),
  );
  const id = Number(info.lastInsertRowid);
  chainRecord(db, 'attendance_records', id); // tamper evidence, in the caller's transaction
  return id;
}

/**
 * Records a check-in. Refused (not a second row) when the member already checked in, the session
 * has ended or does not exist, or the member has left. Committed before it returns: with
 * synchronous=FULL the record is on disk before the kiosk shows its ✓.
 */
export function checkIn(...args: Parameters<typeof checkInNow>): number {
  // IMMEDIATE: the refusal checks read under the write lock, so a check-in written by another
  // process in between (the CLI beside the kiosk) waits its turn instead of failing the commit.
  return cachedTransaction(args[0], checkInNow).immediate(...args);
}

/** The check-in's transaction body: every input an argument, so one wrapper serves all calls. */
function checkInNow(
  db: Db,
  sessionId: number,
  member: MemberRef,
  at: Date,
  by: string,
  now: Date,
): number {
  const s = getSession(db, sessionId);
  if (s.endedAt) {
    throw new StationFailure('CONFLICT', 'sessionEnded', {
      title: s.title,
      at: local(db, s.endedAt),
    });
  }
  if (member.state !== 'active') {
    throw new StationFailure('CONFLICT', 'memberInactive', {
      name: member.name,
      state: member.state,
    });
  }
  const existing = recordsOf(db, sessionId, member.id);
  const prior = existing.find((r) => r.kind === 'check-in');
  if (prior) {
    throw new StationFailure('CONFLICT', 'alreadyCheckedIn', {
      name: member.name,
      at: local(db, prior.at),
    });
  }
  return append(db, { sessionId, memberId: member.id, kind: 'check-in', at, by }, now);
}

export function checkOut(
  db: Db,
  sessionId: number,
  member: MemberRef,
  at: Date,
  by: string,
  now: Date,
): number {
  return db.transaction(() => {
    getSession(db, sessionId); // a missing session is a clear error before anything else
    const existing = recordsOf(db, sessionId, member.id);
    const checkInRow = existing.find((r) => r.kind === 'check-in');
    if (!checkInRow) throw new StationFailure('CONFLICT', 'notCheckedIn', { name: member.name });
    const prior = existing.find((r) => r.kind === 'check-out');
    if (prior) {
      throw new StationFailure('CONFLICT', 'alreadyCheckedOut', {
        name: member.name,
        at: local(db, prior.at),
      });
    }
    if (checkInRow.at && at < new Date(checkInRow.at)) {
      throw new StationFailure('BAD_REQUEST', 'checkoutBeforeCheckin', {
        at: local(db, at.toISOString()),
        checkIn: local(db, checkInRow.at),
      });
    }
    return append(db, { sessionId, memberId: member.id, kind: 'check-out', at, by }, now);
  })();
}

export function recordExcused(
  db: Db,
  sessionId: number,
  member: MemberRef,
  reason: string,
  by: string,
  now: Date,
): number {
  return db.transaction(() => {
    getSession(db, sessionId);
    const existing = recordsOf(db, sessionId, member.id);
    if (existing.some((r) => r.kind === 'check-in')) {
      throw new StationFailure('CONFLICT', 'excusedButPresent', { name: member.name });
    }
    if (existing.some((r) => r.kind === 'excused')) {
      throw new StationFailure('CONFLICT', 'alreadyExcused', { name: member.name });
    }
    return append(
      db,
      { sessionId, memberId: member.id, kind: 'excused', at: null, reason, by },
      now,
    );
  })();
}

/**
 * Appends a correction; nothing is edited. It may restate a check-in or check-out time (pointing
 * at the record it corrects) or set the credited 学时 outright.
 */
export function correctAttendance(
  db: Db,
  c: {
    sessionId: number;
    member: MemberRef;
    checkIn?: Date;
    checkOut?: Date;
    credit?: number;
    reason: string;
    by: string;
  },
  now: Date,
): number[] {
  return db.transaction(() => {
    getSession(db, c.sessionId);
    const existing = recordsOf(db, c.sessionId, c.member.id);
    if (existing.length === 0) {
      throw new StationFailure('CONFLICT', 'nothingToCorrect', { name: c.member.name });
    }
    const target = (kind: string) => existing.find((r) => r.kind === kind)?.id ?? null;
    const base = { sessionId: c.sessionId, memberId: c.member.id, kind: 'correction' as const };
    const ids: number[] = [];
    if (c.checkIn) {
      const correctsId = target('check-in');
      ids.push(
        append(
          db,
          { ...base, field: 'check-in', at: c.checkIn, correctsId, reason: c.reason, by: c.by },
          now,
        ),
      );
    }
    if (c.checkOut) {
      const correctsId = target('check-out');
      ids.push(
        append(
          db,
          { ...base, field: 'check-out', at: c.checkOut, correctsId, reason: c.reason, by: c.by },
          now,
        ),
      );
    }
    if (c.credit !== undefined) {
      const correctsId = target('check-in') ?? target('excused');
      ids.push(
        append(
          db,
          {
            ...base,
            field: 'credit',
            at: null,
            correctsId,
            creditOverride: c.credit,
            reason: c.reason,
            by: c.by,
          },
          now,
        ),
      );
    }
    return ids;
  })();
}
