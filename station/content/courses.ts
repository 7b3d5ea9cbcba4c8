import fs from 'node:fs';
import type { CourseSummary } from '../../common/contract.js';
import type { Db } from '../db/open.js';
import {
  acceptedManifest,
  activeManifest,
  cacheDirs,
  objectPath,
  objectStates,
  type ObjectState,
} from './store.js';

export type CourseStatus = 'verified' | 'downloading' | 'missing' | 'corrupt';

/**
 * The courses the kiosk may play: those of the active manifest (every file verified when it was
 * made active), minus any course with a file found corrupt or missing since. Paths are the
 * manifest's, which are also the media URLs.
 */
export function listVerifiedCourses(db: Db): CourseSummary[] {
  const active = activeManifest(db);
  if (!active) return [];
  const states = objectStates(db);
  const ok = (sha: string) => states.get(sha) === 'verified';
  return active.manifest.courses
    .filter((c) => c.files.every((f) => ok(f.sha256) && f.subtitles.every((s) => ok(s.sha256))))
    .map((c) => ({
      id: c.id,
      title: c.title,
      durationSeconds: c.durationSeconds,
      kind: c.kind,
      audience: c.audience,
      files: c.files.map((f) => ({
        path: f.path,
        sha256: f.sha256,
        size: f.size,
        subtitles: f.subtitles.map((s) => ({ lang: s.lang, path: s.path })),
      })),
    }));
}

/**
 * The verified file a media path names, for the media handler and proof of play: from the active
 * manifest, only when its object is verified and present. Null otherwise — never a guess.
 */
export function verifiedMedia(
  db: Db,
  mediaPath: string,
): { absolutePath: string; sha256: string; courseId: string } | null {
  const active = activeManifest(db);
  if (!active) return null;
  for (const c of active.manifest.courses) {
    for (const f of c.files.flatMap((f) => [f, ...f.subtitles])) {
      if (f.path !== mediaPath) continue;
      const row = db.prepare('SELECT state FROM content_objects WHERE sha256 = ?').get(f.sha256) as
        { state: ObjectState } | undefined;
      if (row?.state !== 'verified') return null;
      const absolutePath = objectPath(cacheDirs(db), f.sha256);
      if (!fs.existsSync(absolutePath)) return null;
      return { absolutePath, sha256: f.sha256, courseId: c.id };
    }
  }
  return null;
}

/**
 * For the player's proof of play: the verified file `path` of course `courseId` (path as listed by
 * listCourses, e.g. `demo/intro.mp4`), with the SHA-256 to record, or null when it is not playable.
 */
export function verifiedFile(
  db: Db,
  courseId: string,
  path: string,
): { absolutePath: string; sha256: string } | null {
  const found = verifiedMedia(db, path);
  if (!found || found.courseId !== courseId) return null;
  return { absolutePath: found.absolutePath, sha256: found.sha256 };
}

export interface CourseListing {
  id: string;
  title: string;
  status: CourseStatus;
  /** True when the kiosk lists and plays it now (it is in the active manifest, all verified). */
  playable: boolean;
  version: number;
  files: { path: string; size: number; sha256: string; state: ObjectState }[];
}

/**
 * Courses of the newest accepted manifest (what the station is working towards) with their
 * status, for `station content list`: corrupt if any file is, else downloading, else missing,
 * else verified.
 */
export function listCourseStatus(db: Db): CourseListing[] {
  const accepted = acceptedManifest(db);
  if (!accepted) return [];
  const states = objectStates(db);
  const playable = new Set(listVerifiedCourses(db).map((c) => c.id));
  return accepted.manifest.courses.map((c) => {
    const byPath = new Map(c.files.flatMap((f) => [f, ...f.subtitles]).map((f) => [f.path, f]));
    const files = [...byPath.values()].map((f) => ({
      path: f.path,
      size: f.size,
      sha256: f.sha256,
      state: states.get(f.sha256) ?? 'missing',
    }));
    const has = (s: ObjectState) => files.some((f) => f.state === s);
    const status: CourseStatus = has('corrupt')
      ? 'corrupt'
      : has('downloading')
        ? 'downloading'
        : has('missing')
          ? 'missing'
          : 'verified';
    return {
      id: c.id,
      title: c.title,
      status,
      playable: playable.has(c.id),
      version: accepted.version,
      files,
    };
  });
}
