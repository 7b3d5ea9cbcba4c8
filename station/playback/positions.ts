import type { Db } from '../db/open.js';

/** The resume bookmark of one course file: where its last showing stopped. */
export function savePosition(
  db: Db,
  courseId: string,
  filePath: string,
  seconds: number,
  now: Date,
): void {
  db.prepare(
    `INSERT INTO player_positions (course_id, file_path, position_seconds, updated_at)
     VALUES (?, ?, ?, ?)
     ON CONFLICT (course_id, file_path)
     DO UPDATE SET position_seconds = excluded.position_seconds, updated_at = excluded.updated_at`,
  ).run(courseId, filePath, seconds, now.toISOString());
}

/** Every stored bookmark, keyed `courseId\0filePath`. */
export function readPositions(db: Db): Map<string, number> {
  const rows = db
    .prepare('SELECT course_id AS c, file_path AS f, position_seconds AS s FROM player_positions')
    .all() as { c: string; f: string; s: number }[];
  return new Map(rows.map((r) => [positionKey(r.c, r.f), r.s]));
}

export function positionKey(courseId: string, filePath: string): string {
  return `${courseId}\0${filePath}`;
}
