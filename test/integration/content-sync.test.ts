import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_FORMAT } from '../../common/manifest.js';
import { systemClock } from '../../station/clock.js';
import type { Db } from '../../station/db/open.js';
import { initDataDir } from '../../station/init.js';
import { listVerifiedCourses, verifiedFile, verifiedMedia } from '../../station/content/courses.js';
import {
  generateKeyPair,
  keyIdOf,
  readPrivateKey,
  signBytes,
  trustKey,
} from '../../station/content/keys.js';
import { publish } from '../../station/content/publish.js';
import { acceptedManifest, activeManifest, cacheDirs } from '../../station/content/store.js';
import { importFromDir, syncFromUrl } from '../../station/content/sync.js';
import { verifyCache } from '../../station/content/verify.js';
import { contentSyncJob } from '../../station/content/sync-job.js';
import { serveMedia } from '../../station/http/media.js';
import { StationFailure } from '../../station/errors.js';
import { writeSetting } from '../../station/settings/store.js';
import { startFaultyServer, type FaultyServer } from '../helpers/faulty-server.js';
import { STATION_BIN } from '../helpers/station-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** Deterministic pseudo-random bytes (a fixed seed), so a failure reproduces. */
function bytesOf(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let block = crypto.createHash('sha256').update(seed).digest();
  for (let pos = 0; pos < size; pos += 32) {
    block.copy(out, pos, 0, Math.min(32, size - pos));
    block = crypto.createHash('sha256').update(block).digest();
  }
  return out;
}

let tmp: ReturnType<typeof makeTempDir>;
let server: FaultyServer | null;
let db: Db;
let keyFile: string;
let pubFile: string;
const VIDEO = 1_500_000;

function write(file: string, data: Buffer | string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

/** Two course folders for version 1; version 2 changes c1's video and adds c3. */
function makeSources() {
  const v1 = path.join(tmp.dir, 'src1');
  write(path.join(v1, 'c1', 'video.mp4'), bytesOf('c1-v1', VIDEO));
  write(path.join(v1, 'c1', 'video.zh.vtt'), 'WEBVTT\n\n00:00.000 --> 00:02.000\n第一课\n');
  write(path.join(v1, 'c1', 'course.json'), JSON.stringify({ title: '第一课', order: 1 }));
  write(path.join(v1, 'c2', 'talk.webm'), bytesOf('c2', 600_000));
  const v2 = path.join(tmp.dir, 'src2');
  fs.cpSync(v1, v2, { recursive: true });
  write(path.join(v2, 'c1', 'video.mp4'), bytesOf('c1-v2', VIDEO));
  write(path.join(v2, 'c3', 'new.mp4'), bytesOf('c3', 300_000));
  return { v1, v2 };
}

async function publishTo(
  src: string,
  version: number,
  opts: { key?: string; expires?: Date } = {},
) {
  const out = path.join(tmp.dir, `pub-${version}-${crypto.randomUUID().slice(0, 6)}`);
  await publish({
    src,
    out,
    privateKey: readPrivateKey(opts.key ?? keyFile),
    version,
    expires: opts.expires ?? null,
    now: new Date(),
  });
  return out;
}

/** A published folder with a hand-made manifest, signed by the trusted key. */
function signedFolder(manifest: object, files: Record<string, Buffer> = {}): string {
  const out = path.join(tmp.dir, `craft-${crypto.randomUUID().slice(0, 6)}`);
  for (const [rel, data] of Object.entries(files)) write(path.join(out, rel), data);
  const bytes = Buffer.from(JSON.stringify(manifest));
  write(path.join(out, 'manifest.json'), bytes);
  write(path.join(out, 'manifest.json.sig'), signBytes(bytes, readPrivateKey(keyFile)));
  return out;
}

async function serveDir(dir: string) {
  await server?.close();
  server = await startFaultyServer(dir);
  return server;
}

/**
 * The invariants every case ends with: every object in the cache is exactly the bytes its name
 * (SHA-256) says and is recorded verified; every listed course's files resolve to verified bytes;
 * nothing else is served.
 */
function assertCacheSound() {
  const dirs = cacheDirs(db);
  const rows = new Map(
    (
      db.prepare('SELECT sha256, state FROM content_objects').all() as {
        sha256: string;
        state: string;
      }[]
    ).map((r) => [r.sha256, r.state]),
  );
  for (const name of fs.existsSync(dirs.objects) ? fs.readdirSync(dirs.objects) : []) {
    expect(sha(fs.readFileSync(path.join(dirs.objects, name)))).toBe(name);
    expect(rows.get(name)).toBe('verified');
  }
  for (const c of listVerifiedCourses(db)) {
    for (const f of c.files) {
      const v = verifiedFile(db, c.id, f.path);
      expect(v).not.toBeNull();
      expect(sha(fs.readFileSync(v!.absolutePath))).toBe(f.sha256);
    }
  }
}

const media = (p: string, headers: Record<string, string> = {}) =>
  serveMedia(
    new Request(`http://127.0.0.1/media/${p.split('/').map(encodeURIComponent).join('/')}`, {
      headers,
    }),
    (rel) => verifiedMedia(db, rel)?.absolutePath ?? null,
  );

async function expectPlays(p: string, expected: Buffer) {
  const r = await media(p, { range: 'bytes=1000-1999' });
  expect(r.status).toBe(206);
  expect(Buffer.from(await r.arrayBuffer()).equals(expected.subarray(1000, 2000))).toBe(true);
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StationFailure);
    return String((err as StationFailure).details?.reason ?? (err as StationFailure).key);
  }
  throw new Error('expected a refusal');
}

beforeEach(() => {
  tmp = makeTempDir('content-sync-');
  server = null;
  ({ keyFile, pubFile } = generateKeyPair(path.join(tmp.dir, 'keys')));
  ({ db } = initDataDir({ dataDir: path.join(tmp.dir, 'data'), clock: systemClock }));
  trustKey(db, fs.readFileSync(pubFile, 'utf8'), 'county', new Date());
  const now = new Date();
  writeSetting(db, 'content.retryAttempts', 3, now);
  writeSetting(db, 'content.retryBackoffMs', 5, now);
  writeSetting(db, 'content.stallTimeoutSeconds', 0.5, now);
  writeSetting(db, 'content.diskMarginMB', 0, now);
});

afterEach(async () => {
  await server?.close();
  db.close();
  tmp.cleanup();
});

/** Syncs version 1 cleanly: the "last good content" of the fault cases. */
async function goodV1() {
  const { v1, v2 } = makeSources();
  const pub1 = await publishTo(v1, 1);
  const s = await serveDir(pub1);
  const r = await syncFromUrl(db, systemClock, s.url);
  expect(r.status).toBe('updated');
  return { v1, v2, pub1, c1v1: fs.readFileSync(path.join(v1, 'c1', 'video.mp4')) };
}

describe('content sync over HTTP', () => {
  it('syncs a published folder, serves it with Range, then moves to a newer version', async () => {
    const { v2, c1v1 } = await goodV1();
    expect(listVerifiedCourses(db).map((c) => c.id)).toEqual(['c1', 'c2']);
    await expectPlays('c1/video.mp4', c1v1);
    expect((await media('c1/video.zh.vtt')).headers.get('content-type')).toContain('text/vtt');

    const again = await syncFromUrl(db, systemClock, server!.url);
    expect(again.status).toBe('up-to-date');

    const pub2 = await publishTo(v2, 2);
    await serveDir(pub2);
    const r = await syncFromUrl(db, systemClock, server!.url);
    expect(r).toMatchObject({ status: 'updated', acceptedVersion: 2, activeVersion: 2 });
    expect(r.fetched.sort()).toEqual(['c1/video.mp4', 'c3/new.mp4']);
    await expectPlays('c1/video.mp4', fs.readFileSync(path.join(v2, 'c1', 'video.mp4')));
    // The old video left the content but is kept for the grace period (never served).
    const retired = db
      .prepare('SELECT count(*) AS n FROM content_objects WHERE retired_at IS NOT NULL')
      .get();
    expect(retired).toEqual({ n: 1 });
    assertCacheSound();
  });

  it('resumes after connections cut at random offsets, fetching each byte about once', async () => {
    const { v2 } = await goodV1();
    const pub2 = await publishTo(v2, 2);
    const s = await serveDir(pub2);
    const offsets = [123_457, 401_003]; // random once, fixed so a failure reproduces
    s.faults.set(
      '/c1/video.mp4',
      offsets.map((atByte) => ({ kind: 'cut' as const, atByte })),
    );
    const r = await syncFromUrl(db, systemClock, s.url);
    expect(r.status).toBe('updated');
    const reqs = s.requests.filter((q) => q.path === '/c1/video.mp4');
    expect(reqs).toHaveLength(3);
    expect(reqs[1]!.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(reqs[1]!.ifRange).toBeTruthy();
    expect(reqs.slice(1).every((q) => q.status === 206)).toBe(true);
    // Bytes sent beyond the file's size: at most what was in flight when each cut came.
    const sent = reqs.reduce((n, q) => n + q.bodyBytes, 0);
    expect(sent - VIDEO).toBeLessThanOrEqual(2 * 256 * 1024);
    assertCacheSound();
  });

  it('throws away bytes corrupted in flight and fetches them again; gives up cleanly if it persists', async () => {
    const { v2, c1v1 } = await goodV1();
    const pub2 = await publishTo(v2, 2);
    const s = await serveDir(pub2);
    s.faults.set(
      '/c1/video.mp4',
      [1, 2, 3].map(() => ({ kind: 'corrupt' as const, atByte: 777_777 })),
    );
    const r = await syncFromUrl(db, systemClock, s.url);
    expect(r.status).toBe('incomplete');
    expect(r.failed).toEqual([
      { path: 'c1/video.mp4', reason: expect.stringContaining('SHA-256') },
    ]);
    expect(activeManifest(db)?.version).toBe(1);
    expect(acceptedManifest(db)?.version).toBe(2);
    await expectPlays('c1/video.mp4', c1v1); // the last good content still plays
    assertCacheSound();

    s.faults.set('/c1/video.mp4', [{ kind: 'corrupt', atByte: 10 }]);
    const r2 = await syncFromUrl(db, systemClock, s.url);
    expect(r2.status).toBe('updated');
    await expectPlays('c1/video.mp4', fs.readFileSync(path.join(v2, 'c1', 'video.mp4')));
    assertCacheSound();
  });

  it('refuses truncated bodies, 404 and 500, keeping the last good content', async () => {
    const { v2, c1v1 } = await goodV1();
    const pub2 = await publishTo(v2, 2);
    const s = await serveDir(pub2);
    s.faults.set(
      '/c1/video.mp4',
      [1, 2, 3].map(() => ({ kind: 'truncate' as const, toBytes: 1000 })),
    );
    s.faults.set('/c3/new.mp4', [
      { kind: 'status', code: 404 },
      { kind: 'status', code: 500 },
      { kind: 'status', code: 500 },
    ]);
    const r = await syncFromUrl(db, systemClock, s.url);
    expect(r.status).toBe('incomplete');
    expect(r.failed.map((f) => f.path).sort()).toEqual(['c1/video.mp4', 'c3/new.mp4']);
    expect(r.failed.find((f) => f.path === 'c3/new.mp4')?.reason).toBe('HTTP 500');
    expect(listVerifiedCourses(db).map((c) => c.id)).toEqual(['c1', 'c2']);
    await expectPlays('c1/video.mp4', c1v1);
    expect((await media('c3/new.mp4')).status).toBe(404);
    assertCacheSound();
    expect((await syncFromUrl(db, systemClock, s.url)).status).toBe('updated');
    assertCacheSound();
  });

  it('works with a server that ignores Range, starting over after a cut', async () => {
    makeSources();
    const pub1 = await publishTo(path.join(tmp.dir, 'src1'), 1);
    const s = await serveDir(pub1);
    s.ignoreRange = true;
    s.faults.set('/c1/video.mp4', [{ kind: 'cut', atByte: 500_000 }]);
    const r = await syncFromUrl(db, systemClock, s.url);
    expect(r.status).toBe('updated');
    const reqs = s.requests.filter((q) => q.path === '/c1/video.mp4');
    expect(reqs.map((q) => q.status)).toEqual([200, 200]);
    assertCacheSound();
  });

  it('resumes a large file after the server closes early, every byte once', async () => {
    // Large enough that the resumed response outruns the re-hash of the partial file.
    const src = path.join(tmp.dir, 'src-large');
    const big = crypto.randomBytes(40 * 1024 * 1024);
    write(path.join(src, 'c', 'big.mp4'), big);
    const s = await serveDir(await publishTo(src, 1));
    s.faults.set('/c/big.mp4', [{ kind: 'close', atByte: 20 * 1024 * 1024 }]);
    const r = await syncFromUrl(db, systemClock, s.url);
    expect(r.status).toBe('updated');
    const reqs = s.requests.filter((q) => q.path === '/c/big.mp4');
    expect(reqs.map((q) => q.range)).toEqual([null, `bytes=${20 * 1024 * 1024}-`]);
    expect(reqs.reduce((n, q) => n + q.bodyBytes, 0)).toBe(big.length);
    assertCacheSound();
  });

  it('follows a redirect and takes a chunked body (the node:http path)', async () => {
    makeSources();
    const s = await serveDir(await publishTo(path.join(tmp.dir, 'src1'), 1));
    s.faults.set('/c1/video.mp4', [{ kind: 'redirect', location: '/c1/video.mp4?again' }]);
    // Both requests: the fast path sees no Content-Length and hands over to node:http.
    s.faults.set('/c2/talk.webm', [{ kind: 'chunked' }, { kind: 'chunked' }]);
    const r = await syncFromUrl(db, systemClock, s.url);
    expect(r.status).toBe('updated');
    expect(s.requests.filter((q) => q.path === '/c1/video.mp4').map((q) => q.status)).toEqual([
      302, 200,
    ]);
    assertCacheSound();
  });

  it('cuts a stalled download after the timeout and resumes it', async () => {
    makeSources();
    const pub1 = await publishTo(path.join(tmp.dir, 'src1'), 1);
    const s = await serveDir(pub1);
    s.faults.set('/c2/talk.webm', [{ kind: 'stall', atByte: 300_000 }]);
    s.faults.set('/manifest.json', [{ kind: 'status', code: 503 }]); // retried too
    const r = await syncFromUrl(db, systemClock, s.url);
    expect(r.status).toBe('updated');
    const reqs = s.requests.filter((q) => q.path === '/c2/talk.webm');
    expect(reqs).toHaveLength(2);
    expect(reqs[1]!.range).toMatch(/^bytes=\d+-$/);
    assertCacheSound();
  });

  it('never lets a 5 GB size claim with a 1 KB file into the cache', async () => {
    await goodV1();
    const small = bytesOf('small', 1024);
    // A size that fits the disk check here but not the file: the server sends 1 KB.
    const claim = 5 * 1024 ** 3;
    const dir = signedFolder(
      {
        format: MANIFEST_FORMAT,
        version: 2,
        publishedAt: new Date().toISOString(),
        expires: null,
        keyId: keyIdOf(crypto.createPublicKey(readPrivateKey(keyFile))),
        courses: [
          {
            id: 'big',
            title: '大',
            files: [{ path: 'big/v.mp4', size: claim, sha256: sha(small) }],
          },
        ],
      },
      { 'big/v.mp4': small },
    );
    const s = await serveDir(dir);
    let outcome: 'refused' | 'incomplete';
    try {
      const r = await syncFromUrl(db, systemClock, s.url);
      expect(r.status).toBe('incomplete');
      outcome = 'incomplete';
    } catch (err) {
      // Or the disk check refuses it up front, on a smaller disk than 5 GB: also fine.
      expect((err as StationFailure).key).toBe('contentDiskFull');
      outcome = 'refused';
    }
    expect(['refused', 'incomplete']).toContain(outcome);
    expect(verifiedMedia(db, 'big/v.mp4')).toBeNull();
    expect(listVerifiedCourses(db).map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(fs.readdirSync(cacheDirs(db).partial).filter((f) => f.startsWith(sha(small)))).toEqual(
      [],
    );
    assertCacheSound();
  });
});

/** A small tmpfs of our own (root only), or null where mounting is not allowed. */
function smallVolume(dir: string, size: string): (() => void) | null {
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  if (r.status !== 0) return null;
  return () => spawnSync('umount', ['-l', dir]);
}
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = makeTempDir('mount-probe-');
  const undo = smallVolume(probe.dir, '1m');
  undo?.();
  probe.cleanup();
  return undo !== null;
})();

describe('a full disk', () => {
  it.skipIf(!canMount)(
    'mid-file: the file stays out of the cache, a second run refuses up front, the next run resumes',
    async () => {
      const vol = path.join(tmp.dir, 'volume');
      const unmount = smallVolume(vol, '3m')!;
      try {
        writeSetting(db, 'content.cacheDir', vol, new Date());
        makeSources();
        const s = await serveDir(await publishTo(path.join(tmp.dir, 'src1'), 1));
        const filler = path.join(vol, 'filler');
        // Another program fills the volume while c1's video is half-way.
        s.faults.set('/c1/video.mp4', [
          {
            kind: 'hook',
            atByte: 400_000,
            run: () => {
              try {
                fs.writeFileSync(filler, Buffer.alloc(2_500_000));
              } catch {
                // ENOSPC: the filler takes what there is, which is the point
              }
            },
          },
        ]);
        const r = await syncFromUrl(db, systemClock, s.url);
        expect(r.status).toBe('incomplete');
        expect(r.failed.map((f) => f.path)).toContain('c1/video.mp4');
        expect(r.failed.find((f) => f.path === 'c1/video.mp4')?.reason).toBe('ENOSPC');
        expect(verifiedMedia(db, 'c1/video.mp4')).toBeNull();
        assertCacheSound();

        // Still full: the next run refuses up front and touches nothing.
        const partsBefore = fs
          .readdirSync(cacheDirs(db).partial)
          .map((f) => [f, fs.statSync(path.join(cacheDirs(db).partial, f)).size]);
        const reason = await refusal(syncFromUrl(db, systemClock, s.url));
        expect(reason).toBe('contentDiskFull');
        expect(
          fs
            .readdirSync(cacheDirs(db).partial)
            .map((f) => [f, fs.statSync(path.join(cacheDirs(db).partial, f)).size]),
        ).toEqual(partsBefore);

        fs.rmSync(filler);
        const again = await syncFromUrl(db, systemClock, s.url);
        expect(again.status).toBe('updated');
        const resumed = s.requests.filter((q) => q.path === '/c1/video.mp4').at(-1)!;
        expect(resumed.range).toMatch(/^bytes=[1-9]\d*-$/);
        assertCacheSound();
      } finally {
        unmount();
      }
    },
  );
});

describe('manifests that are refused change nothing', () => {
  async function expectRefused(dir: string, reason: string) {
    const before = {
      accepted: acceptedManifest(db)?.version,
      active: activeManifest(db)?.version,
      objects: db.prepare('SELECT * FROM content_objects ORDER BY sha256').all(),
    };
    const s = await serveDir(dir);
    expect(await refusal(syncFromUrl(db, systemClock, s.url))).toBe(reason);
    expect(await refusal(importFromDir(db, systemClock, dir))).toBe(reason);
    expect(acceptedManifest(db)?.version).toBe(before.accepted);
    expect(activeManifest(db)?.version).toBe(before.active);
    expect(db.prepare('SELECT * FROM content_objects ORDER BY sha256').all()).toEqual(
      before.objects,
    );
    assertCacheSound();
  }

  it('a bad signature, an unknown key, an expired date, a lower version, unsafe paths', async () => {
    const { v1, v2, pub1 } = await goodV1();

    const tampered = await publishTo(v2, 2);
    const m = path.join(tampered, 'manifest.json');
    fs.writeFileSync(m, fs.readFileSync(m, 'utf8').replace('第一课', '第二课'));
    await expectRefused(tampered, 'signature');

    const other = generateKeyPair(path.join(tmp.dir, 'other-keys'));
    await expectRefused(await publishTo(v2, 2, { key: other.keyFile }), 'unknown-key');

    await expectRefused(
      await publishTo(v2, 2, { expires: new Date(Date.now() - 60_000) }),
      'expired',
    );

    const pub2 = await publishTo(v2, 2);
    await serveDir(pub2);
    expect((await syncFromUrl(db, systemClock, server!.url)).status).toBe('updated');
    await expectRefused(pub1, 'rollback');
    await expectRefused(await publishTo(v1, 1), 'rollback');

    for (const evil of [
      '../../etc/passwd',
      '/etc/passwd',
      'c1\\..\\..\\x.mp4',
      'c1/./x.mp4',
      'C:/x.mp4',
    ]) {
      const dir = signedFolder({
        format: MANIFEST_FORMAT,
        version: 9,
        publishedAt: new Date().toISOString(),
        expires: null,
        keyId: keyIdOf(crypto.createPublicKey(readPrivateKey(keyFile))),
        courses: [
          {
            id: 'x',
            title: 'x',
            files: [{ path: evil, size: 4, sha256: sha(Buffer.from('evil')) }],
          },
        ],
      });
      await expectRefused(dir, 'unsafe-path');
    }
    expect(fs.existsSync(path.join(tmp.dir, 'etc'))).toBe(false);
  });
});

describe('the night window and the bandwidth cap', () => {
  it('the content-sync job does nothing without a URL, and syncs from the configured one', async () => {
    makeSources();
    const s = await serveDir(await publishTo(path.join(tmp.dir, 'src1'), 1));
    const job = contentSyncJob(db);
    expect(job).toMatchObject({ id: 'content-sync', schedule: '0 1 * * *' });
    const ctx = { db, clock: systemClock, dataDir: path.join(tmp.dir, 'data'), due: new Date() };
    await job.run(ctx);
    expect(acceptedManifest(db)).toBeNull();
    writeSetting(db, 'content.syncUrl', s.url, new Date());
    await job.run(ctx);
    expect(activeManifest(db)?.version).toBe(1);
  });

  it('stops at the end of the window, keeping what it has for the next night', async () => {
    makeSources();
    const s = await serveDir(await publishTo(path.join(tmp.dir, 'src1'), 1));
    const r = await syncFromUrl(db, systemClock, s.url, { deadline: new Date(Date.now() - 1) });
    expect(r.status).toBe('incomplete');
    expect(r.failed.every((f) => f.reason === 'stopped')).toBe(true);
    expect(activeManifest(db)).toBeNull();
    expect((await syncFromUrl(db, systemClock, s.url)).status).toBe('updated');
  });

  it('keeps to the bandwidth cap', async () => {
    const src = path.join(tmp.dir, 'src-cap');
    write(path.join(src, 'c', 'v.mp4'), bytesOf('cap', 400_000));
    const s = await serveDir(await publishTo(src, 1));
    writeSetting(db, 'content.bandwidthKBps', 500, new Date());
    const started = Date.now();
    expect((await syncFromUrl(db, systemClock, s.url)).status).toBe('updated');
    // 400 kB at 500 KB/s cannot take less than about 0.78 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });
});

describe('cache care', () => {
  it('verify finds a corrupt file, quarantines it, stops serving it, and the next sync repairs it', async () => {
    const { c1v1 } = await goodV1();
    const v = verifiedFile(db, 'c1', 'c1/video.mp4')!;
    const bytes = fs.readFileSync(v.absolutePath);
    bytes[5000] = bytes[5000]! ^ 1;
    fs.writeFileSync(v.absolutePath, bytes);
    const report = await verifyCache(db, () => new Date());
    expect(report.files.find((f) => f.path === 'c1/video.mp4')?.status).toBe('corrupt');
    expect(report.files.find((f) => f.path === 'c2/talk.webm')?.status).toBe('verified');
    expect(fs.existsSync(v.absolutePath)).toBe(false);
    expect(fs.readdirSync(cacheDirs(db).quarantine)).toHaveLength(1);
    expect((await media('c1/video.mp4')).status).toBe(404);
    expect(listVerifiedCourses(db).map((c) => c.id)).toEqual(['c2']);
    assertCacheSound();
    expect((await syncFromUrl(db, systemClock, server!.url)).status).toBe('updated');
    await expectPlays('c1/video.mp4', c1v1);
  });

  it('imports a USB folder exported by another station, with the county signature', async () => {
    const { c1v1 } = await goodV1();
    const usb = path.join(tmp.dir, 'usb');
    const { execFileSync } = await import('node:child_process');
    const data = path.join(tmp.dir, 'data');
    execFileSync(process.execPath, [
      STATION_BIN,
      'content',
      'export',
      '--out',
      usb,
      '--data',
      data,
    ]);
    const other = initDataDir({ dataDir: path.join(tmp.dir, 'data2'), clock: systemClock }).db;
    try {
      trustKey(other, fs.readFileSync(pubFile, 'utf8'), 'county', new Date());
      const r = await importFromDir(other, systemClock, usb);
      expect(r).toMatchObject({ status: 'updated', activeVersion: 1 });
      const f = verifiedFile(other, 'c1', 'c1/video.mp4')!;
      expect(fs.readFileSync(f.absolutePath).equals(c1v1)).toBe(true);
    } finally {
      other.close();
    }
  });
});

/** `station …` as a child process without blocking this process (the server lives here). */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> & {
  kill(): void;
} {
  const child = spawn(process.execPath, [STATION_BIN, ...args], {
    env: { ...process.env, STATION_LANG: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return Object.assign(done, { kill: () => child.kill('SIGKILL') });
}

describe('station content sync as a process', () => {
  it('kill -9 mid-download keeps the partial file; the next run resumes it', async () => {
    makeSources();
    const pub1 = await publishTo(path.join(tmp.dir, 'src1'), 1);
    const s = await serveDir(pub1);
    const data = path.join(tmp.dir, 'data');
    writeSetting(db, 'content.stallTimeoutSeconds', 30, new Date());
    s.faults.set('/c1/video.mp4', [{ kind: 'stall', atByte: 700_000 }]);
    const first = run(['content', 'sync', '--from', s.url, '--data', data]);
    // Wait until the server has sent the bytes, then give the client a moment to write them.
    for (
      let i = 0;
      i < 200 && !s.requests.some((q) => q.path === '/c1/video.mp4' && q.bodyBytes >= 700_000);
      i++
    ) {
      await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 300));
    first.kill();
    expect((await first).code).toBe(null);
    const partial = fs.readdirSync(cacheDirs(db).partial);
    expect(partial).toHaveLength(1);
    const kept = fs.statSync(path.join(cacheDirs(db).partial, partial[0]!)).size;
    expect(kept).toBeGreaterThan(0);

    const second = await run(['content', 'sync', '--from', s.url, '--data', data, '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'updated', activeVersion: 1 });
    const resumed = s.requests.filter((q) => q.path === '/c1/video.mp4').at(-1)!;
    expect(resumed.range).toBe(`bytes=${kept}-`);
    expect(resumed.status).toBe(206);
    assertCacheSound();
  });

  it('prints a refusal in Chinese (or English) on stderr and exits 1', async () => {
    const { v2 } = await goodV1();
    const data = path.join(tmp.dir, 'data');
    const expired = await publishTo(v2, 2, { expires: new Date(Date.now() - 60_000) });
    const s = await serveDir(expired);
    const zh = await run(['content', 'sync', '--from', s.url, '--data', data]);
    expect(zh.code).toBe(1);
    expect(zh.stdout).toBe('');
    expect(zh.stderr).toMatch(/过期.*已拒绝。现有课程不受影响/);
    const en = await run(['content', 'import', expired, '--data', data, '--lang', 'en']);
    expect(en.code).toBe(1);
    expect(en.stderr).toMatch(/expired .*refused\. Current courses are unaffected/);
    const list = await run(['content', 'list', '--data', data, '--json']);
    expect(JSON.parse(list.stdout).courses.map((c: { status: string }) => c.status)).toEqual([
      'verified',
      'verified',
    ]);
  });
});
