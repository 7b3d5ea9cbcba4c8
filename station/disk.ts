import fs from 'node:fs';
import path from 'node:path';

/** Free bytes for an unprivileged writer on the volume holding `dir` (or its nearest parent). */
export function freeBytes(dir: string): number {
  let d = path.resolve(dir);
  while (!fs.existsSync(d)) d = path.dirname(d);
  const s = fs.statfsSync(d);
  return s.bavail * s.bsize;
}
