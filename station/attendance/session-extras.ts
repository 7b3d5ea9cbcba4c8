import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';

/** Photos live under DATA/photos/<session id>/, named by their row id and content hash. */
export const PHOTOS_DIR = 'photos';

export function latestMinutes(
  db: Db,
  sessionId: number,
): { text: string; writtenBy: string; writtenAt: string } | null {
  const row = db
    .prepare(
      `SELECT text, written_by AS writtenBy, written_at AS writtenAt FROM session_minutes
       WHERE session_id = ? ORDER BY id DESC LIMIT 1`,
    )
    .get(sessionId) as { text: string; writtenBy: string; writtenAt: string } | undefined;
  return row ?? null;
}

/**
 * Saves the minutes as a new version (earlier versions stay) and keeps `study_sessions.notes` on
 * the text in force. Allowed after the session ended: minutes are often written up afterwards.
 */
export function saveMinutes(db: Db, sessionId: number, text: string, by: string, now: Date): void {
  db.transaction(() => {
    db.prepare(
      'INSERT INTO session_minutes (session_id, text, written_by, written_at) VALUES (?, ?, ?, ?)',
    ).run(sessionId, text, by, now.toISOString());
    db.prepare('UPDATE study_sessions SET notes = ? WHERE id = ?').run(text, sessionId);
  })();
}

interface PhotoRow {
  id: number;
  takenAt: string;
  takenBy: string;
  source: 'file' | 'camera';
  bytes: number;
}

export function listSessionPhotos(db: Db, sessionId: number): PhotoRow[] {
  return db
    .prepare(
      `SELECT id, taken_at AS takenAt, taken_by AS takenBy, source, bytes FROM session_photos
       WHERE session_id = ? ORDER BY id`,
    )
    .all(sessionId) as PhotoRow[];
}

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) =>
    b.length > 8 && b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])),
  'image/webp': (b) =>
    b.length > 12 &&
    b.subarray(0, 4).toString('latin1') === 'RIFF' &&
    b.subarray(8, 12).toString('latin1') === 'WEBP',
};
const EXTENSION: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/** Writes a file so that it is either whole or absent: temp file, fsync, rename, fsync the dir. */
function writeDurably(file: string, bytes: Buffer): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  const dirFd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}

/**
 * Stores a photo of the session. The file is on disk before its row is committed, so a row never
 * names a missing file; a crash in between leaves at most an unreferenced file.
 */
export function addPhoto(
  db: Db,
  dataDir: string,
  p: { sessionId: number; mime: string; bytes: Buffer; source: 'file' | 'camera'; by: string },
  now: Date,
): PhotoRow {
  const check = MAGIC[p.mime];
  if (!check || !check(p.bytes)) throw new StationFailure('BAD_REQUEST', 'photoNotImage');
  const sha256 = crypto.createHash('sha256').update(p.bytes).digest('hex');
  const next = (
    db.prepare('SELECT coalesce(max(id), 0) + 1 AS id FROM session_photos').get() as { id: number }
  ).id;
  const relative = path.posix.join(
    PHOTOS_DIR,
    String(p.sessionId),
    `${next}-${sha256.slice(0, 12)}.${EXTENSION[p.mime]}`,
  );
  writeDurably(path.join(dataDir, ...relative.split('/')), p.bytes);
  const info = db
    .prepare(
      `INSERT INTO session_photos (id, session_id, file, mime, bytes, sha256, source, taken_by, taken_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      next,
      p.sessionId,
      relative,
      p.mime,
      p.bytes.length,
      sha256,
      p.source,
      p.by,
      now.toISOString(),
    );
  return {
    id: Number(info.lastInsertRowid),
    takenAt: now.toISOString(),
    takenBy: p.by,
    source: p.source,
    bytes: p.bytes.length,
  };
}

export function readPhoto(
  db: Db,
  dataDir: string,
  photoId: number,
): { id: number; mime: string; bytes: Buffer } {
  const row = db.prepare('SELECT id, file, mime FROM session_photos WHERE id = ?').get(photoId) as
    { id: number; file: string; mime: string } | undefined;
  if (!row) throw new StationFailure('NOT_FOUND', 'photoNotFound', { id: photoId });
  const file = path.join(dataDir, ...row.file.split('/'));
  if (!fs.existsSync(file)) throw new StationFailure('NOT_FOUND', 'photoNotFound', { id: photoId });
  return { id: row.id, mime: row.mime, bytes: fs.readFileSync(file) };
}
