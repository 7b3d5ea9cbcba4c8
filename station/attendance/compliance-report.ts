/**
 * The branch's year page (DOMAIN.md, "a year-end report"): sessions held per month and the months
 * that missed the collective study, members below their 学时 target, the concentrated training
 * of the secretary and committee, new members' training deadlines, 冬春训 and 党课 held, and
 * mobile members' training. Database in, plain object out; `station report compliance` prints it
 * and the kiosk's year page shows it.
 */
import type {
  ComplianceReport,
  LeaderLine,
  MemberHoursLine,
  MobileLine,
  MonthLine,
  NewMemberLine,
  SeasonLine,
  SessionRef,
} from '../../common/contract-reports.js';
import type { Db } from '../db/open.js';
import type { MemberRole } from '../domain/roles.js';
import { missedMonths, firstCountedMonth, monthKey } from '../domain/missed-months.js';
import { newMemberStatus, seasonStatus, winterSpringSeasons } from '../domain/compliance-rules.js';
import { isoWithOffset, zonedParts } from '../domain/zoned-time.js';
import { NO_HOURS, yearHours, yearlyTarget } from './hours-report.js';
import type { SessionKind } from './kinds.js';

export type { ComplianceReport } from '../../common/contract-reports.js';

/** Session kinds that are a concentrated training (集中培训) for leaders and mobile members. */
export const CONCENTRATED_KINDS: readonly string[] = [
  'training',
  'winter-spring',
] satisfies SessionKind[];

interface MemberInfo {
  id: number;
  name: string;
  role: MemberRole;
  joinedOn: string | null;
  isMobile: number;
  worksIn: string | null;
}

interface SessionInfo {
  id: number;
  kind: SessionKind;
  title: string;
  startedAt: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function complianceReport(db: Db, year: number, now: Date): ComplianceReport {
  const yh = yearHours(db, year, now);
  const s = yh.settings;
  const tz = s.timeZone;
  const dayOf = (iso: string) => {
    const p = zonedParts(new Date(iso), tz);
    return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  };
  const today = dayOf(now.toISOString());

  // Who attended what: a session line with a check-in (after corrections) is presence.
  const attendees = new Map<number, Set<number>>();
  for (const c of yh.sessions) {
    if (!c.checkIn) continue;
    const set = attendees.get(c.sessionId);
    if (set) set.add(c.memberId);
    else attendees.set(c.sessionId, new Set([c.memberId]));
  }
  const ref = (x: SessionInfo, people = attendees.get(x.id)?.size ?? 0): SessionRef => ({
    id: x.id,
    kind: x.kind,
    title: x.title,
    date: dayOf(x.startedAt),
    attendees: people,
  });

  const sessions = db
    .prepare(
      `SELECT id, kind, title, started_at AS startedAt FROM study_sessions
       WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id`,
    )
    .all(yh.from.toISOString(), yh.to.toISOString()) as SessionInfo[];
  const refs = sessions.map((x) => ref(x));

  // Months.
  const byMonth = new Map<string, MonthLine>();
  for (let m = 1; m <= 12; m++) {
    const month = monthKey(year, m);
    byMonth.set(month, { month, sessions: 0, byKind: {}, status: 'open' });
  }
  const heldMonths = new Set<string>();
  for (const r of refs) {
    const line = byMonth.get(r.date.slice(0, 7))!;
    line.sessions += 1;
    line.byKind[r.kind] = (line.byKind[r.kind] ?? 0) + 1;
    if (r.kind === 'collective') heldMonths.add(line.month);
  }
  const first = db.prepare('SELECT min(started_at) AS at FROM study_sessions').get() as {
    at: string | null;
  };
  const firstSessionMonth = first.at ? dayOf(first.at).slice(0, 7) : null;
  const setUpOn = s['station.setUpOn'] || today;
  const currentMonth = today.slice(0, 7);
  const missed = missedMonths({ year, heldMonths, setUpOn, firstSessionMonth, currentMonth });
  const missedSet = new Set(missed);
  const counted = firstCountedMonth(setUpOn, firstSessionMonth);
  for (const line of byMonth.values()) {
    if (heldMonths.has(line.month)) line.status = 'held';
    else if (missedSet.has(line.month)) line.status = 'missed';
    else if (line.month >= currentMonth) line.status = 'open';
    else if (line.month < counted) line.status = 'not-counted';
  }

  // Members and their hours.
  const members = db
    .prepare(
      `SELECT id, name, role, joined_on AS joinedOn, is_mobile AS isMobile, works_in AS worksIn
       FROM members WHERE state = 'active'
       ORDER BY CASE role WHEN 'secretary' THEN 0 WHEN 'committee' THEN 1 ELSE 2 END, id`,
    )
    .all() as MemberInfo[];
  const hoursLine = (m: MemberInfo): MemberHoursLine => {
    const h = yh.byMember.get(m.id) ?? NO_HOURS;
    const target = yearlyTarget(m.role, s);
    return {
      id: m.id,
      name: m.name,
      role: m.role,
      hours: h.total,
      target,
      shortfall: Math.max(0, Math.round((target - h.total) * 1000) / 1000),
      sessions: h.sessions,
      makeup: h.makeup,
      external: h.external,
    };
  };
  const lines = members.map(hoursLine);
  const belowTarget = lines.filter((l) => l.hours < l.target);

  // Concentrated trainings each member attended this year.
  const trainingsOf = new Map<number, SessionRef[]>();
  for (const r of refs) {
    if (!CONCENTRATED_KINDS.includes(r.kind)) continue;
    for (const memberId of attendees.get(r.id) ?? []) {
      const list = trainingsOf.get(memberId);
      if (list) list.push(r);
      else trainingsOf.set(memberId, [r]);
    }
  }
  const leaders: LeaderLine[] = lines
    .filter((l) => l.role !== 'member')
    .map((l) => {
      const trainings = trainingsOf.get(l.id) ?? [];
      return { ...l, trained: trainings.length > 0, trainings };
    });

  // New members whose training window touches this year. Training may lie outside the year, so
  // new-member sessions are read whole.
  const withinMonths = s['newMember.trainingWithinMonths'];
  const firstTraining = new Map<number, string[]>();
  const trainedRows = db
    .prepare(
      `SELECT a.member_id AS memberId, s.started_at AS startedAt
       FROM study_sessions s JOIN attendance_records a ON a.session_id = s.id
       WHERE s.kind = 'new-member' AND a.kind = 'check-in' ORDER BY s.started_at`,
    )
    .all() as { memberId: number; startedAt: string }[];
  for (const r of trainedRows) {
    const list = firstTraining.get(r.memberId) ?? [];
    list.push(dayOf(r.startedAt));
    firstTraining.set(r.memberId, list);
  }
  const newMembers: NewMemberLine[] = [];
  // Joined so long ago that the deadline lies before the year: not worth the date arithmetic.
  const joinedSince = `${year - Math.ceil(withinMonths / 12) - 1}-01-01`;
  for (const m of members) {
    if (!m.joinedOn || m.joinedOn > `${year}-12-31` || m.joinedOn < joinedSince) continue;
    const joinedOn = m.joinedOn;
    const trainedOn = (firstTraining.get(m.id) ?? []).find((d) => d >= joinedOn) ?? null;
    const st = newMemberStatus({
      joinedOn,
      withinMonths,
      trainedOn,
      today,
      warnDays: s['newMember.warnDays'],
    });
    if (st.deadline < `${year}-01-01`) continue;
    newMembers.push({ id: m.id, name: m.name, joinedOn, trainedOn, ...st });
  }

  // Winter–spring seasons touching the year, with their sessions wherever they fall.
  const seasons = winterSpringSeasons(
    year,
    s['winterSpring.startMonth'],
    s['winterSpring.endMonth'],
  );
  const wsRows = db
    .prepare(
      `SELECT s.id, s.kind, s.title, s.started_at AS startedAt,
              (SELECT count(*) FROM attendance_records a
               WHERE a.session_id = s.id AND a.kind = 'check-in') AS people
       FROM study_sessions s WHERE s.kind = 'winter-spring' AND s.started_at >= ? AND s.started_at < ?
       ORDER BY s.started_at, s.id`,
    )
    .all(
      new Date(Date.parse(`${seasons[0]!.from}T00:00:00Z`) - 86_400_000).toISOString(),
      new Date(Date.parse(`${seasons.at(-1)!.to}T00:00:00Z`) + 2 * 86_400_000).toISOString(),
    ) as (SessionInfo & { people: number })[];
  const minDays = s['winterSpring.minDays'];
  const seasonLines: SeasonLine[] = seasons.map((season) => {
    const list = wsRows
      .map((r) => ref(r, r.people))
      .filter((r) => r.date >= season.from && r.date <= season.to);
    const days = new Set(list.map((r) => r.date)).size;
    return {
      ...season,
      status: seasonStatus(season, today),
      sessions: list,
      days,
      enough: days >= minDays,
    };
  });

  const lectures = refs.filter((r) => r.kind === 'party-lecture');

  const mobileMembers: MobileLine[] = members
    .filter((m) => m.isMobile === 1)
    .map((m) => ({
      ...hoursLine(m),
      worksIn: m.worksIn,
      trainedAtHome: (trainingsOf.get(m.id) ?? []).length > 0,
    }));

  return {
    year,
    village: s.village,
    asOf: isoWithOffset(now, tz),
    timeZone: tz,
    setUpOn,
    months: [...byMonth.values()],
    missedMonths: missed,
    members: { active: members.length, belowTarget: belowTarget.length },
    belowTarget,
    leaders,
    newMemberWithinMonths: withinMonths,
    newMembers,
    winterSpring: { minDays, seasons: seasonLines },
    partyLectures: { held: lectures.length > 0, sessions: lectures },
    mobileMembers,
  };
}
