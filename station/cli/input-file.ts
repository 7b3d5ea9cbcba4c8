import fs from 'node:fs';
import { StationFailure, type ErrorKey } from '../errors.js';

/**
 * Reads a file a person named on the command line (a roster, an equipment sheet), refusing one
 * over `maxBytes` before reading it, with the sentence `tooLargeKey` (sizes in MB), and turning
 * "no such file" and unreadable files into sentences that name the file.
 */
export function readInputFile(file: string, maxBytes: number, tooLargeKey: ErrorKey): Buffer {
  try {
    const size = fs.statSync(file).size;
    if (size > maxBytes) {
      throw new StationFailure('BAD_REQUEST', tooLargeKey, {
        size: Math.ceil(size / (1024 * 1024)),
        max: maxBytes / (1024 * 1024),
      });
    }
    return fs.readFileSync(file);
  } catch (err) {
    if (err instanceof StationFailure) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StationFailure('NOT_FOUND', 'fileNotFound', { file });
    const detail = code ?? (err instanceof Error ? err.message : String(err));
    throw new StationFailure('BAD_REQUEST', 'fileUnreadable', { file, detail });
  }
}
