import type { Db } from '../db/open.js';
import { chainRecord } from '../evidence/chain.js';

/** A range of media time, in seconds from the start of the file: [from, to). */
export type WatchedRange = readonly [number, number];

export interface PlayEntry {
  courseId: string;
  filePath: string;
  fileSha256: string;
  /** Exactly one of these names what the playback was for (or neither: a free showing). */
  sessionId?: number | null;
  makeupId?: number | null;
  startedAt: Date;
  endedAt: Date;
  watched: readonly WatchedRange[];
  timeQuality?: 'trusted' | 'untrusted';
}

export interface PlayRow {
  id: number;
  courseId: string;
  filePath: string;
  fileSha256: string;
  sessionId: number | null;
  makeupId: number | null;
  startedAt: string;
  endedAt: string;
  watched: WatchedRange[];
  watchedSeconds: number;
  timeQuality: 'trusted' | 'untrusted';
}

/**
 * Merges overlapping or touching ranges so seconds watched twice (a rewind) count once.
 * Pure; ranges with to <= from or non-finite ends are dropped.
 */
export function mergeRanges(ranges: readonly WatchedRange[]): WatchedRange[] {
  const sorted = ranges
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > a && a >= 0)
    .map(([a, b]) => [a, b] as [number, number])
    .sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function secondsIn(ranges: readonly WatchedRange[]): number {
  return mergeRanges(ranges).reduce((sum, [a, b]) => sum + (b - a), 0);
}

/** Appends one stretch of playback. Rows are never updated: a longer play is more rows. */
export function appendPlay(db: Db, entry: PlayEntry, now: Date): number {
  return db.transaction(() => {
    const id = insertPlay(db, entry, now);
    chainRecord(db, 'play_log', id); // tamper evidence: the row and its link commit together
    return id;
  })();
}

function insertPlay(db: Db, entry: PlayEntry, now: Date): number {
  const watched = mergeRanges(entry.watched);
  const info = db
    .prepare(
      `INSERT INTO play_log (course_id, file_path, file_sha256, session_id, makeup_id,
         started_at, ended_at, watched, watched_seconds, time_quality, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      entry.courseId,
      entry.filePath,
      entry.fileSha256,
      entry.sessionId ?? null,
      entry.makeupId ?? null,
      entry.startedAt.toISOString(),
      entry.endedAt.toISOString(),
      JSON.stringify(watched),
      secondsIn(watched),
      entry.timeQuality ?? 'trusted',
      now.toISOString(),
    );
  return Number(info.lastInsertRowid);
}

const COLUMNS = `id, course_id AS courseId, file_path AS filePath, file_sha256 AS fileSha256,
  session_id AS sessionId, makeup_id AS makeupId, started_at AS startedAt, ended_at AS endedAt,
  watched, watched_seconds AS watchedSeconds, time_quality AS timeQuality FROM play_log`;

type RawRow = Omit<PlayRow, 'watched'> & { watched: string };
const parse = (r: RawRow): PlayRow => ({ ...r, watched: JSON.parse(r.watched) as WatchedRange[] });

export function playsForMakeup(db: Db, makeupId: number): PlayRow[] {
  return (
    db.prepare(`SELECT ${COLUMNS} WHERE makeup_id = ? ORDER BY id`).all(makeupId) as RawRow[]
  ).map(parse);
}

export function playsForSession(db: Db, sessionId: number): PlayRow[] {
  return (
    db.prepare(`SELECT ${COLUMNS} WHERE session_id = ? ORDER BY id`).all(sessionId) as RawRow[]
  ).map(parse);
}
