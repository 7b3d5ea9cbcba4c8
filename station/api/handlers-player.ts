import fs from 'node:fs';
import type { HandlerContext, Handlers } from './handlers.js';
import { containedPath } from '../http/media.js';
import { StationFailure } from '../errors.js';
import { listLocalCourses } from '../content/local-courses.js';
import { getSession } from '../attendance/sessions.js';
import { appendPlay, mergeRanges, secondsIn } from '../playback/play-log.js';
import { createFileHasher, type FileSha256 } from '../playback/file-hash.js';
import { savePosition } from '../playback/positions.js';
import { buildQueue, getMakeup } from '../playback/queue.js';
import { missedSessions, startMakeupStudy, touchMakeupEnd } from '../playback/makeup.js';
import { readSettings } from '../settings/store.js';
import { isoWithOffset } from '../domain/zoned-time.js';
import { timeQuality } from '../time/trusted-time.js';

type PlayerHandlers = Pick<
  Handlers,
  'getPlayerQueue' | 'recordPlay' | 'getSubtitles' | 'listMissedSessions' | 'startMakeup'
>;

/** How far back a make-up study may name the session it makes up for. */
const MISSED_LOOKBACK_DAYS = 366;

/** A subtitle file is a few hundred KB at most; anything bigger is not one. */
const MAX_SUBTITLE_BYTES = 4 * 1024 * 1024;

/**
 * Media time shown cannot outrun the wall clock. The player has no speed control; the slack
 * covers timeupdate granularity (≈250 ms) and a stretch cut short by a flush.
 */
const WALL_SLACK_SECONDS = 3;
const WALL_SLACK_RATIO = 1.05;

export function createPlayerHandlers(
  ctx: HandlerContext,
  fileSha256: FileSha256 = createFileHasher(ctx.contentDir),
): PlayerHandlers {
  const { db, clock, grants } = ctx;

  const findCourse = (courseId: string) => {
    const course = listLocalCourses(ctx.contentDir).find((c) => c.id === courseId);
    if (!course) throw new StationFailure('NOT_FOUND', 'courseNotFound', { id: courseId });
    return course;
  };

  return {
    getPlayerQueue: (input) => {
      const queue = buildQueue(db, listLocalCourses(ctx.contentDir), input);
      // Hash the first file now, while it starts playing, so its first log entry is not kept
      // waiting on a multi-GB read. A failure here is reported by recordPlay, where it matters.
      const first = queue.items[0];
      if (first) fileSha256(first.courseId, first.path).catch(() => undefined);
      return queue;
    },

    recordPlay: async (input) => {
      const course = findCourse(input.courseId);
      if (!course.files.some((f) => f.path === input.path)) {
        throw new StationFailure('NOT_FOUND', 'playFileMissing', { path: input.path });
      }
      if (input.sessionId) getSession(db, input.sessionId);
      if (input.makeupId) {
        const makeup = getMakeup(db, input.makeupId);
        if (makeup.courseId !== input.courseId) {
          throw new StationFailure('BAD_REQUEST', 'playWrongMakeupCourse', {
            course: input.courseId,
          });
        }
      }
      const watched = mergeRanges(input.watched);
      const watchedSeconds = secondsIn(watched);
      const wallSeconds = input.elapsedMs / 1000;
      if (watchedSeconds > wallSeconds * WALL_SLACK_RATIO + WALL_SLACK_SECONDS) {
        throw new StationFailure('BAD_REQUEST', 'playLongerThanWall', {
          watched: Math.round(watchedSeconds),
          wall: Math.round(wallSeconds),
        });
      }
      // Read before the write transaction: hashing may take a while on a large file.
      const sha256 = watched.length > 0 ? await fileSha256(input.courseId, input.path) : null;
      const now = clock.now();
      const playId = db.transaction(() => {
        savePosition(
          db,
          input.courseId,
          input.path,
          input.finished ? 0 : input.positionSeconds,
          now,
        );
        if (!sha256) return null;
        if (input.makeupId) touchMakeupEnd(db, input.makeupId, now);
        return appendPlay(
          db,
          {
            courseId: input.courseId,
            filePath: input.path,
            fileSha256: sha256,
            sessionId: input.sessionId ?? null,
            makeupId: input.makeupId ?? null,
            startedAt: new Date(now.getTime() - input.elapsedMs),
            endedAt: now,
            watched,
            timeQuality: timeQuality(db, now),
          },
          now,
        );
      })();
      return { playId, watchedSeconds };
    },

    getSubtitles: async ({ courseId, path: rel }) => {
      const course = findCourse(courseId);
      const listed = course.files.some((f) => f.subtitles.some((s) => s.path === rel));
      const file = listed ? containedPath(ctx.contentDir, rel) : null;
      if (!file) throw new StationFailure('NOT_FOUND', 'subtitlesMissing', { path: rel });
      try {
        const handle = await fs.promises.open(file, 'r');
        try {
          const { size } = await handle.stat();
          if (size > MAX_SUBTITLE_BYTES) {
            throw new StationFailure('BAD_REQUEST', 'subtitlesTooLarge', { path: rel });
          }
          return await handle.readFile('utf8');
        } finally {
          await handle.close();
        }
      } catch (err) {
        if (err instanceof StationFailure) throw err;
        throw new StationFailure('NOT_FOUND', 'subtitlesMissing', { path: rel });
      }
    },

    listMissedSessions: ({ grant, memberId }) => {
      grants.require(grant, 'organizer');
      const { timeZone } = readSettings(db);
      const since = new Date(clock.now().getTime() - MISSED_LOOKBACK_DAYS * 86_400_000);
      return {
        timeZone,
        sessions: missedSessions(db, memberId, since).map((s) => ({
          ...s,
          startedAt: isoWithOffset(new Date(s.startedAt), timeZone),
        })),
      };
    },

    startMakeup: ({ grant, memberId, courseId, forSessionId }) => {
      const role = grants.require(grant, 'organizer');
      findCourse(courseId);
      const started = startMakeupStudy(
        db,
        { memberId, courseId, forSessionId, by: role },
        clock.now(),
      );
      return { ...started, courseId };
    },
  };
}
