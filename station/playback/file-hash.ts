import crypto from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { containedPath } from '../http/media.js';
import { StationFailure } from '../errors.js';

/** The SHA-256 of a course file, as the station found it on disk (never as the UI claims it). */
export type FileSha256 = (courseId: string, path: string) => Promise<string>;

interface Cached {
  size: number;
  mtimeMs: number;
  sha256: Promise<string>;
}

/**
 * Hashes each content file once and remembers the answer while the file's size and mtime stay
 * the same, so a play log written every 15 s does not re-read a multi-GB file. The hash streams
 * (the station keeps answering while a big file is read); concurrent asks share one read.
 * The verified content cache (courses issue §3–5) will answer from its recorded hashes instead.
 */
export function createFileHasher(contentDir: string): FileSha256 {
  const cache = new Map<string, Cached>();
  return async (courseId, rel) => {
    // The file must belong to the course it is logged for and stay inside the content directory.
    const file = rel.startsWith(`${courseId}/`) ? containedPath(contentDir, rel) : null;
    let stat: fs.Stats | null = null;
    try {
      if (file) stat = await fs.promises.stat(file);
    } catch {
      stat = null;
    }
    if (!file || !stat?.isFile()) {
      throw new StationFailure('NOT_FOUND', 'playFileMissing', { path: rel });
    }
    const hit = cache.get(file);
    if (hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) return hit.sha256;
    const hash = crypto.createHash('sha256');
    const sha256 = pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), hash).then(() =>
      hash.digest('hex'),
    );
    const entry = { size: stat.size, mtimeMs: stat.mtimeMs, sha256 };
    cache.set(file, entry);
    // A failed read must not be remembered as the answer.
    sha256.catch(() => {
      if (cache.get(file) === entry) cache.delete(file);
    });
    return sha256;
  };
}
