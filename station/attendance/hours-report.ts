import type { Db } from '../db/open.js';
import type { HoursPolicy } from '../domain/hours.js';
import type { MemberRole } from '../domain/roles.js';
import { zonedInstant } from '../domain/zoned-time.js';
import { listActiveMembers } from '../members/repository.js';
import type { Settings } from '../settings/definitions.js';
import { readSettings } from '../settings/store.js';
import { sessionCredits, type SessionCredit } from './credits.js';
import { externalHoursBetween } from './external-hours.js';
import { combineHours, makeupCredits, type MakeupCredit, type MemberYearHours } from './makeup.js';

export interface HoursReportLine {
  id: number;
  name: string;
  role: MemberRole;
  hours: number;
  target: number;
  makeup: number;
  external: number;
}

export function hoursPolicy(s: Settings): HoursPolicy {
  return {
    minutesPerCreditHour: s['hours.minutesPerCreditHour'],
    roundingStep: s['hours.roundingStep'],
    maxPerDay: s['hours.maxPerDay'],
  };
}

/** DOMAIN.md: secretaries and committee members 56 学时 a year, members 32 (both settings). */
export function yearlyTarget(role: MemberRole, s: Settings): number {
  return role === 'member' ? s['hours.targetMember'] : s['hours.targetLeader'];
}

export interface YearHours {
  settings: Settings;
  policy: HoursPolicy;
  /** The calendar year in the station's zone, as instants: [from, to). */
  from: Date;
  to: Date;
  sessions: SessionCredit[];
  makeups: MakeupCredit[];
  external: { memberId: number; hours: number }[];
  byMember: Map<number, MemberYearHours>;
}

/**
 * Everything that earned 学时 in a calendar year (in the station's time zone): session lines,
 * make-ups and external hours, and their per-member sums under the daily cap. The one place
 * the hours report, the compliance report and the member page get their numbers from.
 */
export function yearHours(db: Db, year: number, now: Date): YearHours {
  const settings = readSettings(db);
  const policy = hoursPolicy(settings);
  const from = zonedInstant({ year, month: 1, day: 1 }, settings.timeZone);
  const to = zonedInstant({ year: year + 1, month: 1, day: 1 }, settings.timeZone);
  const sessions = sessionCredits(db, { from, to }, policy, settings.timeZone, now);
  const makeups = makeupCredits(db, { from, to }, policy, settings.timeZone, now);
  const external = externalHoursBetween(db, `${year}-01-01`, `${year + 1}-01-01`);
  const byMember = combineHours(sessions, makeups, external, policy.maxPerDay);
  return { settings, policy, from, to, sessions, makeups, external, byMember };
}

export const NO_HOURS: MemberYearHours = { sessions: 0, makeup: 0, external: 0, total: 0 };

/**
 * Each active member's study hours in a calendar year against the target: sessions and make-ups
 * under the daily cap, plus hours earned elsewhere. `hours` is the total; `makeup` and
 * `external` are the parts of it that came from make-up study and from elsewhere.
 */
export function hoursReport(
  db: Db,
  year: number,
  now: Date,
): { year: number; members: HoursReportLine[] } {
  const { settings, byMember } = yearHours(db, year, now);
  const members = listActiveMembers(db).map((m) => {
    const h = byMember.get(m.id) ?? NO_HOURS;
    return {
      id: m.id,
      name: m.name,
      role: m.role,
      hours: h.total,
      target: yearlyTarget(m.role, settings),
      makeup: h.makeup,
      external: h.external,
    };
  });
  return { year, members };
}
