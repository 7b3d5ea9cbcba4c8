import fs from 'node:fs';
import type { HandlerContext, Handlers } from './handlers.js';
import { StationFailure } from '../errors.js';
import { listVerifiedCourses, verifiedFile, verifiedMedia } from '../content/courses.js';
import { getSession } from '../attendance/sessions.js';
import { appendPlay, mergeRanges, secondsIn } from '../playback/play-log.js';
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

export function createPlayerHandlers(ctx: HandlerContext): PlayerHandlers {
  const { db, clock, grants } = ctx;

  // The hash recorded as proof of play is the one the verified cache checked the file against,
  // never a value the UI sends.
  const fileSha256 = (courseId: string, path: string): string => {
    const file = verifiedFile(db, courseId, path);
    if (!file) throw new StationFailure('NOT_FOUND', 'playFileMissing', { path });
    return file.sha256;
  };

  const findCourse = (courseId: string) => {
    const course = listVerifiedCourses(db).find((c) => c.id === courseId);
    if (!course) throw new StationFailure('NOT_FOUND', 'courseNotFound', { id: courseId });
    return course;
  };

  return {
    getPlayerQueue: (input) => {
      return buildQueue(db, listVerifiedCourses(db), input);
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
      const sha256 = watched.length > 0 ? fileSha256(input.courseId, input.path) : null;
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
      const file = listed ? (verifiedMedia(db, rel)?.absolutePath ?? null) : null;
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
