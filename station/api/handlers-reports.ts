import { complianceReport } from '../attendance/compliance-report.js';
import { memberReport } from '../attendance/member-report.js';
import type { HandlerContext, Handlers } from './handlers.js';

/** The organizer's member page and year page: behind the organizer PIN. */
export function createReportsHandlers(
  ctx: HandlerContext,
): Pick<Handlers, 'getYearReport' | 'getMemberReport'> {
  const { db, clock, grants } = ctx;
  return {
    getYearReport: ({ grant, year }) => {
      grants.require(grant, 'organizer');
      return complianceReport(db, year, clock.now());
    },
    getMemberReport: ({ grant, memberId, year }) => {
      grants.require(grant, 'organizer');
      return memberReport(db, memberId, year, clock.now());
    },
  };
}
