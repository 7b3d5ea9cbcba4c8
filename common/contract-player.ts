/**
 * The player's part of the StationApi: what to play, proof of play, and make-up study (补学).
 * Spread into `contract` in contract.ts; the names are listed in transport.ts.
 */
import { z } from 'zod';
import { method } from './contract-method.js';

const Id = z.number().int().positive();
const CourseId = z.string().min(1).max(200);
const MediaPath = z.string().min(1).max(1000);
/** Media time in seconds; a course is hours at most, so anything beyond a day is nonsense. */
const MediaSeconds = z.number().min(0).max(86_400);
const Range = z
  .tuple([MediaSeconds, MediaSeconds])
  .refine(([from, to]) => to >= from, { message: 'range end before start' });

/** One thing to play: a course's video file, where to resume it, and its subtitles. */
export interface QueueItem {
  courseId: string;
  courseTitle: string;
  /** Relative to the media root, like CourseSummary's file paths. */
  path: string;
  subtitles: { lang: string; path: string }[];
  /** Where the last showing stopped (0 after it played to the end). */
  resumeSeconds: number;
}

export interface PlayerQueue {
  /** The running collective study session the plays count for, or null. */
  session: null | { id: number; title: string };
  /** The make-up study the plays count for, or null. */
  makeup: null | { id: number; memberName: string };
  items: QueueItem[];
}

export interface PlayRecorded {
  /** The play_log row, or null when nothing was watched (only the position was kept). */
  playId: number | null;
  watchedSeconds: number;
}

export interface MakeupStarted {
  makeupId: number;
  memberName: string;
  courseId: string;
}

export interface MissedSessions {
  /** The station's zone, in which the start times are to be shown. */
  timeZone: string;
  /** Ended sessions of the last year the member did not check in to, latest first. */
  sessions: { id: number; title: string; kind: string; startedAt: string }[];
}

export const playerContract = {
  /**
   * The playlist: a make-up study's course; else the courses the organizer chose (in that order);
   * else the whole catalogue. Plays then count for the running session, if there is one.
   */
  getPlayerQueue: method<PlayerQueue>()(
    z
      .object({
        courseIds: z.array(CourseId).max(200).optional(),
        makeupId: Id.optional(),
      })
      .strict(),
  ),
  /**
   * Proof of play: one stretch of playback. The station looks up the file's SHA-256 itself and
   * stamps the wall-clock times with its own clock (`elapsedMs` is the stretch's length as the
   * player measured it on a monotonic clock). Also keeps the resume position.
   */
  recordPlay: method<PlayRecorded>()(
    z
      .object({
        courseId: CourseId,
        path: MediaPath,
        sessionId: Id.nullable().optional(),
        makeupId: Id.nullable().optional(),
        elapsedMs: z
          .number()
          .int()
          .min(0)
          .max(12 * 3600_000),
        watched: z.array(Range).max(1000),
        positionSeconds: MediaSeconds,
        /** True when the file played to its end: the next showing starts from the beginning. */
        finished: z.boolean().optional(),
      })
      .strict()
      .refine((p) => !(p.sessionId && p.makeupId), {
        message: 'a play counts for a session or a make-up study, not both',
      }),
  ),
  /**
   * A course's WebVTT subtitles as text. The player hands them to <track> as a blob: URL, which is
   * same-origin in both shells: a <track> straight from media:// would be a cross-origin load,
   * which Chromium refuses for tracks without CORS.
   */
  getSubtitles: method<string>()(z.object({ courseId: CourseId, path: MediaPath }).strict()),
  /** The sessions a member missed, for a make-up study to name (organizer only). */
  listMissedSessions: method<MissedSessions>()(
    z.object({ grant: z.string().min(16).max(128), memberId: Id }).strict(),
  ),
  /** Starts a member's make-up study of a course (organizer only); plays then log its id. */
  startMakeup: method<MakeupStarted>()(
    z
      .object({
        grant: z.string().min(16).max(128),
        memberId: Id,
        courseId: CourseId,
        forSessionId: Id.optional(),
      })
      .strict(),
  ),
};
