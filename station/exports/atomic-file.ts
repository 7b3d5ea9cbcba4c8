import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StationFailure } from '../errors.js';

/**
 * Where a half-written export lives until it is complete: beside the target (so the rename is
 * atomic on the same file system), hidden, and named so nobody mistakes it for the export.
 */
export function partialName(target: string): string {
  const suffix = crypto.randomBytes(4).toString('hex');
  return path.join(path.dirname(target), `.${path.basename(target)}.${suffix}.partial`);
}

/** Turns a file-system error into a sentence about the target the person chose. */
export function writeFailure(target: string, err: unknown): StationFailure {
  if (err instanceof StationFailure) return err;
  const e = err as NodeJS.ErrnoException;
  const file = target;
  if (e.code === 'ENOSPC' || e.code === 'EDQUOT') {
    return new StationFailure('STORAGE', 'exportNoSpace', { file });
  }
  if (e.code === 'EROFS') return new StationFailure('STORAGE', 'exportReadOnly', { file });
  return new StationFailure('STORAGE', 'fileNotWritable', {
    file,
    detail: e.code ?? (err instanceof Error ? err.message : String(err)),
  });
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Already gone, or the medium was pulled out: nothing more to clean.
  }
}

/**
 * Writes a file through a hidden partial name, flushes it to the medium, then renames it: the
 * final name only ever holds a complete file, whether the write fails (full or read-only USB
 * stick) or the process is killed half-way (the partial file is left hidden, never the target).
 */
export async function writeAtomically<T>(
  target: string,
  write: (partialPath: string) => Promise<T> | T,
): Promise<T> {
  const partial = partialName(target);
  try {
    const result = await write(partial);
    const fd = fs.openSync(partial, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, target);
    return result;
  } catch (err) {
    removeQuietly(partial);
    throw writeFailure(target, err);
  }
}

/**
 * The same guarantee for bytes already in memory (a backup zip, a workbook, a diagnostics
 * bundle), synchronously: hidden partial name, fsync, rename; a failure leaves no file behind
 * and reads as a sentence about the target.
 */
export function writeFileAtomically(target: string, bytes: Uint8Array): void {
  const partial = partialName(target);
  try {
    const fd = fs.openSync(partial, 'wx');
    try {
      let off = 0;
      while (off < bytes.length) off += fs.writeSync(fd, bytes, off);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, target);
  } catch (err) {
    removeQuietly(partial);
    throw writeFailure(target, err);
  }
}

/**
 * A synchronous buffered writer: fewer, larger write(2) calls than one per line, and an error
 * (ENOSPC) surfaces at the write that hit it.
 */
export class BufferedFileWriter {
  private readonly fd: number;
  private parts: string[] = [];
  private size = 0;
  constructor(
    file: string,
    private readonly flushAt = 256 * 1024,
  ) {
    this.fd = fs.openSync(file, 'wx');
  }

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.flushAt) this.flush();
  }

  writeBytes(bytes: Uint8Array): void {
    this.flush();
    fs.writeSync(this.fd, bytes);
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.size = 0;
    let off = 0;
    while (off < buf.length) off += fs.writeSync(this.fd, buf, off);
  }

  close(): void {
    try {
      this.flush();
    } finally {
      fs.closeSync(this.fd);
    }
  }
}
