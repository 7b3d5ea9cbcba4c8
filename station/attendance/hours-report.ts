import type { Db } from '../db/open.js';
import type { HoursPolicy } from '../domain/hours.js';
import type { MemberRole } from '../domain/roles.js';
import { zonedInstant } from '../domain/zoned-time.js';
import { listActiveMembers } from '../members/repository.js';
import type { Settings } from '../settings/definitions.js';
import { readSettings } from '../settings/store.js';
import { hoursByMember, sessionCredits } from './credits.js';
import { externalHoursBetween } from './external-hours.js';

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

/**
 * Each active member's study hours in a calendar year (in the station's time zone) against the
 * target: sessions under the daily cap, plus hours earned elsewhere. Make-up credit comes with
 * the play log of the courses issue and is 0 until then.
 */
export function hoursReport(
  db: Db,
  year: number,
  now: Date,
): { year: number; members: HoursReportLine[] } {
  const s = readSettings(db);
  const policy = hoursPolicy(s);
  const from = zonedInstant({ year, month: 1, day: 1 }, s.timeZone);
  const to = zonedInstant({ year: year + 1, month: 1, day: 1 }, s.timeZone);
  const credits = sessionCredits(db, { from, to }, policy, s.timeZone, now);
  const external = externalHoursBetween(db, `${year}-01-01`, `${year + 1}-01-01`);
  const hours = hoursByMember(credits, external, policy.maxPerDay);
  const members = listActiveMembers(db).map((m) => {
    const h = hours.get(m.id) ?? { sessions: 0, external: 0, total: 0 };
    return {
      id: m.id,
      name: m.name,
      role: m.role,
      hours: h.total,
      target: yearlyTarget(m.role, s),
      makeup: 0,
      external: h.external,
    };
  });
  return { year, members };
}
