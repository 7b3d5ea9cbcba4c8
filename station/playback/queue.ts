import type { CourseSummary } from '../../common/contract.js';
import type { PlayerQueue, QueueItem } from '../../common/contract-player.js';
import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';
import { positionKey, readPositions } from './positions.js';

export interface RunningSession {
  id: number;
  title: string;
}

/** The collective study under way (started, not ended), latest first; null when there is none. */
export function runningSession(db: Db): RunningSession | null {
  const row = db
    .prepare(
      `SELECT id, title FROM study_sessions WHERE ended_at IS NULL
       ORDER BY started_at DESC, id DESC LIMIT 1`,
    )
    .get() as RunningSession | undefined;
  return row ?? null;
}

export interface MakeupRow {
  id: number;
  memberId: number;
  memberName: string;
  courseId: string;
}

export function getMakeup(db: Db, id: number): MakeupRow {
  const row = db
    .prepare(
      `SELECT s.id, s.member_id AS memberId, m.name AS memberName, s.course_id AS courseId
       FROM makeup_studies s JOIN members m ON m.id = s.member_id WHERE s.id = ?`,
    )
    .get(id) as MakeupRow | undefined;
  if (!row) throw new StationFailure('NOT_FOUND', 'makeupNotFound', { id });
  return row;
}

/**
 * Orders the catalogue into a playlist: the chosen courses in the order chosen (an unknown id is
 * an error, not silently skipped: the organizer would miss a course without knowing), or all.
 */
export function chooseCourses(
  catalogue: readonly CourseSummary[],
  courseIds: readonly string[] | undefined,
): CourseSummary[] {
  if (!courseIds || courseIds.length === 0) return [...catalogue];
  return courseIds.map((id) => {
    const course = catalogue.find((c) => c.id === id);
    if (!course) throw new StationFailure('NOT_FOUND', 'courseNotFound', { id });
    return course;
  });
}

export function queueItems(db: Db, courses: readonly CourseSummary[]): QueueItem[] {
  const positions = readPositions(db);
  return courses.flatMap((course) =>
    course.files.map((file) => ({
      courseId: course.id,
      courseTitle: course.title,
      path: file.path,
      subtitles: file.subtitles,
      resumeSeconds: positions.get(positionKey(course.id, file.path)) ?? 0,
    })),
  );
}

export function buildQueue(
  db: Db,
  catalogue: readonly CourseSummary[],
  input: { courseIds?: string[] | undefined; makeupId?: number | undefined },
): PlayerQueue {
  if (input.makeupId !== undefined) {
    const makeup = getMakeup(db, input.makeupId);
    return {
      session: null,
      makeup: { id: makeup.id, memberName: makeup.memberName },
      items: queueItems(db, chooseCourses(catalogue, [makeup.courseId])),
    };
  }
  return {
    session: runningSession(db),
    makeup: null,
    items: queueItems(db, chooseCourses(catalogue, input.courseIds)),
  };
}
