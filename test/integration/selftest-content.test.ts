/**
 * The self-test's course step checks the verified cache the way `station content verify` does:
 * on a demo station (its demo course lives in the verified cache), a flipped byte in a cached
 * file fails the step with the file named, quarantines the file, and keeps failing until the
 * file is fetched again. Real processes, a real data directory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { station } from '../helpers/station-process.js';

interface Step {
  id: string;
  result: string;
  text: string;
  detail: Record<string, unknown>;
}

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
const run = (args: string[]) => station([...args, '--data', data]);
function contentStep(): { code: number | null; step: Step } {
  const r = run(['selftest', '--json']);
  const steps = (JSON.parse(r.stdout) as { steps: Step[] }).steps;
  return { code: r.code, step: steps.find((s) => s.id === 'content')! };
}

beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
  expect(run(['init', '--demo']).code).toBe(0);
});
afterEach(() => tmp.cleanup());

describe('station selftest, course step', () => {
  it('passes on the verified demo cache, and a corrupt cached file fails it, named', () => {
    const first = contentStep();
    expect(first.step).toMatchObject({ result: 'pass', detail: { verified: 3, corrupt: 0 } });
    expect(first.step.text).toBe('3 个课件文件与县里签名的清单一致');

    // A failing SD card flips one byte of the demo video in the cache.
    const list = JSON.parse(run(['content', 'list', '--json']).stdout) as {
      courses: { files: { path: string; sha256: string }[] }[];
    };
    const video = list.courses[0]!.files.find((f) => f.path.endsWith('.mp4'))!;
    const object = path.join(data, 'cache', 'objects', video.sha256);
    const bytes = fs.readFileSync(object);
    bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0x01;
    fs.writeFileSync(object, bytes);

    const second = contentStep();
    expect(second.code).toBe(1);
    expect(second.step).toMatchObject({ result: 'fail', detail: { corrupt: 1, verified: 2 } });
    expect(second.step.text).toContain(video.path);
    expect(second.step.text).toMatch(/^1 个课件文件校验失败/);

    // Quarantined (kept for the technician, byte for byte), no longer served or listed as good.
    expect(fs.existsSync(object)).toBe(false);
    const [kept] = fs.readdirSync(path.join(data, 'cache', 'quarantine'));
    expect(kept).toMatch(new RegExp(`^${video.sha256}-`));
    const quarantined = fs.readFileSync(path.join(data, 'cache', 'quarantine', kept!));
    expect(crypto.createHash('sha256').update(quarantined).digest('hex')).not.toBe(video.sha256);
    const after = JSON.parse(run(['content', 'list', '--json']).stdout) as {
      courses: { files: { path: string; state: string }[] }[];
    };
    expect(after.courses[0]!.files.find((f) => f.path === video.path)!.state).not.toBe('verified');

    // Until it is fetched again, the served file is missing: the step keeps failing, named.
    const third = contentStep();
    expect(third.code).toBe(1);
    expect(third.step.result).toBe('fail');
    expect(third.step.text).toContain(video.path);

    // English too.
    const en = station(['selftest', '--data', data, '--lang', 'en']);
    expect(en.stdout).toContain(`1 course files failed verification`);
    expect(en.stdout).toContain(video.path);
  });
});
