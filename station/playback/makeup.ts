import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';
import { startMakeup } from '../attendance/makeup.js';

/**
 * Opens a make-up study (补学): a member watching a course alone. Only the record is made here;
 * the watched time comes from the play log rows that carry its id, and make-up credit is
 * computed from those by the attendance capability.
 */
export function startMakeupStudy(
  db: Db,
  s: { memberId: number; courseId: string; forSessionId?: number | undefined; by: string },
  now: Date,
): { makeupId: number; memberName: string } {
  return db.transaction(() => {
    const member = db.prepare('SELECT name, state FROM members WHERE id = ?').get(s.memberId) as
      { name: string; state: string } | undefined;
    if (!member) throw new StationFailure('NOT_FOUND', 'memberNotFound', { query: s.memberId });
    if (member.state !== 'active') {
      throw new StationFailure('CONFLICT', 'makeupMemberInactive', { name: member.name });
    }
    // The record itself is the attendance capability's (it also checks the session named).
    const makeupId = startMakeup(
      db,
      {
        memberId: s.memberId,
        courseId: s.courseId,
        forSessionId: s.forSessionId,
        at: now,
        by: s.by,
      },
      now,
    );
    return { makeupId, memberName: member.name };
  })();
}

/** A make-up study lasts until its last watched stretch. */
export function touchMakeupEnd(db: Db, makeupId: number, at: Date): void {
  db.prepare('UPDATE makeup_studies SET ended_at = ? WHERE id = ?').run(at.toISOString(), makeupId);
}

export interface MissedSessionRow {
  id: number;
  title: string;
  kind: string;
  startedAt: string;
}

/**
 * Ended sessions since `since` that the member has no check-in for (an excused absence is still
 * a missed session: the course was not seen), latest first — what a make-up study can be for.
 */
export function missedSessions(
  db: Db,
  memberId: number,
  since: Date,
  limit = 50,
): MissedSessionRow[] {
  return db
    .prepare(
      `SELECT s.id, s.title, s.kind, s.started_at AS startedAt FROM study_sessions s
       WHERE s.ended_at IS NOT NULL AND s.started_at >= ?
         AND NOT EXISTS (SELECT 1 FROM attendance_records a
           WHERE a.session_id = s.id AND a.member_id = ? AND a.kind = 'check-in')
       ORDER BY s.started_at DESC, s.id DESC LIMIT ?`,
    )
    .all(since.toISOString(), memberId, limit) as MissedSessionRow[];
}
