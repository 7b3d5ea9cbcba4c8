import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { createFileHasher } from './file-hash.js';

const sha = (data: Buffer | string) => crypto.createHash('sha256').update(data).digest('hex');

describe('fileSha256', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let file: string;
  beforeEach(() => {
    tmp = makeTempDir();
    fs.mkdirSync(path.join(tmp.dir, 'course'));
    file = path.join(tmp.dir, 'course', 'a.mp4');
    fs.writeFileSync(file, 'first version');
  });
  afterEach(() => tmp.cleanup());

  it('hashes the file on disk, once while its size and mtime stay the same', async () => {
    // A whole-second mtime, so setting it again below gives exactly the same value.
    const mtime = new Date('2026-11-01T08:00:00Z');
    fs.utimesSync(file, mtime, mtime);
    const fileSha256 = createFileHasher(tmp.dir);
    expect(await fileSha256('course', 'course/a.mp4')).toBe(sha('first version'));
    // Same size, same mtime: the remembered hash stands (the file is not read again).
    fs.writeFileSync(file, 'FIRST VERSION');
    fs.utimesSync(file, mtime, mtime);
    expect(await fileSha256('course', 'course/a.mp4')).toBe(sha('first version'));
    // A new mtime (or size) is a new file: hashed again.
    fs.utimesSync(file, mtime, new Date(mtime.getTime() + 5000));
    expect(await fileSha256('course', 'course/a.mp4')).toBe(sha('FIRST VERSION'));
  });

  it('answers concurrent asks with one read and hashes big files correctly', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 3, 7);
    fs.writeFileSync(file, big);
    const fileSha256 = createFileHasher(tmp.dir);
    const [a, b] = await Promise.all([
      fileSha256('course', 'course/a.mp4'),
      fileSha256('course', 'course/a.mp4'),
    ]);
    expect(a).toBe(sha(big));
    expect(b).toBe(a);
  });

  it.each([
    ['another course’s file', 'other', 'course/a.mp4'],
    ['a path out of the content directory', 'course', 'course/../../etc/passwd'],
    ['a missing file', 'course', 'course/gone.mp4'],
    ['a directory', 'course', 'course/'],
  ])('refuses %s', async (_name, courseId, rel) => {
    await expect(createFileHasher(tmp.dir)(courseId, rel)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      key: 'playFileMissing',
    });
  });
});
