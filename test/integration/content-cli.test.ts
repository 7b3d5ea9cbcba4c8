import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, station } from '../helpers/station-process.js';
import { makeTempDir, sha256File } from '../helpers/temp-dir.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('content-cli-');
});
afterEach(() => tmp.cleanup());

const demo = path.join(ROOT, 'resources', 'demo-course');

describe('station content: publish, trust, import, list, verify', () => {
  it('publishes a signed manifest that openssl verifies, and a station imports it', () => {
    const keys = path.join(tmp.dir, 'keys');
    const src = path.join(tmp.dir, 'src');
    const out = path.join(tmp.dir, 'out');
    const data = path.join(tmp.dir, 'data');
    // One course with course.json, one without (its folder name is the title).
    fs.cpSync(demo, path.join(src, '入门'), { recursive: true });
    fs.mkdirSync(path.join(src, '党课第二讲'));
    fs.copyFileSync(path.join(demo, 'intro.webm'), path.join(src, '党课第二讲', 'lecture.webm'));
    fs.writeFileSync(path.join(src, '党课第二讲', 'notes.txt'), 'not a video');

    expect(station(['content', 'keygen', '--out', keys]).code).toBe(0);
    expect(fs.statSync(path.join(keys, 'county.key')).mode & 0o777).toBe(0o600);
    expect(station(['content', 'keygen', '--out', keys]).code).toBe(1); // never overwrites

    const pub = station([
      'content',
      'publish',
      src,
      '--key',
      path.join(keys, 'county.key'),
      '--version',
      '3',
      '--expires',
      '2099-01-01T00:00:00+08:00',
      '--out',
      out,
      '--json',
    ]);
    expect(pub.code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(JSON.parse(pub.stdout)).toEqual(manifest);
    expect(manifest).toMatchObject({ format: 'study-station-manifest/1', version: 3 });
    const lecture = manifest.courses.find((c: { id: string }) => c.id === '党课第二讲');
    expect(lecture).toMatchObject({ title: '党课第二讲', kind: null });
    expect(lecture.durationSeconds).toBeCloseTo(24, 0); // read from the WebM header
    expect(lecture.files).toEqual([
      {
        path: '党课第二讲/lecture.webm',
        size: fs.statSync(path.join(demo, 'intro.webm')).size,
        sha256: sha256File(path.join(demo, 'intro.webm')),
        subtitles: [],
      },
    ]);
    const intro = manifest.courses.find((c: { id: string }) => c.id === '入门');
    expect(intro.files[0].subtitles).toEqual([
      expect.objectContaining({ lang: 'zh', path: '入门/intro.zh.vtt' }),
    ]);
    expect(fs.existsSync(path.join(out, '党课第二讲', 'notes.txt'))).toBe(false);

    const openssl = execFileSync('openssl', [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      path.join(keys, 'county.pub'),
      '-rawin',
      '-in',
      path.join(out, 'manifest.json'),
      '-sigfile',
      path.join(out, 'manifest.json.sig'),
    ]).toString();
    expect(openssl).toContain('Signature Verified Successfully');
    expect(fs.statSync(path.join(out, 'manifest.json.sig')).size).toBe(64);

    // A station refuses it until the key is trusted, then takes it from the "USB stick".
    expect(station(['init', '--data', data]).code).toBe(0);
    const untrusted = station(['content', 'import', out, '--data', data]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain('未受信任的密钥');
    expect(station(['content', 'trust', path.join(keys, 'county.pub'), '--data', data]).code).toBe(
      0,
    );
    const imported = station(['content', 'import', out, '--data', data, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'updated', activeVersion: 3 });
    expect(station(['content', 'import', out, '--data', data]).stdout).toContain(
      '已是最新（第 3 版）',
    );

    const list = JSON.parse(station(['content', 'list', '--data', data, '--json']).stdout);
    expect(list.courses.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
      ['入门', 'verified'],
      ['党课第二讲', 'verified'],
    ]);

    const ok = station(['content', 'verify', '--data', data, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).files).toHaveLength(4);
    // Damage one cached file: verify says so, exits 1, and the course is no longer playable.
    const objects = path.join(data, 'cache', 'objects');
    const victim = sha256File(path.join(demo, 'intro.webm'));
    fs.appendFileSync(path.join(objects, victim), 'x');
    const bad = station(['content', 'verify', '--data', data, '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual({
      files: [
        { path: '党课第二讲/lecture.webm', status: 'corrupt' }, // the same bytes as intro.webm
        { path: '入门/intro.mp4', status: 'verified' },
        { path: '入门/intro.webm', status: 'corrupt' },
        { path: '入门/intro.zh.vtt', status: 'verified' },
      ],
    });
    const after = JSON.parse(station(['content', 'list', '--data', data, '--json']).stdout);
    expect(after.courses.every((c: { playable: boolean }) => !c.playable)).toBe(true);
    // Re-importing repairs it.
    expect(station(['content', 'import', out, '--data', data]).code).toBe(0);
    expect(station(['content', 'verify', '--data', data]).code).toBe(0);
  });

  it('init --demo puts the demo course into the verified cache', () => {
    const data = path.join(tmp.dir, 'data');
    expect(station(['init', '--demo', '--data', data]).code).toBe(0);
    const list = JSON.parse(station(['content', 'list', '--data', data, '--json']).stdout);
    expect(list.courses).toMatchObject([
      { id: 'demo', status: 'verified', playable: true, version: 0 },
    ]);
    const v = station(['content', 'verify', '--data', data, '--json']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout).files.map((f: { path: string }) => f.path)).toEqual([
      'demo/intro.mp4',
      'demo/intro.webm',
      'demo/intro.zh.vtt',
    ]);
  });

  it('refuses usage mistakes with exit code 2', () => {
    expect(station(['content']).code).toBe(2);
    expect(station(['content', 'sync']).code).toBe(2);
    expect(station(['content', 'publish', tmp.dir, '--key', 'k', '--out', 'o']).code).toBe(2);
    expect(station(['content', 'frobnicate']).code).toBe(2);
  });
});
