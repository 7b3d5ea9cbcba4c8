/**
 * Obligations as of now, from the records alone (plans, held sessions, check-ins, the roster):
 * `station schedule due` and the home screen both read them here, with or without a running
 * service. Recording a missed month is the obligation-check job's work (recordEndedMissedMonths).
 */
import type { Db } from '../db/open.js';
import { isoWithOffset } from '../domain/zoned-time.js';
import {
  computeObligations,
  endedMissedMonths,
  type HeldSession,
  type Obligations,
} from '../domain/obligations.js';
import { readSettings } from '../settings/store.js';
import { judgeClock } from './clock-guard.js';
import { upcomingOccurrences } from './plans.js';

function heldSessions(db: Db): HeldSession[] {
  return (
    db.prepare('SELECT kind, started_at AS startedAt FROM study_sessions').all() as {
      kind: string;
      startedAt: string;
    }[]
  ).map((s) => ({ kind: s.kind, startedAt: new Date(s.startedAt) }));
}

export interface DueReport extends Obligations {
  asOf: Date;
  clock: { trusted: boolean; highWater: Date | null };
  /** Months the obligation-check job has recorded as missed (each once, when it ended). */
  recordedMissedMonths: string[];
}

/** `upcoming`: the occurrences from the effective now on, when the caller has them already. */
export function dueReport(
  db: Db,
  now: Date,
  upcoming?: { kind: string; start: Date }[],
): DueReport {
  const s = readSettings(db);
  const verdict = judgeClock(db, now);
  const at = verdict.effectiveNow;
  const checkIns = (
    db
      .prepare(
        `SELECT a.member_id AS memberId, s.kind AS sessionKind, coalesce(a.at, s.started_at) AS at
         FROM attendance_records a JOIN study_sessions s ON s.id = a.session_id
         WHERE a.kind = 'check-in'`,
      )
      .all() as { memberId: number; sessionKind: string; at: string }[]
  ).map((c) => ({ ...c, at: new Date(c.at) }));
  const members = (
    db
      .prepare(
        `SELECT id, name, joined_on AS joinedOn, is_mobile AS isMobile FROM members
         WHERE state = 'active' ORDER BY id`,
      )
      .all() as { id: number; name: string; joinedOn: string | null; isMobile: number }[]
  ).map((m) => ({ ...m, isMobile: m.isMobile === 1 }));
  const obligations = computeObligations({
    now: at,
    timeZone: s.timeZone,
    setUpOn: s['station.setUpOn'] || isoWithOffset(at, s.timeZone).slice(0, 10),
    winterSpring: {
      startMonth: s['winterSpring.startMonth'],
      endMonth: s['winterSpring.endMonth'],
    },
    newMemberMonths: s['newMember.trainingWithinMonths'],
    newMemberWarnDays: s['newMember.warnDays'],
    sessions: heldSessions(db),
    checkIns,
    members,
    upcoming: (upcoming ?? upcomingOccurrences(db, at)).map((o) => ({
      kind: o.kind,
      start: o.start,
    })),
  });
  return {
    ...obligations,
    asOf: at,
    clock: { trusted: verdict.trusted, highWater: verdict.highWater },
    recordedMissedMonths: recordedMissedMonths(db).map((m) => m.period),
  };
}

/** The JSON of `schedule due --json` and the API: instants as ISO with the station's offset. */
export function dueToJson(r: DueReport, timeZone: string) {
  const iso = (d: Date | null) => (d ? isoWithOffset(d, timeZone) : null);
  return {
    asOf: iso(r.asOf),
    clock: { trusted: r.clock.trusted, highWater: iso(r.clock.highWater) },
    month: { ...r.month, next: iso(r.month.next) },
    winterSpring: { ...r.winterSpring, next: iso(r.winterSpring.next) },
    partyLecture: { ...r.partyLecture, next: iso(r.partyLecture.next) },
    newMembers: r.newMembers,
    mobileMembers: r.mobileMembers,
    missedMonths: r.missedMonths,
    recordedMissedMonths: r.recordedMissedMonths,
  };
}

export type DueJson = ReturnType<typeof dueToJson>;

/**
 * Records each month that has ended without a collective study, once (the primary key makes a
 * second recording a no-op). Returns the months newly recorded. The caller passes a TRUSTED now.
 */
export function recordEndedMissedMonths(db: Db, now: Date): string[] {
  const s = readSettings(db);
  const months = endedMissedMonths({
    now,
    timeZone: s.timeZone,
    setUpOn: s['station.setUpOn'] || isoWithOffset(now, s.timeZone).slice(0, 10),
    sessions: heldSessions(db),
  });
  const insert = db.prepare(
    `INSERT INTO obligation_records (kind, period, recorded_at) VALUES ('collective-missed', ?, ?)
     ON CONFLICT DO NOTHING`,
  );
  return db.transaction(() =>
    months.filter((m) => insert.run(m, now.toISOString()).changes === 1),
  )();
}

export function recordedMissedMonths(db: Db): { period: string; recordedAt: string }[] {
  return db
    .prepare(
      `SELECT period, recorded_at AS recordedAt FROM obligation_records
       WHERE kind = 'collective-missed' ORDER BY period`,
    )
    .all() as { period: string; recordedAt: string }[];
}
