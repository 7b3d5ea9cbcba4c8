/**
 * Make-up study (补学) credit — the interface between the player and the hours.
 *
 * The courses/player side feeds it two things and nothing else:
 * - a row in `makeup_studies` (member, course, optionally the session that was missed, when the
 *   make-up started), written when a member starts a make-up at the kiosk;
 * - `play_log` rows naming that make-up (`makeup_id`), appended by the player as it plays
 *   (station/playback/play-log.ts, appendPlay).
 *
 * How a make-up is credited (DOMAIN.md, "Counting study hours"):
 * - watched time is the course's media time shown, from the play rows of that make-up and that
 *   course, with overlaps merged per file (a rewind counts once), and never more than the
 *   wall-clock time the rows span (fast-forwarding through a course is not study);
 * - that time becomes 学时 by the same policy as a session: minutes per 学时, rounded down to
 *   the step;
 * - a make-up counts on the local day it started, in that day's cap, together with the
 *   member's sessions of that day (see combineHours), and in the year of that day;
 * - a make-up of a named session tops the member up to what that session credits in full and
 *   never beyond: a member who attended the whole session gets nothing extra, one who left early
 *   gets at most the part they missed; several make-ups of one session share that gap in the
 *   order they were started;
 * - a make-up with no session named (a course studied on one's own) is credited in full.
 */
import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';
import { creditForMinutes, type HoursPolicy } from '../domain/hours.js';
import { zonedParts } from '../domain/zoned-time.js';
import { mergeRanges, type WatchedRange } from '../playback/play-log.js';
import { sessionCredits, type SessionCredit } from './credits.js';

export interface MakeupCredit {
  makeupId: number;
  memberId: number;
  courseId: string;
  forSessionId: number | null;
  startedAt: string;
  /** The local calendar day the make-up started: the day whose cap it shares. */
  day: string;
  watchedSeconds: number;
  minutes: number;
  /** 学时 before the daily cap. */
  credit: number;
  /** 'session' when a make-up of a session was held to what the member missed of it. */
  limitedBy: 'session' | null;
  /** Some play rows were stamped by a clock the station did not trust. */
  untrusted: boolean;
}

interface PlayJoinRow {
  makeupId: number;
  memberId: number;
  courseId: string;
  forSessionId: number | null;
  startedAt: string;
  file: string | null;
  watched: string | null;
  playStart: string | null;
  playEnd: string | null;
  timeQuality: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function localDay(iso: string, timeZone: string): string {
  const p = zonedParts(new Date(iso), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Make-ups with their watched seconds, in the order they were started. */
function loadMakeups(
  db: Db,
  where: string,
  params: unknown[],
): Omit<MakeupCredit, 'day' | 'minutes' | 'credit' | 'limitedBy'>[] {
  const rows = db
    .prepare(
      `SELECT m.id AS makeupId, m.member_id AS memberId, m.course_id AS courseId,
              m.for_session_id AS forSessionId, m.started_at AS startedAt,
              p.file_sha256 AS file, p.watched, p.started_at AS playStart, p.ended_at AS playEnd,
              p.time_quality AS timeQuality
       FROM makeup_studies m
       LEFT JOIN play_log p ON p.makeup_id = m.id AND p.course_id = m.course_id
       WHERE ${where}
       ORDER BY m.started_at, m.id, p.id`,
    )
    .all(...params) as PlayJoinRow[];
  const out: Omit<MakeupCredit, 'day' | 'minutes' | 'credit' | 'limitedBy'>[] = [];
  let i = 0;
  while (i < rows.length) {
    const first = rows[i]!;
    const byFile = new Map<string, WatchedRange[]>();
    let wallSeconds = 0;
    let untrusted = false;
    for (; i < rows.length && rows[i]!.makeupId === first.makeupId; i++) {
      const r = rows[i]!;
      if (r.file === null || r.watched === null) continue;
      const ranges = byFile.get(r.file) ?? [];
      ranges.push(...(JSON.parse(r.watched) as WatchedRange[]));
      byFile.set(r.file, ranges);
      wallSeconds += Math.max(0, (Date.parse(r.playEnd!) - Date.parse(r.playStart!)) / 1000);
      if (r.timeQuality === 'untrusted') untrusted = true;
    }
    let media = 0;
    for (const ranges of byFile.values()) {
      for (const [a, b] of mergeRanges(ranges)) media += b - a;
    }
    out.push({
      makeupId: first.makeupId,
      memberId: first.memberId,
      courseId: first.courseId,
      forSessionId: first.forSessionId,
      startedAt: first.startedAt,
      watchedSeconds: Math.round(Math.min(media, wallSeconds) * 10) / 10,
      untrusted,
    });
  }
  return out;
}

/** The member's own line in a session and what the session credits to someone there throughout. */
function sessionGap(
  db: Db,
  sessionId: number,
  memberId: number,
  policy: HoursPolicy,
  timeZone: string,
  now: Date,
): number {
  const s = db
    .prepare('SELECT started_at AS startedAt, ended_at AS endedAt FROM study_sessions WHERE id = ?')
    .get(sessionId) as { startedAt: string; endedAt: string | null } | undefined;
  if (!s) return 0;
  const start = new Date(s.startedAt);
  const end = s.endedAt ? new Date(s.endedAt) : now;
  const full = creditForMinutes(Math.max(0, end.getTime() - start.getTime()) / 60_000, policy);
  const own: SessionCredit | undefined = sessionCredits(
    db,
    { from: start, to: new Date(start.getTime() + 1) },
    policy,
    timeZone,
    now,
  ).find((c) => c.sessionId === sessionId && c.memberId === memberId);
  return Math.max(0, full - (own?.credit ?? 0));
}

/**
 * Credit of every make-up started in [from, to), before the daily cap (combineHours applies it,
 * together with the sessions of the same day).
 */
export function makeupCredits(
  db: Db,
  range: { from: Date; to: Date },
  policy: HoursPolicy,
  timeZone: string,
  now: Date,
): MakeupCredit[] {
  const inRange = loadMakeups(db, 'm.started_at >= ? AND m.started_at < ?', [
    range.from.toISOString(),
    range.to.toISOString(),
  ]);
  // Make-ups of a named session share what the member missed of it, in the order started, so
  // earlier make-ups of the same session (possibly outside the range) are counted first.
  const granted = new Map<number, number>();
  const sessionIds = [
    ...new Set(inRange.map((m) => m.forSessionId).filter((id): id is number => id !== null)),
  ];
  for (const sessionId of sessionIds) {
    const all = loadMakeups(db, 'm.for_session_id = ?', [sessionId]);
    const remaining = new Map<number, number>();
    for (const m of all) {
      let left = remaining.get(m.memberId);
      if (left === undefined) left = sessionGap(db, sessionId, m.memberId, policy, timeZone, now);
      const raw = creditForMinutes(m.watchedSeconds / 60, policy);
      const credit = Math.min(raw, left);
      remaining.set(m.memberId, left - credit);
      granted.set(m.makeupId, credit);
    }
  }
  return inRange.map((m) => {
    const minutes = Math.round((m.watchedSeconds / 60) * 10) / 10;
    const raw = creditForMinutes(m.watchedSeconds / 60, policy);
    const credit = granted.get(m.makeupId) ?? raw;
    return {
      ...m,
      day: localDay(m.startedAt, timeZone),
      minutes,
      credit,
      limitedBy: credit < raw ? 'session' : null,
    };
  });
}

export interface MemberYearHours {
  /** Session credit after the daily cap. */
  sessions: number;
  /** Make-up credit after the daily cap. */
  makeup: number;
  /** Hours earned where a mobile member works (流入地), outside the daily cap. */
  external: number;
  total: number;
}

/**
 * One member's hours from sessions, make-ups and external hours. Sessions and make-ups of the
 * same local day share its cap in the order they started: a morning session keeps its credit and
 * an evening make-up is trimmed. External hours are recorded per date by the place that gave
 * them, so the station does not cap them again.
 */
export function combineHours(
  sessions: readonly SessionCredit[],
  makeups: readonly MakeupCredit[],
  external: readonly { memberId: number; hours: number }[],
  maxPerDay: number,
): Map<number, MemberYearHours> {
  // Sessions come ordered by start; make-ups too. Walking both in one merged order lets the cap
  // run as the day fills up (the rule of domain/hours.ts capPerDay) without a copy per line.
  const acc = new Map<number, { sessions: number; makeup: number; used: Map<string, number> }>();
  const take = (memberId: number, day: string, credit: number, makeup: boolean) => {
    let a = acc.get(memberId);
    if (!a) {
      a = { sessions: 0, makeup: 0, used: new Map() };
      acc.set(memberId, a);
    }
    const before = a.used.get(day) ?? 0;
    const capped = Math.max(0, Math.min(credit, maxPerDay - before));
    a.used.set(day, before + capped);
    if (makeup) a.makeup += capped;
    else a.sessions += capped;
  };
  let j = 0;
  for (const c of sessions) {
    while (j < makeups.length && makeups[j]!.startedAt < c.startedAt) {
      const m = makeups[j++]!;
      take(m.memberId, m.day, m.credit, true);
    }
    take(c.memberId, c.day, c.credit, false);
  }
  for (; j < makeups.length; j++) {
    const m = makeups[j]!;
    take(m.memberId, m.day, m.credit, true);
  }
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const result = new Map<number, MemberYearHours>();
  for (const [memberId, a] of acc) {
    result.set(memberId, {
      sessions: round(a.sessions),
      makeup: round(a.makeup),
      external: 0,
      total: round(a.sessions + a.makeup),
    });
  }
  for (const e of external) {
    const h = result.get(e.memberId) ?? { sessions: 0, makeup: 0, external: 0, total: 0 };
    h.external = round(h.external + e.hours);
    h.total = round(h.sessions + h.makeup + h.external);
    result.set(e.memberId, h);
  }
  return result;
}

/**
 * Starts a make-up study: what the kiosk's make-up screen (courses/player side) calls before it
 * plays, so the play rows have a make-up to name. A session named must exist.
 */
export function startMakeup(
  db: Db,
  m: { memberId: number; courseId: string; forSessionId?: number | null; at: Date; by: string },
  now: Date,
): number {
  return db.transaction(() => {
    if (m.forSessionId != null) {
      const s = db.prepare('SELECT id FROM study_sessions WHERE id = ?').get(m.forSessionId);
      if (!s) throw new StationFailure('NOT_FOUND', 'sessionNotFound', { id: m.forSessionId });
    }
    const info = db
      .prepare(
        `INSERT INTO makeup_studies (member_id, course_id, for_session_id, started_at, recorded_by,
           recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        m.memberId,
        m.courseId,
        m.forSessionId ?? null,
        m.at.toISOString(),
        m.by,
        now.toISOString(),
      );
    return Number(info.lastInsertRowid);
  })();
}
