import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appRoot } from '../paths.js';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { readDurationSeconds } from './media-duration.js';

const demo = path.join(appRoot(), 'resources', 'demo-course');
const tmp = makeTempDir();
afterAll(() => tmp.cleanup());

describe('readDurationSeconds', () => {
  it('reads MP4 (mvhd) and WebM (Segment Info) durations of the demo course', () => {
    expect(readDurationSeconds(path.join(demo, 'intro.mp4'))).toBeCloseTo(24, 2);
    expect(readDurationSeconds(path.join(demo, 'intro.webm'))).toBeCloseTo(24.008, 2);
  });

  it('answers null, never throws, for files it cannot read', () => {
    const junk = path.join(tmp.dir, 'junk.mp4');
    fs.writeFileSync(junk, Buffer.from('not a video at all'));
    const cut = path.join(tmp.dir, 'cut.mp4');
    fs.writeFileSync(cut, fs.readFileSync(path.join(demo, 'intro.mp4')).subarray(0, 40));
    expect(readDurationSeconds(junk)).toBeNull();
    expect(readDurationSeconds(cut)).toBeNull();
    expect(readDurationSeconds(path.join(demo, 'intro.zh.vtt'))).toBeNull();
    expect(readDurationSeconds(path.join(tmp.dir, 'absent.mp4'))).toBeNull();
  });
});
