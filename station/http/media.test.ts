import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { parseRange, serveMedia, mediaPathOf } from './media.js';

describe('parseRange', () => {
  it.each([
    [null, 1000, null],
    ['bytes=0-99', 1000, { start: 0, end: 99 }],
    ['bytes=900-', 1000, { start: 900, end: 999 }],
    ['bytes=-100', 1000, { start: 900, end: 999 }],
    ['bytes=-5000', 1000, { start: 0, end: 999 }],
    ['bytes=990-5000', 1000, { start: 990, end: 999 }],
    ['bytes=0-0', 1000, { start: 0, end: 0 }],
    ['bytes=0-1,5-9', 1000, null], // several ranges: the whole file is sent instead
    ['bytes=1000-', 1000, 'unsatisfiable'],
    ['bytes=50-10', 1000, 'unsatisfiable'],
    ['bytes=-0', 1000, 'unsatisfiable'],
    ['bytes=-', 1000, 'unsatisfiable'],
    ['items=0-5', 1000, 'unsatisfiable'],
    ['bytes=abc', 1000, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'],
  ] as const)('%s of %d bytes → %j', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('mediaPathOf', () => {
  it.each([
    ['http://127.0.0.1:5/media/demo/intro.mp4?token=x', 'demo/intro.mp4'],
    ['media://local/demo/intro.mp4', 'demo/intro.mp4'],
    ['http://127.0.0.1:5/media/%E7%A4%BA%E8%8C%83/%E8%AF%BE.mp4', '示范/课.mp4'],
    ['http://127.0.0.1:5/other/intro.mp4', null],
    ['http://127.0.0.1:5/media/', null],
    ['http://127.0.0.1:5/media/a%00b', null],
    ['http://127.0.0.1:5/media/a%5C..%5Cb', null],
    ['http://127.0.0.1:5/media/%E0%A4%A', null],
  ])('%s → %s', (url, expected) => {
    expect(mediaPathOf(new URL(url))).toBe(expected);
  });
});

describe('serveMedia on a real file', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let root: string;
  const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));
  beforeAll(() => {
    tmp = makeTempDir();
    root = path.join(tmp.dir, 'content');
    fs.mkdirSync(path.join(root, 'course'), { recursive: true });
    fs.writeFileSync(path.join(root, 'course', 'video.mp4'), bytes);
    fs.writeFileSync(path.join(tmp.dir, 'secret.db'), 'outside the media root');
    fs.symlinkSync(path.join(tmp.dir, 'secret.db'), path.join(root, 'course', 'link.mp4'));
  });
  afterAll(() => tmp.cleanup());

  const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
    serveMedia(new Request(url, { headers, method }), root);
  const body = async (r: Response) => Buffer.from(await r.arrayBuffer());

  it('sends the whole file with its type and Accept-Ranges', async () => {
    const r = await get('media://local/course/video.mp4');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('video/mp4');
    expect(r.headers.get('accept-ranges')).toBe('bytes');
    expect(r.headers.get('content-length')).toBe(String(bytes.length));
    expect((await body(r)).equals(bytes)).toBe(true);
  });

  it('sends exactly the requested bytes with 206 and Content-Range', async () => {
    const r = await get('http://127.0.0.1/media/course/video.mp4', { range: 'bytes=1000-1999' });
    expect(r.status).toBe(206);
    expect(r.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect((await body(r)).equals(bytes.subarray(1000, 2000))).toBe(true);
    const tail = await get('media://local/course/video.mp4', { range: 'bytes=-10' });
    expect((await body(tail)).equals(bytes.subarray(bytes.length - 10))).toBe(true);
  });

  it('answers 416 with the size for a range past the end', async () => {
    const r = await get('media://local/course/video.mp4', { range: `bytes=${bytes.length}-` });
    expect(r.status).toBe(416);
    expect(r.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
  });

  it('ignores the range when If-Range names another version of the file', async () => {
    const r = await get('media://local/course/video.mp4', {
      range: 'bytes=0-9',
      'if-range': '"stale-etag"',
    });
    expect(r.status).toBe(200);
    const first = await get('media://local/course/video.mp4');
    const etag = first.headers.get('etag')!;
    await first.body?.cancel();
    const same = await get('media://local/course/video.mp4', {
      range: 'bytes=0-9',
      'if-range': etag,
    });
    expect(same.status).toBe(206);
    await same.body?.cancel();
  });

  it('answers HEAD without a body', async () => {
    const r = await get('media://local/course/video.mp4', {}, 'HEAD');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-length')).toBe(String(bytes.length));
    expect((await body(r)).length).toBe(0);
  });

  it.each([
    'http://127.0.0.1/media/../secret.db',
    'http://127.0.0.1/media/%2e%2e/secret.db',
    'http://127.0.0.1/media/course/%2e%2e/%2e%2e/secret.db',
    'http://127.0.0.1/media/%2Fetc%2Fpasswd',
    'media://local/course/link.mp4', // a symlink pointing out of the root
    'media://local/course/missing.mp4',
    'media://local/course',
  ])('never serves anything outside the root: %s → 404', async (url) => {
    const r = await get(url);
    expect(r.status).toBe(404);
    expect((await body(r)).toString()).not.toContain('outside the media root');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('media://local/course/video.mp4', {}, 'DELETE')).status).toBe(405);
  });
});
