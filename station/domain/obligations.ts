/**
 * What is due, from plans, held sessions and the roster (DOMAIN.md rules table): this month's
 * collective study, this season's winter–spring training (冬春训), this year's party lecture
 * (党课), each new member's training deadline and each mobile member's yearly training.
 * Pure: the caller reads the records and decides what "now" is (see schedule/clock-guard.ts).
 */
import { missedMonths, monthKey } from './missed-months.js';
import { localDateOf, zonedParts } from './zoned-time.js';

export interface HeldSession {
  kind: string;
  startedAt: Date;
}

export interface CheckInFact {
  memberId: number;
  sessionKind: string;
  at: Date;
}

export interface RosterMember {
  id: number;
  name: string;
  joinedOn: string | null;
  isMobile: boolean;
}

export interface PlannedOccurrence {
  kind: string;
  start: Date;
}

export interface ObligationInput {
  now: Date;
  timeZone: string;
  setUpOn: string;
  winterSpring: { startMonth: number; endMonth: number };
  newMemberMonths: number;
  newMemberWarnDays: number;
  sessions: HeldSession[];
  checkIns: CheckInFact[];
  /** Active members only. */
  members: RosterMember[];
  /** Upcoming occurrences that are not cancelled. */
  upcoming: PlannedOccurrence[];
}

export type PeriodStatus = 'held' | 'planned' | 'due';
export type DeadlineStatus = 'done' | 'due' | 'warn' | 'overdue';

export interface Obligations {
  month: { month: string; status: PeriodStatus; held: number; next: Date | null };
  winterSpring: {
    season: string;
    from: string;
    to: string;
    inSeason: boolean;
    status: PeriodStatus | 'not-in-season';
    daysHeld: number;
    next: Date | null;
  };
  partyLecture: { year: number; status: PeriodStatus; next: Date | null };
  newMembers: {
    memberId: number;
    name: string;
    joinedOn: string;
    deadline: string;
    warnFrom: string;
    status: DeadlineStatus;
    daysLeft: number;
  }[];
  mobileMembers: { memberId: number; name: string; year: number; status: 'done' | 'due' }[];
  missedMonths: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateKey = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** 'YYYY-MM-DD' + n months; the 31st of a shorter month becomes its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return dateKey(year, month, Math.min(d, last));
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The winter–spring season that contains the month, or the next one to start. */
export function seasonOf(
  year: number,
  month: number,
  { startMonth, endMonth }: { startMonth: number; endMonth: number },
): { from: string; to: string; inSeason: boolean; label: string } {
  const wraps = startMonth > endMonth;
  let startYear: number;
  let inSeason: boolean;
  if (!wraps) {
    inSeason = month >= startMonth && month <= endMonth;
    startYear = month > endMonth ? year + 1 : year;
  } else if (month >= startMonth) {
    inSeason = true;
    startYear = year;
  } else if (month <= endMonth) {
    inSeason = true;
    startYear = year - 1;
  } else {
    inSeason = false;
    startYear = year;
  }
  const endYear = wraps ? startYear + 1 : startYear;
  const from = dateKey(startYear, startMonth, 1);
  const to = addDays(addMonths(dateKey(endYear, endMonth, 1), 1), -1);
  return {
    from,
    to,
    inSeason,
    label: `${monthKey(startYear, startMonth)}/${monthKey(endYear, endMonth)}`,
  };
}

export function computeObligations(input: ObligationInput): Obligations {
  const tz = input.timeZone;
  const p = zonedParts(input.now, tz);
  const today = dateKey(p.year, p.month, p.day);
  const thisMonth = monthKey(p.year, p.month);
  const local = (d: Date) => localDateOf(d, tz);
  const nextOf = (pred: (o: PlannedOccurrence) => boolean) =>
    input.upcoming
      .filter((o) => pred(o) && o.start >= input.now)
      .sort((a, b) => a.start.getTime() - b.start.getTime())[0]?.start ?? null;

  // This month's collective study.
  const heldThisMonth = input.sessions.filter(
    (s) => s.kind === 'collective' && local(s.startedAt).startsWith(thisMonth),
  ).length;
  const nextCollective = nextOf((o) => o.kind === 'collective');
  const collectivePlannedThisMonth = input.upcoming.some(
    (o) => o.kind === 'collective' && o.start >= input.now && local(o.start).startsWith(thisMonth),
  );

  // This season's winter–spring training.
  const season = seasonOf(p.year, p.month, input.winterSpring);
  const inSeasonDate = (d: Date) => local(d) >= season.from && local(d) <= season.to;
  const daysHeld = new Set(
    input.sessions
      .filter((s) => s.kind === 'winter-spring' && inSeasonDate(s.startedAt))
      .map((s) => local(s.startedAt)),
  ).size;
  const nextWs = nextOf((o) => o.kind === 'winter-spring' && inSeasonDate(o.start));

  // This year's party lecture.
  const year = String(p.year);
  const lectureHeld = input.sessions.some(
    (s) => s.kind === 'party-lecture' && local(s.startedAt).startsWith(year),
  );
  const nextLecture = nextOf((o) => o.kind === 'party-lecture' && local(o.start).startsWith(year));

  // New members: only deadlines the station can judge (on or after its set-up day).
  const newMembers: Obligations['newMembers'] = [];
  for (const m of input.members) {
    if (!m.joinedOn) continue;
    const deadline = addMonths(m.joinedOn, input.newMemberMonths);
    if (deadline < input.setUpOn) continue;
    const done = input.checkIns.some(
      (c) =>
        c.memberId === m.id &&
        c.sessionKind === 'new-member' &&
        local(c.at) >= m.joinedOn! &&
        local(c.at) <= deadline,
    );
    const daysLeft = daysBetween(today, deadline);
    if (done && daysLeft < 0) continue; // long done: nothing left to show
    const warnFrom = addDays(deadline, -input.newMemberWarnDays);
    const status: DeadlineStatus = done
      ? 'done'
      : daysLeft < 0
        ? 'overdue'
        : today >= warnFrom
          ? 'warn'
          : 'due';
    newMembers.push({
      memberId: m.id,
      name: m.name,
      joinedOn: m.joinedOn,
      deadline,
      warnFrom,
      status,
      daysLeft,
    });
  }
  newMembers.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.memberId - b.memberId);

  // Mobile members: one concentrated training a year (usually during 冬春训).
  const mobileMembers = input.members
    .filter((m) => m.isMobile)
    .map((m) => ({
      memberId: m.id,
      name: m.name,
      year: p.year,
      status: input.checkIns.some(
        (c) =>
          c.memberId === m.id &&
          (c.sessionKind === 'winter-spring' || c.sessionKind === 'training') &&
          local(c.at).startsWith(year),
      )
        ? ('done' as const)
        : ('due' as const),
    }));

  const heldMonths = new Set(
    input.sessions
      .filter((s) => s.kind === 'collective')
      .map((s) => local(s.startedAt).slice(0, 7)),
  );
  const firstSession = input.sessions.map((s) => local(s.startedAt).slice(0, 7)).sort()[0];

  return {
    month: {
      month: thisMonth,
      status: heldThisMonth > 0 ? 'held' : collectivePlannedThisMonth ? 'planned' : 'due',
      held: heldThisMonth,
      next: nextCollective,
    },
    winterSpring: {
      season: season.label,
      from: season.from,
      to: season.to,
      inSeason: season.inSeason,
      status:
        daysHeld > 0 ? 'held' : nextWs ? 'planned' : season.inSeason ? 'due' : 'not-in-season',
      daysHeld,
      next: nextWs,
    },
    partyLecture: {
      year: p.year,
      status: lectureHeld ? 'held' : nextLecture ? 'planned' : 'due',
      next: nextLecture,
    },
    newMembers,
    mobileMembers,
    missedMonths: missedMonths({
      year: p.year,
      heldMonths,
      setUpOn: input.setUpOn,
      firstSessionMonth: firstSession ?? null,
      currentMonth: thisMonth,
    }),
  };
}

/**
 * Months that have ENDED without a collective study, across the current and the previous year
 * (so December is still recorded when the station is first on again in January). The job that
 * records them keeps each once.
 */
export function endedMissedMonths(
  input: Pick<ObligationInput, 'now' | 'timeZone' | 'setUpOn' | 'sessions'>,
): string[] {
  const p = zonedParts(input.now, input.timeZone);
  const local = (d: Date) => localDateOf(d, input.timeZone);
  const heldMonths = new Set(
    input.sessions
      .filter((s) => s.kind === 'collective')
      .map((s) => local(s.startedAt).slice(0, 7)),
  );
  const firstSession = input.sessions.map((s) => local(s.startedAt).slice(0, 7)).sort()[0] ?? null;
  const currentMonth = monthKey(p.year, p.month);
  return [p.year - 1, p.year].flatMap((year) =>
    missedMonths({
      year,
      heldMonths,
      setUpOn: input.setUpOn,
      firstSessionMonth: firstSession,
      currentMonth,
    }),
  );
}
