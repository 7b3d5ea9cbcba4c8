/**
 * Scheduling's part of the home view: the next session (with its end, for the countdown and
 * the "in progress" state) and a short summary of what is due.
 */
import type { DueSummary } from '../../common/contract-schedule.js';
import type { HomeView } from '../../common/contract.js';
import type { Db } from '../db/open.js';
import { isoWithOffset } from '../domain/zoned-time.js';
import { readSettings } from '../settings/store.js';
import { judgeClock } from './clock-guard.js';
import { dueReport } from './due.js';
import { upcomingOccurrences } from './plans.js';

export function scheduleHome(db: Db, now: Date): Pick<HomeView, 'nextSession' | 'due'> {
  const tz = readSettings(db).timeZone;
  const at = judgeClock(db, now).effectiveNow;
  const upcoming = upcomingOccurrences(db, at);
  const next = upcoming[0];
  const r = dueReport(db, now, upcoming);
  const count = (s: string) => r.newMembers.filter((m) => m.status === s).length;
  const due: DueSummary = {
    month: { month: r.month.month, status: r.month.status },
    winterSpring: {
      season: r.winterSpring.season,
      inSeason: r.winterSpring.inSeason,
      status: r.winterSpring.status,
    },
    partyLecture: { year: r.partyLecture.year, status: r.partyLecture.status },
    newMembers: { due: count('due'), warn: count('warn'), overdue: count('overdue') },
    mobileMembersDue: r.mobileMembers.filter((m) => m.status === 'due').length,
    missedMonths: r.missedMonths,
    clockTrusted: r.clock.trusted,
  };
  return {
    nextSession: next
      ? {
          title: next.title,
          kind: next.kind,
          start: isoWithOffset(next.start, tz),
          end: isoWithOffset(next.end, tz),
          planId: next.planId,
        }
      : null,
    due,
  };
}
