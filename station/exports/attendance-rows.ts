import type { Db } from '../db/open.js';
import { attendedMinutes, creditForMinutes, type HoursPolicy } from '../domain/hours.js';

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
 * member added to the roster later was not expected at an earlier session.
 */
const rowsSql = (sessionFilter: string) => `
  SELECT s.id, s.kind, s.title, s.started_at, s.ended_at,
         m.id, m.name, m.role, m.role_title,
         a.kind, a.at, a.reason, a.field, a.credit_override, a.time_quality,
         EXISTS (SELECT 1 FROM makeup_studies mk
                 WHERE mk.member_id = m.id AND mk.for_session_id = s.id)
  FROM study_sessions s
  CROSS JOIN members m
  LEFT JOIN attendance_records a ON a.session_id = s.id AND a.member_id = m.id
  WHERE ${sessionFilter}
    AND (a.id IS NOT NULL
         OR (m.state = 'active' AND m.created_at <= COALESCE(s.ended_at, s.started_at)))
  ORDER BY s.started_at, s.id, m.id, a.id`;

type RawRow = [
  sessionId: number,
  sessionKind: string,
  title: string,
  startedAt: string,
  endedAt: string | null,
  memberId: number,
  name: string,
  role: string,
  roleTitle: string | null,
  kind: string | null,
  at: string | null,
  reason: string | null,
  field: string | null,
  creditOverride: number | null,
  timeQuality: string | null,
  makeup: number,
];

/**
 * Streams the export rows of sessions that started in [from, to) (or of one session): one SQLite cursor, one line
 * held at a time, so a year of a big community never sits in memory. A session still running is
 * counted up to `now`. The latest correction of a field wins and marks the line corrected.
 */
export function* attendanceRows(
  db: Db,
  range: { from: Date; to: Date } | { sessionId: number },
  policy: HoursPolicy,
  now: Date,
): Generator<AttendanceExportRow> {
  const [stmt, params] =
    'sessionId' in range
      ? [db.prepare(rowsSql('s.id = ?')).raw(true), [range.sessionId]]
      : [
          db.prepare(rowsSql('s.started_at >= ? AND s.started_at < ?')).raw(true),
          [range.from.toISOString(), range.to.toISOString()],
        ];
  let cur: (AttendanceExportRow & { override: number | null }) | null = null;
  const finish = (line: AttendanceExportRow & { override: number | null }) => {
    const { override, ...row } = line;
    if (row.checkIn) {
      const start = new Date(row.sessionStartedAt);
      const end = row.sessionEndedAt ? new Date(row.sessionEndedAt) : now;
      const minutes = attendedMinutes(
        { start, end },
        new Date(row.checkIn),
        row.checkOut ? new Date(row.checkOut) : null,
      );
      row.minutes = Math.round(minutes * 10) / 10;
      row.status = 'present';
    } else row.status = row.reason !== null ? 'excused' : 'absent';
    row.credit = override ?? (row.checkIn ? creditForMinutes(row.minutes, policy) : 0);
    return row;
  };
  for (const r of stmt.iterate(...params) as Iterable<RawRow>) {
    if (!cur || cur.sessionId !== r[0] || cur.memberId !== r[5]) {
      if (cur) yield finish(cur);
      cur = {
        sessionId: r[0],
        sessionKind: r[1],
        sessionTitle: r[2],
        sessionStartedAt: r[3],
        sessionEndedAt: r[4],
        memberId: r[5],
        memberName: r[6],
        memberRole: r[7],
        roleTitle: r[8],
        checkIn: null,
        checkOut: null,
        minutes: 0,
        credit: 0,
        status: 'absent',
        reason: null,
        makeup: r[15] === 1,
        corrected: false,
        timeQuality: 'trusted',
        override: null,
      };
    }
    const kind = r[9];
    if (kind === null) continue;
    if (r[14] === 'untrusted') cur.timeQuality = 'untrusted';
    if (kind === 'check-in') cur.checkIn = r[10];
    else if (kind === 'check-out') cur.checkOut = r[10];
    else if (kind === 'excused') cur.reason = r[11];
    else if (kind === 'correction') {
      cur.corrected = true;
      if (r[12] === 'check-in') cur.checkIn = r[10];
      else if (r[12] === 'check-out') cur.checkOut = r[10];
      else if (r[12] === 'credit') cur.override = r[13];
    }
  }
  if (cur) yield finish(cur);
}
