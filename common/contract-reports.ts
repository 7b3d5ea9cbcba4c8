/**
 * The kiosk's member page and year page (issue 4, reports): what the organizer sees behind the
 * PIN. The shapes are the station's compliance report (also `station report compliance --json`)
 * and a member's year, so the CLI and the kiosk show the same numbers.
 */
import { z } from 'zod';
import { Grant, method } from './contract-method.js';

const Year = z.number().int().min(2000).max(2100);

export interface SessionRef {
  id: number;
  kind: string;
  title: string;
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Members checked in. */
  attendees: number;
}

export type MonthStatus = 'held' | 'missed' | 'open' | 'not-counted';

export interface MonthLine {
  month: string;
  sessions: number;
  byKind: Record<string, number>;
  /**
   * held: a collective study took place; missed: a past, counted month without one; open: the
   * current or a later month; not-counted: before the station was set up.
   */
  status: MonthStatus;
}

export type MemberRoleName = 'secretary' | 'committee' | 'member';

export interface MemberHoursLine {
  id: number;
  name: string;
  role: MemberRoleName;
  hours: number;
  target: number;
  /** target − hours, never negative. */
  shortfall: number;
  sessions: number;
  makeup: number;
  external: number;
}

export interface LeaderLine extends MemberHoursLine {
  trained: boolean;
  trainings: SessionRef[];
}

export type NewMemberStatus = 'done' | 'late' | 'overdue' | 'due-soon' | 'open';

export interface NewMemberLine {
  id: number;
  name: string;
  joinedOn: string;
  deadline: string;
  daysLeft: number;
  status: NewMemberStatus;
  trainedOn: string | null;
}

export interface SeasonLine {
  label: string;
  from: string;
  to: string;
  status: 'done' | 'in-progress' | 'upcoming';
  sessions: SessionRef[];
  /** Distinct local days with a winter–spring session in the season. */
  days: number;
  /** At least winterSpring.minDays days. */
  enough: boolean;
}

export interface MobileLine extends MemberHoursLine {
  worksIn: string | null;
  /** Took part in a concentrated training at home this year (返乡参加集中培训). */
  trainedAtHome: boolean;
}

export interface ComplianceReport {
  year: number;
  village: string;
  /** When the report was made, ISO with the station's offset. */
  asOf: string;
  timeZone: string;
  setUpOn: string;
  months: MonthLine[];
  missedMonths: string[];
  members: { active: number; belowTarget: number };
  belowTarget: MemberHoursLine[];
  leaders: LeaderLine[];
  /** Setting newMember.trainingWithinMonths, the window the deadlines come from. */
  newMemberWithinMonths: number;
  newMembers: NewMemberLine[];
  winterSpring: { minDays: number; seasons: SeasonLine[] };
  partyLectures: { held: boolean; sessions: SessionRef[] };
  mobileMembers: MobileLine[];
}

export interface MemberReport {
  year: number;
  member: {
    id: number;
    name: string;
    role: MemberRoleName;
    roleTitle: string | null;
    joinedOn: string | null;
    isMobile: boolean;
    worksIn: string | null;
  };
  /** Totals for the year: sessions and make-up under the daily cap, plus external hours. */
  hours: number;
  target: number;
  sessionHours: number;
  makeup: number;
  external: number;
  attended: {
    sessionId: number;
    kind: string;
    title: string;
    date: string;
    minutes: number;
    credit: number;
    corrected: boolean;
  }[];
  makeups: {
    id: number;
    courseId: string;
    date: string;
    minutes: number;
    credit: number;
    forSession: string | null;
  }[];
  externalEntries: { date: string; hours: number; place: string; note: string | null }[];
  absences: {
    sessionId: number;
    kind: string;
    title: string;
    date: string;
    excused: boolean;
    reason: string | null;
    /** A make-up of this session was studied. */
    madeUp: boolean;
  }[];
}

export const reportMethods = {
  getYearReport: method<ComplianceReport>()(z.object({ grant: Grant, year: Year }).strict()),
  getMemberReport: method<MemberReport>()(
    z.object({ grant: Grant, memberId: z.number().int().positive(), year: Year }).strict(),
  ),
};
