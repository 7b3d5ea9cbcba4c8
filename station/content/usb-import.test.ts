import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHandlerStation, type HandlerStation } from '../../test/helpers/handler-station.js';
import { systemClock } from '../clock.js';
import type { Db } from '../db/open.js';
import { createUsbHandlers } from '../api/handlers-usb.js';
import { listVerifiedCourses } from './courses.js';
import { generateKeyPair, readPrivateKey, trustKey } from './keys.js';
import { readProgress } from './progress.js';
import { publish } from './publish.js';
import { acceptedManifest, activeManifest, cacheDirs } from './store.js';
import { importFromDir } from './sync.js';
import { findPublishedFolders } from './usb-import.js';

let station: HandlerStation;
let db: Db;
let mountRoot: string;
let keyFile: string;
let grant: string;
let handlers: ReturnType<typeof createUsbHandlers>;

/** A course source folder with one video (random bytes: publishing never needs a real one). */
function courseSource(name: string, bytes = 200_000): string {
  const src = path.join(station.dir, `src-${name}`);
  fs.mkdirSync(path.join(src, name), { recursive: true });
  fs.writeFileSync(path.join(src, name, 'lecture.mp4'), crypto.randomBytes(bytes));
  return src;
}

/** Publishes straight onto the fake stick, as the county's `station content publish` does. */
async function publishTo(out: string, version: number, course = '党课第一讲') {
  await publish({
    src: courseSource(`${course}-${version}`),
    out,
    privateKey: readPrivateKey(keyFile),
    version,
    expires: null,
    now: new Date(),
  });
}

/** The published folder's video: its path inside the folder (with the platform's separator). */
function videoIn(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .find((f) => f.endsWith('.mp4'))!;
}

/** Flips one byte of the folder's video (same size: only hashing can tell); its new bytes. */
function corruptVideo(dir: string, at: number): { video: string; bytes: Buffer } {
  const video = videoIn(dir);
  const bytes = fs.readFileSync(path.join(dir, video));
  bytes[at] = bytes[at]! ^ 0xff;
  fs.writeFileSync(path.join(dir, video), bytes);
  return { video, bytes };
}

async function waitForImport() {
  for (let i = 0; i < 400; i++) {
    const p = readProgress(cacheDirs(db).root);
    if (p && p.state !== 'running') return p;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

beforeEach(() => {
  station = openHandlerStation('usb-import-');
  db = station.db;
  const keys = generateKeyPair(path.join(station.dir, 'keys'));
  keyFile = keys.keyFile;
  trustKey(db, fs.readFileSync(keys.pubFile, 'utf8'), 'county', new Date());
  // Stands in for /media/<user>: each folder in it is a mounted stick.
  mountRoot = path.join(station.dir, 'media');
  fs.mkdirSync(path.join(mountRoot, 'KINGSTON'), { recursive: true });
  grant = station.grant('organizer');
  handlers = createUsbHandlers(station.ctx, {
    volumes: () => fs.readdirSync(mountRoot).map((d) => path.join(mountRoot, d)),
  });
});

afterEach(() => station.cleanup());

describe('finding published folders on sticks', () => {
  it('finds a folder at a stick’s root or one level down, and nothing deeper', async () => {
    const stick = path.join(mountRoot, 'KINGSTON');
    await publishTo(path.join(stick, '课程'), 1);
    await publishTo(path.join(stick, 'a', 'b'), 2);
    fs.mkdirSync(path.join(mountRoot, 'ROOT'));
    await publishTo(path.join(mountRoot, 'ROOT'), 3);
    const volumes = fs.readdirSync(mountRoot).map((d) => path.join(mountRoot, d));
    expect(findPublishedFolders([...volumes, path.join(station.dir, 'gone')])).toEqual([
      path.join(stick, '课程'),
      path.join(mountRoot, 'ROOT'),
    ]);
  });

  it('offers a newer signed folder, then imports it with the same checks and lists its course', async () => {
    const dir = path.join(mountRoot, 'KINGSTON', '县里课程');
    await publishTo(dir, 1);
    const { folders } = handlers.findUsbCourses({ grant });
    expect(folders).toEqual([
      {
        dir,
        stick: 'KINGSTON',
        version: 1,
        courseCount: 1,
        verdict: 'newer',
        refusal: null,
        message: null,
      },
    ]);
    expect(handlers.peekUsbCourses({})).toEqual({ version: 1 });
    expect(await handlers.importUsbCourses({ grant, dir })).toEqual({ started: true, version: 1 });
    const progress = await waitForImport();
    expect(progress).toMatchObject({ state: 'done', source: dir });
    expect(progress.files.every((f) => f.state === 'verified')).toBe(true);
    expect(activeManifest(db)?.version).toBe(1);
    expect(listVerifiedCourses(db).map((c) => c.title)).toContain('党课第一讲-1');
    // Imported: the same stick now has nothing new to offer, and a second import starts nothing.
    expect(handlers.findUsbCourses({ grant }).folders[0]?.verdict).toBe('same');
    expect(handlers.peekUsbCourses({})).toEqual({ version: null });
    expect(await handlers.importUsbCourses({ grant, dir })).toEqual({ started: false, version: 1 });
  });

  it('refuses a tampered manifest with the reason and changes nothing', async () => {
    const dir = path.join(mountRoot, 'KINGSTON', '课程');
    await publishTo(dir, 2);
    const file = path.join(dir, 'manifest.json');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      file,
      text.replace('"version": 2', '"version": 3').replace('"version":2', '"version":3'),
    );
    expect(fs.readFileSync(file, 'utf8')).not.toBe(text);
    const [folder] = handlers.findUsbCourses({ grant }).folders;
    expect(folder).toMatchObject({ verdict: 'refused', refusal: 'signature' });
    expect(folder?.message).toContain('签名不对');
    await expect(handlers.importUsbCourses({ grant, dir })).rejects.toMatchObject({
      key: 'contentBadSignature',
    });
    expect(acceptedManifest(db)?.version).toBe(0);
    expect(readProgress(cacheDirs(db).root)).toBeNull();
  });

  it('refuses an older version than the accepted one, and a stick whose files are short', async () => {
    const newer = path.join(mountRoot, 'KINGSTON', 'v5');
    await publishTo(newer, 5);
    await handlers.importUsbCourses({ grant, dir: newer });
    await waitForImport();
    fs.rmSync(newer, { recursive: true });
    const older = path.join(mountRoot, 'KINGSTON', 'v4');
    await publishTo(older, 4);
    const short = path.join(mountRoot, 'KINGSTON', 'v6');
    await publishTo(short, 6);
    const video = videoIn(short);
    const whole = fs.readFileSync(path.join(short, video));
    fs.truncateSync(path.join(short, video), 1000);
    const byDir = new Map(handlers.findUsbCourses({ grant }).folders.map((f) => [f.dir, f]));
    expect(byDir.get(older)).toMatchObject({ verdict: 'refused', refusal: 'rollback', version: 4 });
    expect(byDir.get(short)).toMatchObject({ verdict: 'refused', refusal: 'incomplete' });
    await expect(handlers.importUsbCourses({ grant, dir: short })).rejects.toMatchObject({
      key: 'usbFilesIncomplete',
    });
    expect(activeManifest(db)?.version).toBe(5);
    expect(acceptedManifest(db)?.version).toBe(5);
    // A copy that finishes later is seen at the next look, though the manifest did not change.
    fs.writeFileSync(path.join(short, video), whole);
    const again = handlers.findUsbCourses({ grant }).folders.find((f) => f.dir === short);
    expect(again).toMatchObject({ verdict: 'newer', version: 6 });
  });

  it('a file whose bytes were changed is caught by its hash: the old courses keep playing', async () => {
    const dir = path.join(mountRoot, 'KINGSTON', '课程');
    await publishTo(dir, 7);
    const { bytes } = corruptVideo(dir, 1234);
    expect(handlers.findUsbCourses({ grant }).folders[0]?.verdict).toBe('newer');
    await handlers.importUsbCourses({ grant, dir });
    const progress = await waitForImport();
    expect(progress.state).toBe('incomplete');
    expect(activeManifest(db)?.version).toBe(0);
    expect(listVerifiedCourses(db).map((c) => c.title)).not.toContain('党课第一讲-7');
    expect(fs.readdirSync(cacheDirs(db).objects)).not.toContain(
      crypto.createHash('sha256').update(bytes).digest('hex'),
    );
    // The stick is still offered (to finish the accepted version) once it is put right.
    expect(handlers.findUsbCourses({ grant }).folders[0]?.verdict).toBe('resume');
  });

  it('does not try a wrong file on a stick again: its bytes would be the same', async () => {
    const dir = path.join(mountRoot, 'KINGSTON', '课程');
    await publishTo(dir, 3);
    const { video } = corruptVideo(dir, 99);
    // With the default backoff a retry would wait seconds; the report must come without one.
    const events: string[] = [];
    const report = await importFromDir(db, systemClock, dir, {
      log: (event) => events.push(event),
    });
    expect(report.status).toBe('incomplete');
    expect(report.failed.map((f) => f.path)).toEqual([video.split(path.sep).join('/')]);
    expect(events).not.toContain('retry');
  });

  it('refuses at once while another sync holds the cache, and changes nothing', async () => {
    const dir = path.join(mountRoot, 'KINGSTON', '课程');
    await publishTo(dir, 1);
    // A `station content sync` in another process holds the lock (here: this live process).
    const lock = path.join(cacheDirs(db).root, 'sync.lock');
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.writeFileSync(lock, String(process.pid));
    await expect(handlers.importUsbCourses({ grant, dir })).rejects.toMatchObject({
      key: 'contentSyncRunning',
    });
    expect(acceptedManifest(db)?.version).toBe(0);
    fs.rmSync(lock);
    expect(await handlers.importUsbCourses({ grant, dir })).toMatchObject({ started: true });
    expect(await waitForImport()).toMatchObject({ state: 'done' });
  });

  it('only imports a folder it found, and only for the organizer or technician', async () => {
    const elsewhere = path.join(station.dir, 'not-a-stick');
    await publishTo(elsewhere, 1);
    await expect(handlers.importUsbCourses({ grant, dir: elsewhere })).rejects.toMatchObject({
      key: 'usbFolderGone',
    });
    expect(() => handlers.findUsbCourses({ grant: 'x'.repeat(32) })).toThrow();
    expect(acceptedManifest(db)?.version).toBe(0);
  });
});
