import type { CheckinCounts } from '../../common/contract-checkin.js';
import type { Db } from '../db/open.js';
import { cachedStatement } from '../db/statements.js';

/**
 * The header counts of a running session (present, left, excused, late, absent), kept up to date
 * from the attendance log instead of re-aggregated on every check-in.
 *
 * `sessionCounts` (checkin-view.ts) folds the whole session in SQL, joining every record to its
 * member: linear in the room's size, and at 1,500 check-ins it cost several times the check-in's
 * durable commit. This gives the same numbers in constant time per check-in because the log is
 * append-only (records are never updated or deleted, DOMAIN.md): each call folds only the records
 * written since the last one, by any connection or process, found by rowid. Folding is
 * idempotent (a member's marks are OR-ed bits), so reading a record twice cannot skew a count.
 *
 * A member's state is the one thing outside the log that a count depends on (a member who left
 * is not "absent"), and it can change at any time; it is read fresh on every call, driven from
 * the few members who are not active.
 */

const IN = 1;
const OUT = 2;
const EXCUSED = 4;
const LATE = 8;

interface Tally {
  /** The late threshold the LATE marks were computed against (ISO, UTC). */
  lateFrom: string;
  /** Every record with an id up to this one is folded in. */
  lastId: number;
  /** Marks by member: every member with any record in the session has an entry. */
  marks: Map<number, number>;
  present: number;
  left: number;
  excused: number;
  late: number;
}

interface LogRow {
  id: number;
  memberId: number;
  kind: string;
  at: string | null;
}

/** Sessions whose tallies are kept; a kiosk runs one at a time. */
const KEPT_SESSIONS = 4;

const LOG_COLUMNS = 'id, member_id AS memberId, kind, at FROM attendance_records';

export class SessionCounter {
  private readonly tallies = new Map<number, Tally>();

  constructor(private readonly db: Db) {}

  /** The counts `sessionCounts` would compute, for a session and late threshold. */
  counts(sessionId: number, lateFrom: Date, rosterSize: number): CheckinCounts {
    const tally = this.current(sessionId, lateFrom.toISOString());
    // Members with a record who are not active: the log cannot say, the members table can.
    const inactiveMarked = cachedStatement(
      this.db,
      `SELECT count(*) AS n FROM members m
       WHERE m.state IN ('left', 'transferred')
         AND EXISTS (SELECT 1 FROM attendance_records a
                     WHERE a.session_id = ? AND a.member_id = m.id)`,
    ).get(sessionId) as { n: number };
    return {
      roster: rosterSize,
      present: tally.present,
      left: tally.left,
      excused: tally.excused,
      late: tally.late,
      absent: Math.max(0, rosterSize - (tally.marks.size - inactiveMarked.n)),
    };
  }

  /**
   * Drops a session's tally, so the next call folds the session afresh. For a caller that read the
   * counts inside a transaction that then rolled back: the tally holds a record the log does not,
   * and the next record reuses its id, so it would be skipped as already folded.
   */
  forget(sessionId: number): void {
    this.tallies.delete(sessionId);
  }

  /** The session's tally with every record written so far folded in. */
  private current(sessionId: number, lateFrom: string): Tally {
    const maxId =
      (
        cachedStatement(this.db, 'SELECT max(id) AS maxId FROM attendance_records').get() as {
          maxId: number | null;
        }
      ).maxId ?? 0;
    let tally = this.tallies.get(sessionId);
    // A changed grace period changes who was late; a log that shrank is another database
    // (restored from a backup): both start over.
    if (!tally || tally.lateFrom !== lateFrom || maxId < tally.lastId) {
      tally = this.rebuild(sessionId, lateFrom, maxId);
    } else if (maxId > tally.lastId) {
      // `+session_id` keeps SQLite on the rowid range (the records since the last call) instead
      // of the session index, which would walk the whole session again.
      const rows = cachedStatement(
        this.db,
        `SELECT ${LOG_COLUMNS} WHERE id > ? AND +session_id = ? ORDER BY id`,
      ).all(tally.lastId, sessionId) as LogRow[];
      for (const r of rows) fold(tally, r);
      tally.lastId = maxId;
    }
    return tally;
  }

  private rebuild(sessionId: number, lateFrom: string, maxId: number): Tally {
    const tally: Tally = {
      lateFrom,
      lastId: maxId,
      marks: new Map(),
      present: 0,
      left: 0,
      excused: 0,
      late: 0,
    };
    // maxId was read first: a record committed since is read here and again by the next call,
    // which the fold shrugs off; none can be missed.
    const rows = cachedStatement(this.db, `SELECT ${LOG_COLUMNS} WHERE session_id = ?`).all(
      sessionId,
    ) as LogRow[];
    for (const r of rows) fold(tally, r);
    this.tallies.delete(sessionId);
    this.tallies.set(sessionId, tally);
    if (this.tallies.size > KEPT_SESSIONS) {
      this.tallies.delete(this.tallies.keys().next().value!);
    }
    return tally;
  }
}

/** What a member with these marks adds to each count, as `sessionCounts` defines them. */
function addMarks(tally: Tally, marks: number, sign: 1 | -1): void {
  if (marks & IN) {
    if (marks & OUT) tally.left += sign;
    else tally.present += sign;
  } else if (marks & EXCUSED) {
    tally.excused += sign;
  }
  if (marks & LATE) tally.late += sign;
}

function fold(tally: Tally, r: LogRow): void {
  const before = tally.marks.get(r.memberId) ?? 0;
  let after = before;
  // Only the original records count, as in sessionCounts: a correction restates hours, not the
  // fact of being there.
  if (r.kind === 'check-in') {
    after |= IN;
    if (r.at !== null && r.at > tally.lateFrom) after |= LATE;
  } else if (r.kind === 'check-out') after |= OUT;
  else if (r.kind === 'excused') after |= EXCUSED;
  // A member is marked by any record, a correction too (they are no longer absent).
  if (after === before && tally.marks.has(r.memberId)) return;
  tally.marks.set(r.memberId, after);
  addMarks(tally, before, -1);
  addMarks(tally, after, 1);
}
