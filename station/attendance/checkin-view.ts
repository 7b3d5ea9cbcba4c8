import type {
  CheckinAttendee,
  CheckinCounts,
  CheckinSessionView,
} from '../../common/contract-checkin.js';
import type { Db } from '../db/open.js';
import { isoWithOffset } from '../domain/zoned-time.js';
import { getSession, type SessionRow } from './sessions.js';
import { listSessionPhotos, latestMinutes } from './session-extras.js';

/** The instant after which a check-in is late: the start plus the policy's grace. */
export function lateAfter(session: Pick<SessionRow, 'startedAt'>, graceMinutes: number): Date {
  return new Date(new Date(session.startedAt).getTime() + graceMinutes * 60_000);
}

interface RecordRow {
  memberId: number;
  name: string;
  role: CheckinAttendee['role'];
  roleTitle: string | null;
  kind: string;
  at: string | null;
  reason: string | null;
  field: string | null;
  recordedBy: string;
}

/**
 * Each member with a record in the session, folded from the append-only log: a correction of
 * the check-in or check-out time wins over the original, as in the hours report.
 */
export function sessionAttendees(
  db: Db,
  sessionId: number,
  lateFrom: Date,
  timeZone: string,
): CheckinAttendee[] {
  const rows = db
    .prepare(
      `SELECT a.member_id AS memberId, m.name, m.role, m.role_title AS roleTitle, a.kind, a.at,
              a.reason, a.field, a.recorded_by AS recordedBy
       FROM attendance_records a JOIN members m ON m.id = a.member_id
       WHERE a.session_id = ? ORDER BY a.id`,
    )
    .all(sessionId) as RecordRow[];
  const byMember = new Map<number, { in: string | null; out: string | null; row: RecordRow }>();
  const excused = new Map<number, string | null>();
  for (const r of rows) {
    const cur = byMember.get(r.memberId) ?? { in: null, out: null, row: r };
    cur.row = r;
    if (r.kind === 'check-in' || (r.kind === 'correction' && r.field === 'check-in')) cur.in = r.at;
    else if (r.kind === 'check-out' || (r.kind === 'correction' && r.field === 'check-out'))
      cur.out = r.at;
    else if (r.kind === 'excused') excused.set(r.memberId, r.reason);
    byMember.set(r.memberId, cur);
  }
  const local = (iso: string | null) => (iso ? isoWithOffset(new Date(iso), timeZone) : null);
  return [...byMember.entries()].map(([memberId, v]) => {
    const status: CheckinAttendee['status'] = v.in ? (v.out ? 'left' : 'present') : 'excused';
    return {
      id: memberId,
      name: v.row.name,
      role: v.row.role,
      roleTitle: v.row.roleTitle,
      status,
      checkedInAt: local(v.in),
      checkedOutAt: local(v.out),
      late: v.in !== null && new Date(v.in) > lateFrom,
      reason: excused.get(memberId) ?? null,
      recordedBy: v.row.recordedBy,
    };
  });
}

/**
 * Counts for the header, aggregated in SQL over the whole session: what the session view shows.
 * A check-in answers from SessionCounter (session-counts.ts) instead, which keeps the same numbers
 * without re-reading the session; its tests hold it to this definition.
 */
export function sessionCounts(
  db: Db,
  sessionId: number,
  lateFrom: Date,
  rosterSize: number,
): CheckinCounts {
  const row = db
    .prepare(
      `SELECT count(*) AS marked,
              coalesce(sum(hasIn AND NOT hasOut), 0) AS present,
              coalesce(sum(hasIn AND hasOut), 0) AS left,
              coalesce(sum(excused AND NOT hasIn), 0) AS excused,
              coalesce(sum(late), 0) AS late,
              coalesce(sum(active), 0) AS activeMarked
       FROM (SELECT a.member_id,
                    max(a.kind = 'check-in') AS hasIn,
                    max(a.kind = 'check-out') AS hasOut,
                    max(a.kind = 'excused') AS excused,
                    max(a.kind = 'check-in' AND a.at > ?) AS late,
                    max(m.state = 'active') AS active
             FROM attendance_records a JOIN members m ON m.id = a.member_id
             WHERE a.session_id = ? GROUP BY a.member_id)`,
    )
    .get(lateFrom.toISOString(), sessionId) as {
    present: number;
    left: number;
    excused: number;
    late: number;
    activeMarked: number;
  };
  return {
    roster: rosterSize,
    present: row.present,
    left: row.left,
    excused: row.excused,
    late: row.late,
    absent: Math.max(0, rosterSize - row.activeMarked),
  };
}

/** The whole session as the check-in screen shows it. */
export function sessionView(
  db: Db,
  sessionId: number,
  opts: { graceMinutes: number; timeZone: string; rosterSize: number },
): CheckinSessionView {
  const s = getSession(db, sessionId);
  const lateFrom = lateAfter(s, opts.graceMinutes);
  const extra = db
    .prepare('SELECT started_by AS startedBy, ended_by AS endedBy FROM study_sessions WHERE id = ?')
    .get(sessionId) as { startedBy: string; endedBy: string | null };
  const local = (iso: string) => isoWithOffset(new Date(iso), opts.timeZone);
  const minutes = latestMinutes(db, sessionId);
  return {
    id: s.id,
    kind: s.kind,
    title: s.title,
    startedAt: local(s.startedAt),
    endedAt: s.endedAt ? local(s.endedAt) : null,
    startedBy: extra.startedBy,
    endedBy: extra.endedBy,
    lateAfter: local(lateFrom.toISOString()),
    counts: sessionCounts(db, sessionId, lateFrom, opts.rosterSize),
    attendees: sessionAttendees(db, sessionId, lateFrom, opts.timeZone),
    minutes: minutes?.text ?? '',
    minutesSavedAt: minutes ? local(minutes.writtenAt) : null,
    photos: listSessionPhotos(db, sessionId).map((p) => ({ ...p, takenAt: local(p.takenAt) })),
  };
}

/** The most recently started session that has not ended, if any. */
export function runningSessionId(db: Db): number | null {
  const row = db
    .prepare(
      'SELECT id FROM study_sessions WHERE ended_at IS NULL ORDER BY started_at DESC, id DESC LIMIT 1',
    )
    .get() as { id: number } | undefined;
  return row?.id ?? null;
}
