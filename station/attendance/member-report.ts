/**
 * One member's year (the kiosk's member page): hours against the target, the sessions attended,
 * make-up study, hours earned elsewhere, and the sessions missed — excused (请假, with the reason)
 * or not. Numbers come from yearHours, the same source as the hours and compliance reports.
 */
import type { MemberReport } from '../../common/contract-reports.js';
import type { Db } from '../db/open.js';
import type { MemberRole } from '../domain/roles.js';
import { zonedParts } from '../domain/zoned-time.js';
import { StationFailure } from '../errors.js';
import { NO_HOURS, yearHours, yearlyTarget } from './hours-report.js';

const pad = (n: number) => String(n).padStart(2, '0');

export function memberReport(db: Db, memberId: number, year: number, now: Date): MemberReport {
  const m = db
    .prepare(
      `SELECT id, name, role, role_title AS roleTitle, joined_on AS joinedOn, is_mobile AS isMobile,
              works_in AS worksIn FROM members WHERE id = ?`,
    )
    .get(memberId) as
    | {
        id: number;
        name: string;
        role: MemberRole;
        roleTitle: string | null;
        joinedOn: string | null;
        isMobile: number;
        worksIn: string | null;
      }
    | undefined;
  if (!m) throw new StationFailure('NOT_FOUND', 'memberNotFound', { query: String(memberId) });

  const yh = yearHours(db, year, now);
  const tz = yh.settings.timeZone;
  const dayOf = (iso: string) => {
    const p = zonedParts(new Date(iso), tz);
    return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  };
  const h = yh.byMember.get(m.id) ?? NO_HOURS;
  const lines = yh.sessions.filter((c) => c.memberId === m.id);
  const makeups = yh.makeups.filter((x) => x.memberId === m.id);

  const titles = new Map<number, string>();
  const sessionTitle = (id: number) => {
    if (!titles.has(id)) {
      const row = db.prepare('SELECT title FROM study_sessions WHERE id = ?').get(id) as
        { title: string } | undefined;
      titles.set(id, row?.title ?? `#${id}`);
    }
    return titles.get(id)!;
  };
  // Every make-up of a session counts as having made it up, whenever it was studied.
  const madeUp = new Set(
    (
      db
        .prepare(
          'SELECT for_session_id AS id FROM makeup_studies WHERE member_id = ? AND for_session_id IS NOT NULL',
        )
        .all(m.id) as { id: number }[]
    ).map((r) => r.id),
  );

  // Absent: sessions of the year held (up to now) since the member joined the party, without a
  // check-in. Not since the roster row was created: rosters are often entered after the fact.
  const present = new Set(lines.filter((l) => l.checkIn).map((l) => l.sessionId));
  const excused = new Map(lines.filter((l) => l.excused).map((l) => [l.sessionId, l]));
  const held = db
    .prepare(
      `SELECT id, kind, title, started_at AS startedAt FROM study_sessions
       WHERE started_at >= ? AND started_at < ? AND started_at <= ?
       ORDER BY started_at, id`,
    )
    .all(yh.from.toISOString(), yh.to.toISOString(), now.toISOString()) as {
    id: number;
    kind: string;
    title: string;
    startedAt: string;
  }[];

  const joined = m.joinedOn;
  return {
    year,
    member: {
      id: m.id,
      name: m.name,
      role: m.role,
      roleTitle: m.roleTitle,
      joinedOn: m.joinedOn,
      isMobile: m.isMobile === 1,
      worksIn: m.worksIn,
    },
    hours: h.total,
    target: yearlyTarget(m.role, yh.settings),
    sessionHours: h.sessions,
    makeup: h.makeup,
    external: h.external,
    attended: lines
      .filter((l) => l.checkIn)
      .map((l) => ({
        sessionId: l.sessionId,
        kind: l.kind,
        title: l.title,
        date: l.day,
        minutes: l.minutes,
        credit: l.credit,
        corrected: l.corrected,
      })),
    makeups: makeups.map((x) => ({
      id: x.makeupId,
      courseId: x.courseId,
      date: x.day,
      minutes: x.minutes,
      credit: x.credit,
      forSession: x.forSessionId === null ? null : sessionTitle(x.forSessionId),
    })),
    externalEntries: db
      .prepare(
        `SELECT on_date AS date, hours, place, note FROM external_hours
         WHERE member_id = ? AND on_date >= ? AND on_date < ? ORDER BY on_date, id`,
      )
      .all(m.id, `${year}-01-01`, `${year + 1}-01-01`) as MemberReport['externalEntries'],
    absences: held
      .filter((s) => !present.has(s.id) && (!joined || dayOf(s.startedAt) >= joined))
      .map((s) => ({
        sessionId: s.id,
        kind: s.kind,
        title: s.title,
        date: dayOf(s.startedAt),
        excused: excused.has(s.id),
        reason: excused.get(s.id)?.excuseReason ?? null,
        madeUp: madeUp.has(s.id),
      })),
  };
}
