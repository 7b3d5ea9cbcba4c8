import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Read size for hashing and copying: large reads keep SHA-256 (not syscalls) the bottleneck. */
export const IO_CHUNK = 1024 * 1024;

/** A download starts write-back every this many bytes, so it overlaps the download. */
export const SYNC_EVERY = 64 * 1024 * 1024;

/** A connection that stayed silent for longer than the stall timeout. */
export class Stalled extends Error {
  constructor(ms: number) {
    super(`no data for ${ms} ms`);
    this.name = 'Stalled';
  }
}

/**
 * How long to hold back so that `bytes` received since `started` keep to `bandwidth` bytes per
 * second (0 = no cap): the one pacing rule of both download paths.
 */
export function paceDelay(started: number, bytes: number, bandwidth: number): number {
  return bandwidth > 0 ? started + (bytes / bandwidth) * 1000 - Date.now() : 0;
}

/** A pass-through that hashes and counts what flows by, and stops a stream that runs long. */
export class HashTap extends Transform {
  bytes = 0;
  constructor(
    private readonly limit = Infinity,
    /** A resumed download passes the hash of the bytes it already has. */
    readonly hash = crypto.createHash('sha256'),
  ) {
    super({ highWaterMark: IO_CHUNK });
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      done(new LongerThanClaimed(this.limit));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/** The source sent more bytes than the manifest says the file has. */
export class LongerThanClaimed extends Error {
  constructor(readonly limit: number) {
    super(`more than the ${limit} bytes the manifest names`);
    this.name = 'LongerThanClaimed';
  }
}

export async function sha256OfFile(file: string): Promise<{ sha256: string; size: number }> {
  const tap = new HashTap();
  await pipeline(fs.createReadStream(file, { highWaterMark: IO_CHUNK }), tap, async (src) => {
    for await (const _ of src) void _;
  });
  return { sha256: tap.hash.digest('hex'), size: tap.bytes };
}

/** fsync a file by name (after a stream that wrote it has closed). */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** fsync a directory so a rename inside it survives a power cut (no-op where unsupported). */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Copies `src` to `dest` through a temporary file, hashing on the way, fsyncs and renames into
 * place: `dest` is either absent or complete. Returns what was copied; when `expect` is given and
 * the copy does not match it, the temporary file is removed and nothing lands at `dest`.
 */
export async function copyHashed(
  src: string,
  dest: string,
  expect?: { sha256: string; size: number },
): Promise<{ sha256: string; size: number } | null> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.tmp-${process.pid}`;
  const tap = new HashTap(expect ? expect.size : Infinity);
  try {
    await pipeline(
      fs.createReadStream(src, { highWaterMark: IO_CHUNK }),
      tap,
      fs.createWriteStream(tmp, { highWaterMark: IO_CHUNK }),
    );
    fsyncFile(tmp);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof LongerThanClaimed) return null;
    throw err;
  }
  const got = { sha256: tap.hash.digest('hex'), size: tap.bytes };
  if (expect && (got.sha256 !== expect.sha256 || got.size !== expect.size)) {
    fs.rmSync(tmp, { force: true });
    return null;
  }
  fs.renameSync(tmp, dest);
  syncDir(path.dirname(dest));
  return got;
}
