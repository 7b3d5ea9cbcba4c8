import type { Db } from '../db/open.js';
import { creditForMinutes, type HoursPolicy } from '../domain/hours.js';
import { zonedParts } from '../domain/zoned-time.js';

export interface SessionCredit {
  sessionId: number;
  memberId: number;
  kind: string;
  title: string;
  startedAt: string;
  endedAt: string | null;
  /** The local calendar day of the session, for the daily cap. */
  day: string;
  checkIn: string | null;
  checkOut: string | null;
  excused: boolean;
  excuseReason: string | null;
  minutes: number;
  credit: number;
  corrected: boolean;
}

/** One member and session, folded by SQLite (see the query below). */
type Row = [
  sessionId: number,
  memberId: number,
  checkIn: string | null,
  checkOut: string | null,
  minutes: number | null,
  excused: number,
  excuseReason: string | null,
  corrected: number,
  creditOverride: number | null,
];

interface SessionMeta {
  id: number;
  kind: string;
  title: string;
  startedAt: string;
  endedAt: string | null;
  day: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The latest record that states a field — the original or a correction of it — by record id.
 * Only asked for lines that were corrected: the rest have at most one check-in and one check-out
 * (unique indexes), which the aggregate reads directly.
 */
const latest = (kind: string, field: string, column: string) =>
  `(SELECT c.${column} FROM attendance_records c
    WHERE c.session_id = a.session_id AND c.member_id = a.member_id
      AND (c.kind = '${kind}' OR (c.kind = 'correction' AND c.field = '${field}'))
    ORDER BY c.id DESC LIMIT 1)`;

/**
 * Folds the append-only attendance log into one line per member and session: the latest
 * correction of a field wins, and the line says that it was corrected. A session still running
 * is counted up to `now`. The fold and the overlap of presence with the session are one grouped
 * query, so a year of a large village is one pass over an index, not a JavaScript object and
 * three date parses per record.
 */
export function sessionCredits(
  db: Db,
  range: { from: Date; to: Date },
  policy: HoursPolicy,
  timeZone: string,
  now: Date,
): SessionCredit[] {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const sessions = new Map<number, SessionMeta>();
  for (const s of db
    .prepare(
      `SELECT id, kind, title, started_at AS startedAt, ended_at AS endedAt FROM study_sessions
       WHERE started_at >= ? AND started_at < ?`,
    )
    .all(from, to) as Omit<SessionMeta, 'day'>[]) {
    const p = zonedParts(new Date(s.startedAt), timeZone);
    sessions.set(s.id, { ...s, day: `${p.year}-${pad(p.month)}-${pad(p.day)}` });
  }
  // Minutes present: presence (check-in to check-out, or to the session's end, or to now while it
  // runs) clipped to the session; the same overlap as domain/hours.ts attendedMinutes.
  const rows = db
    .prepare(
      `WITH lines AS (
         SELECT a.session_id AS sid, a.member_id AS mid, s.started_at AS start,
                COALESCE(s.ended_at, @now) AS end,
                CASE WHEN max(a.kind = 'correction') THEN ${latest('check-in', 'check-in', 'at')}
                     ELSE max(CASE WHEN a.kind = 'check-in' THEN a.at END) END AS checkIn,
                CASE WHEN max(a.kind = 'correction') THEN ${latest('check-out', 'check-out', 'at')}
                     ELSE max(CASE WHEN a.kind = 'check-out' THEN a.at END) END AS checkOut,
                max(a.kind = 'excused') AS excused,
                max(CASE WHEN a.kind = 'excused' THEN a.reason END) AS reason,
                max(a.kind = 'correction') AS corrected,
                CASE WHEN max(a.kind = 'correction' AND a.field = 'credit')
                     THEN ${latest('-', 'credit', 'credit_override')} END AS creditOverride
         FROM study_sessions s JOIN attendance_records a ON a.session_id = s.id
         WHERE s.started_at >= @from AND s.started_at < @to
         GROUP BY a.session_id, a.member_id)
       SELECT sid, mid, checkIn, checkOut,
              CASE WHEN checkIn IS NOT NULL THEN
                max(0, julianday(min(COALESCE(checkOut, end), end)) - julianday(max(checkIn, start)))
                  * 1440 END,
              excused, reason, corrected, creditOverride
       FROM lines ORDER BY start, sid, mid`,
    )
    .raw()
    .all({ from, to, now: now.toISOString() }) as Row[];

  const out: SessionCredit[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [sessionId, memberId, checkIn, checkOut, rawMinutes, excused, reason, corrected, fix] =
      rows[i]!;
    const s = sessions.get(sessionId)!;
    const minutes = rawMinutes === null ? 0 : Math.round(rawMinutes * 10) / 10;
    out[i] = {
      sessionId,
      memberId,
      kind: s.kind,
      title: s.title,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      day: s.day,
      checkIn,
      checkOut,
      excused: excused === 1,
      excuseReason: reason,
      minutes,
      credit: fix ?? creditForMinutes(minutes, policy),
      corrected: corrected === 1,
    };
  }
  return out;
}
