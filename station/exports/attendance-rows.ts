import type { Db } from '../db/open.js';
import { attendedMinutesAt, creditForMinutes, type HoursPolicy } from '../domain/hours.js';

export type AttendanceStatus = 'present' | 'excused' | 'absent';

/** One member in one session, as the county reads it: the append-only log folded to one line. */
export interface AttendanceExportRow {
  sessionId: number;
  sessionKind: string;
  sessionTitle: string;
  sessionStartedAt: string;
  sessionEndedAt: string | null;
  memberId: number;
  memberName: string;
  memberRole: string;
  roleTitle: string | null;
  /** ISO instants as stored (UTC); the writers show them in the station's zone. */
  checkIn: string | null;
  checkOut: string | null;
  minutes: number;
  credit: number;
  status: AttendanceStatus;
  reason: string | null;
  makeup: boolean;
  corrected: boolean;
  timeQuality: 'trusted' | 'untrusted';
}

/**
 * Every (session, member) pair in range with its records, in session then member then record
 * order, so one pass folds them. A member appears in a session when they have a record in it, or
 * (absent) when they are on the active roster and were entered before the session ended: a
 * member added to the roster later was not expected at an earlier session. Only ids and the
 * record's own fields come per row; sessions, members and make-ups are looked up in maps read
 * once, because carrying each value across from SQLite is what a million rows pay for.
 */
const rowsSql = (sessionFilter: string) => `
  SELECT s.id, m.id, a.kind, a.at, a.reason, a.field, a.credit_override, a.time_quality
  FROM study_sessions s
  CROSS JOIN members m
  LEFT JOIN attendance_records a ON a.session_id = s.id AND a.member_id = m.id
  WHERE ${sessionFilter}
    AND (a.id IS NOT NULL
         OR (m.state = 'active' AND m.created_at <= COALESCE(s.ended_at, s.started_at)))
  ORDER BY s.started_at, s.id, m.id, a.id`;

type RawRow = [
  sessionId: number,
  memberId: number,
  kind: string | null,
  at: string | null,
  reason: string | null,
  field: string | null,
  creditOverride: number | null,
  timeQuality: string | null,
];

interface SessionInfo {
  kind: string;
  title: string;
  startedAt: string;
  endedAt: string | null;
  startMs: number;
  endMs: number | null;
}

/**
 * Streams the export rows of sessions that started in [from, to) (or of one session): one
 * SQLite cursor, one line held at a time, so a year of a big community never sits in memory.
 * A session still running is counted up to `now`. The latest correction of a field wins and
 * marks the line corrected.
 */
export function* attendanceRows(
  db: Db,
  range: { from: Date; to: Date } | { sessionId: number },
  policy: HoursPolicy,
  now: Date,
): Generator<AttendanceExportRow> {
  const filter = 'sessionId' in range ? 's.id = ?' : 's.started_at >= ? AND s.started_at < ?';
  const params =
    'sessionId' in range ? [range.sessionId] : [range.from.toISOString(), range.to.toISOString()];
  const sessions = new Map<number, SessionInfo>();
  for (const s of db
    .prepare(
      `SELECT s.id, s.kind, s.title, s.started_at AS startedAt, s.ended_at AS endedAt
       FROM study_sessions s WHERE ${filter}`,
    )
    .all(...params) as (Omit<SessionInfo, 'startMs' | 'endMs'> & { id: number })[]) {
    sessions.set(s.id, {
      ...s,
      startMs: Date.parse(s.startedAt),
      endMs: s.endedAt ? Date.parse(s.endedAt) : null,
    });
  }
  const members = new Map<number, { name: string; role: string; roleTitle: string | null }>();
  for (const m of db
    .prepare('SELECT id, name, role, role_title AS roleTitle FROM members')
    .all() as { id: number; name: string; role: string; roleTitle: string | null }[]) {
    members.set(m.id, m);
  }
  const makeups = new Set(
    db
      .prepare(
        `SELECT mk.for_session_id || ':' || mk.member_id FROM makeup_studies mk
         JOIN study_sessions s ON s.id = mk.for_session_id WHERE ${filter}`,
      )
      .pluck()
      .all(...params) as string[],
  );
  const nowMs = now.getTime();

  let cur: AttendanceExportRow | null = null;
  let override: number | null = null;
  let session: SessionInfo | undefined;
  const finish = (row: AttendanceExportRow) => {
    if (row.checkIn) {
      // A session still running counts to now.
      const minutes = attendedMinutesAt(
        session!.startMs,
        session!.endMs ?? nowMs,
        Date.parse(row.checkIn),
        row.checkOut ? Date.parse(row.checkOut) : null,
      );
      row.minutes = Math.round(minutes * 10) / 10;
      row.status = 'present';
    } else row.status = row.reason !== null ? 'excused' : 'absent';
    row.credit = override ?? (row.checkIn ? creditForMinutes(row.minutes, policy) : 0);
    return row;
  };
  const stmt = db.prepare(rowsSql(filter)).raw(true);
  for (const r of stmt.iterate(...params) as Iterable<RawRow>) {
    if (!cur || cur.sessionId !== r[0] || cur.memberId !== r[1]) {
      if (cur) yield finish(cur);
      session = sessions.get(r[0])!;
      const member = members.get(r[1])!;
      cur = {
        sessionId: r[0],
        sessionKind: session.kind,
        sessionTitle: session.title,
        sessionStartedAt: session.startedAt,
        sessionEndedAt: session.endedAt,
        memberId: r[1],
        memberName: member.name,
        memberRole: member.role,
        roleTitle: member.roleTitle,
        checkIn: null,
        checkOut: null,
        minutes: 0,
        credit: 0,
        status: 'absent',
        reason: null,
        makeup: makeups.size > 0 && makeups.has(`${r[0]}:${r[1]}`),
        corrected: false,
        timeQuality: 'trusted',
      };
      override = null;
    }
    const kind = r[2];
    if (kind === null) continue;
    if (r[7] === 'untrusted') cur.timeQuality = 'untrusted';
    if (kind === 'check-in') cur.checkIn = r[3];
    else if (kind === 'check-out') cur.checkOut = r[3];
    else if (kind === 'excused') cur.reason = r[4];
    else if (kind === 'correction') {
      cur.corrected = true;
      if (r[5] === 'check-in') cur.checkIn = r[3];
      else if (r[5] === 'check-out') cur.checkOut = r[3];
      else if (r[5] === 'credit') override = r[6];
    }
  }
  if (cur) yield finish(cur);
}

/** How many lines attendanceRows will yield for the range: the total of a progress bar. */
export function countAttendanceRows(db: Db, range: { from: Date; to: Date }): number {
  return db
    .prepare(
      `SELECT count(*) FROM study_sessions s CROSS JOIN members m
       WHERE s.started_at >= ? AND s.started_at < ?
         AND (EXISTS (SELECT 1 FROM attendance_records a
                      WHERE a.session_id = s.id AND a.member_id = m.id)
              OR (m.state = 'active' AND m.created_at <= COALESCE(s.ended_at, s.started_at)))`,
    )
    .pluck()
    .get(range.from.toISOString(), range.to.toISOString()) as number;
}
