import type { Db } from '../db/open.js';
import { attendedMinutes, capPerDay, creditForMinutes, type HoursPolicy } from '../domain/hours.js';
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

interface Row {
  sessionId: number;
  memberId: number;
  sessionKind: string;
  title: string;
  startedAt: string;
  endedAt: string | null;
  kind: string;
  at: string | null;
  reason: string | null;
  field: string | null;
  creditOverride: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Folds the append-only attendance log into one line per member and session: the latest
 * correction of a field wins, and the line says that it was corrected. A session still running
 * is counted up to `now`.
 */
export function sessionCredits(
  db: Db,
  range: { from: Date; to: Date },
  policy: HoursPolicy,
  timeZone: string,
  now: Date,
): SessionCredit[] {
  const rows = db
    .prepare(
      `SELECT s.id AS sessionId, a.member_id AS memberId, s.kind AS sessionKind, s.title,
              s.started_at AS startedAt, s.ended_at AS endedAt, a.kind, a.at, a.reason, a.field,
              a.credit_override AS creditOverride
       FROM study_sessions s JOIN attendance_records a ON a.session_id = s.id
       WHERE s.started_at >= ? AND s.started_at < ?
       ORDER BY s.started_at, s.id, a.member_id, a.id`,
    )
    .all(range.from.toISOString(), range.to.toISOString()) as Row[];

  const out: SessionCredit[] = [];
  let current: (SessionCredit & { override: number | null }) | null = null;
  const flush = () => {
    if (!current) return;
    const { override, ...line } = current;
    const session = {
      start: new Date(line.startedAt),
      end: line.endedAt ? new Date(line.endedAt) : now,
    };
    line.minutes = line.checkIn
      ? Math.round(
          attendedMinutes(
            session,
            new Date(line.checkIn),
            line.checkOut ? new Date(line.checkOut) : null,
          ) * 10,
        ) / 10
      : 0;
    line.credit = override ?? creditForMinutes(line.minutes, policy);
    out.push(line);
  };
  for (const r of rows) {
    if (!current || current.sessionId !== r.sessionId || current.memberId !== r.memberId) {
      flush();
      const p = zonedParts(new Date(r.startedAt), timeZone);
      current = {
        sessionId: r.sessionId,
        memberId: r.memberId,
        kind: r.sessionKind,
        title: r.title,
        startedAt: r.startedAt,
        endedAt: r.endedAt,
        day: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
        checkIn: null,
        checkOut: null,
        excused: false,
        excuseReason: null,
        minutes: 0,
        credit: 0,
        corrected: false,
        override: null,
      };
    }
    if (r.kind === 'check-in') current.checkIn = r.at;
    else if (r.kind === 'check-out') current.checkOut = r.at;
    else if (r.kind === 'excused') {
      current.excused = true;
      current.excuseReason = r.reason;
    } else if (r.kind === 'correction') {
      current.corrected = true;
      if (r.field === 'check-in') current.checkIn = r.at;
      else if (r.field === 'check-out') current.checkOut = r.at;
      else if (r.field === 'credit') current.override = r.creditOverride;
    }
  }
  flush();
  return out;
}

export interface MemberHours {
  sessions: number;
  external: number;
  total: number;
}

/** Yearly 学时 per member: session credit under the daily cap, plus external hours. */
export function hoursByMember(
  credits: readonly SessionCredit[],
  external: readonly { memberId: number; hours: number }[],
  maxPerDay: number,
): Map<number, MemberHours> {
  const byMember = new Map<number, SessionCredit[]>();
  for (const c of credits) {
    const list = byMember.get(c.memberId) ?? [];
    list.push(c);
    byMember.set(c.memberId, list);
  }
  const result = new Map<number, MemberHours>();
  for (const [memberId, list] of byMember) {
    const sessions = capPerDay(list, maxPerDay).reduce((sum, c) => sum + c.capped, 0);
    result.set(memberId, { sessions, external: 0, total: sessions });
  }
  for (const e of external) {
    const h = result.get(e.memberId) ?? { sessions: 0, external: 0, total: 0 };
    h.external += e.hours;
    h.total = h.sessions + h.external;
    result.set(e.memberId, h);
  }
  return result;
}
