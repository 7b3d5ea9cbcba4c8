import { markSuccess } from '../health/snapshot.js';
import fs from 'node:fs';
import path from 'node:path';
import { manifestFiles, type Manifest } from '../../common/manifest.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { describeFailure, StationFailure } from '../errors.js';
import { translator } from '../i18n/index.js';
import { readSettings } from '../settings/store.js';
import type { MonotonicReading } from '../domain/clock-trust.js';
import { learnFromHttpDate, readMonotonic } from '../time/trusted-time.js';
import { checkManifest, MAX_MANIFEST_BYTES, type CheckedManifest } from './check-manifest.js';
import { downloadOnce, fetchSmall, type DownloadOutcome } from './download.js';
import { copyHashed } from './files.js';
import { trustedKeys, verifyBytes } from './keys.js';
import { processAlive, ProgressReporter } from './progress.js';
import { MANIFEST_FILE, SIGNATURE_FILE } from './publish.js';
import {
  acceptedManifest,
  activate,
  activeManifest,
  cacheDirs,
  ensureCacheDirs,
  objectPath,
  objectRow,
  partPath,
  purgeRetired,
  recordManifest,
  setObjectState,
  type CacheDirs,
} from './store.js';
import { freeBytes } from '../disk.js';

/** Where a published folder comes from: a web server (sync) or a mounted USB stick (import). */
interface ContentSource {
  label: string;
  /** The manifest and its signature; from a web server also its `Date` header, as received. */
  readManifest(): Promise<{ bytes: Buffer; signature: Buffer; serverDate?: ServerDate }>;
  fetch(
    file: { path: string; sha256: string; size: number },
    ctx: { db: Db; dirs: CacheDirs; clock: Clock; onBytes(n: number): void },
  ): Promise<DownloadOutcome>;
  /**
   * Whether trying a file again may help. A network may deliver good bytes on the next try; a
   * folder on a USB stick gives the same bytes every time, so a wrong hash there is final.
   */
  retries(outcome: DownloadOutcome): boolean;
}

export interface SyncReport {
  /** 'up-to-date': nothing new; 'updated': every file verified; 'incomplete': some still missing. */
  status: 'up-to-date' | 'updated' | 'incomplete';
  source: string;
  acceptedVersion: number;
  activeVersion: number | null;
  fetched: string[];
  failed: { path: string; reason: string }[];
  retired: number;
  bytesFetched: number;
}

export interface SyncOptions {
  /** Stop starting new attempts after this moment (the end of the night window). */
  deadline?: Date;
  /** One line per event for the technician (already translated by the caller's logger). */
  log?: (event: string, params: Record<string, string | number>) => void;
}

/** A response's `Date` header and the monotonic clock when the response arrived. */
interface ServerDate {
  header: string | undefined;
  reading: MonotonicReading;
}

/** Largest detached signature we read: an Ed25519 signature is 64 bytes. */
const MAX_SIGNATURE_BYTES = 1024;

function segmentsEncoded(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function httpSource(
  baseUrl: string,
  stallMs: () => number,
  bandwidth: () => number,
  retry: () => { attempts: number; backoffMs: number },
): ContentSource {
  let base: URL;
  try {
    base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new StationFailure('BAD_REQUEST', 'contentBadUrl', { url: baseUrl });
  }
  const urlOf = (rel: string) => new URL(segmentsEncoded(rel), base);
  return {
    label: base.href,
    async readManifest() {
      // Retried like the files: a link that drops now and then should not cost the whole night.
      const { attempts, backoffMs } = retry();
      let detail = '';
      for (let attempt = 1; attempt <= attempts; attempt++) {
        if (attempt > 1) await sleep(backoffBefore(attempt, backoffMs));
        try {
          let serverDate: ServerDate | undefined;
          const bytes = await fetchSmall(
            urlOf(MANIFEST_FILE),
            MAX_MANIFEST_BYTES,
            stallMs(),
            (res) => (serverDate = { header: res.headers.date, reading: readMonotonic() }),
          );
          const signature = await fetchSmall(urlOf(SIGNATURE_FILE), MAX_SIGNATURE_BYTES, stallMs());
          return { bytes, signature, serverDate };
        } catch (err) {
          detail = err instanceof Error ? err.message : String(err);
        }
      }
      throw new StationFailure('UNAVAILABLE', 'contentManifestUnreachable', {
        url: base.href,
        detail,
      });
    },
    retries: () => true,
    async fetch(file, { db, dirs, clock, onBytes }) {
      const row = objectRow(db, file.sha256);
      return downloadOnce(
        {
          url: urlOf(file.path),
          sha256: file.sha256,
          size: file.size,
          partFile: partPath(dirs, file.sha256),
          objectFile: objectPath(dirs, file.sha256),
        },
        {
          validator: row?.part_validator ?? null,
          onValidator: (v) => setObjectState(db, file.sha256, 'downloading', clock.now(), v),
          onBytes,
          stallMs: stallMs(),
          bandwidth: bandwidth(),
        },
      );
    },
  };
}

/**
 * The manifest and signature of a published folder, as the import and the USB offer both read
 * them: each refused as malformed when larger than it may be. File-system errors (missing,
 * unreadable) are thrown as they are; each caller names them in its own words.
 */
export function readPublishedFolder(dir: string): { bytes: Buffer; signature: Buffer } {
  const read = (name: string, max: number) => {
    const file = path.join(dir, name);
    if (fs.statSync(file).size > max)
      throw new StationFailure('BAD_REQUEST', 'contentManifestMalformed', { detail: 'too large' });
    return fs.readFileSync(file);
  };
  return {
    bytes: read(MANIFEST_FILE, MAX_MANIFEST_BYTES),
    signature: read(SIGNATURE_FILE, MAX_SIGNATURE_BYTES),
  };
}

function dirSource(dir: string): ContentSource {
  const root = path.resolve(dir);
  return {
    label: root,
    readManifest() {
      try {
        return Promise.resolve(readPublishedFolder(root));
      } catch (err) {
        if (err instanceof StationFailure) throw err;
        throw new StationFailure('NOT_FOUND', 'contentNoManifest', { dir: root });
      }
    },
    retries: (outcome) => outcome.result !== 'corrupt',
    async fetch(file, { dirs, onBytes }) {
      const src = path.join(root, ...file.path.split('/'));
      try {
        if (!fs.statSync(src).isFile()) throw new Error('not a file');
      } catch {
        return { result: 'retry', reason: 'missing', fetchedBytes: 0 };
      }
      try {
        const got = await copyHashed(src, objectPath(dirs, file.sha256), file);
        if (!got)
          return {
            result: 'corrupt',
            reason: 'SHA-256 does not match the manifest',
            fetchedBytes: 0,
          };
        onBytes(file.size);
        return { result: 'verified', fetchedBytes: file.size };
      } catch (err) {
        return {
          result: 'retry',
          reason: (err as NodeJS.ErrnoException).code ?? String(err),
          fetchedBytes: 0,
        };
      }
    },
  };
}

function partialBytes(dirs: CacheDirs, sha256: string): number {
  try {
    return fs.statSync(partPath(dirs, sha256)).size;
  } catch {
    return 0;
  }
}

/** Files of a manifest that are not yet verified in the cache (by hash, once each). */
function missingFiles(db: Db, dirs: CacheDirs, m: Manifest) {
  const seen = new Set<string>();
  return manifestFiles(m).filter((f) => {
    if (seen.has(f.sha256)) return false;
    seen.add(f.sha256);
    const row = objectRow(db, f.sha256);
    return !(row?.state === 'verified' && fs.existsSync(objectPath(dirs, f.sha256)));
  });
}

/**
 * The content server is one of the county's time sources (the health issue's trusted time): its
 * `Date` header is learned when the manifest it serves is signed by a trusted key, so a wrong URL
 * or a stranger's server never sets the station's time; `learnFromHttpDate` itself refuses a date
 * before 2020, and a date that disagrees with the station's clock makes new records untrusted
 * rather than moving the clock. Even a manifest refused later (expired, an older version) comes
 * from the county, so its server's time still counts.
 */
function learnTimeFromServer(db: Db, bytes: Buffer, signature: Buffer, date: ServerDate): void {
  if (!date.header) return;
  if (!trustedKeys(db).some((k) => verifyBytes(bytes, signature, k.key))) return;
  learnFromHttpDate(db, date.header, date.reading);
}

const LOCK_FILE = 'sync.lock';

/** One sync or import at a time per cache: a lock file naming the process that holds it. */
function takeLock(dirs: CacheDirs): () => void {
  fs.mkdirSync(dirs.root, { recursive: true });
  const file = path.join(dirs.root, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch {
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (processAlive(pid)) throw new StationFailure('CONFLICT', 'contentSyncRunning', { pid });
      fs.rmSync(file, { force: true }); // the holder died: the lock is stale
    }
  }
  throw new StationFailure('CONFLICT', 'contentSyncRunning', { pid: 0 });
}

/** The wait before the given attempt (2, 3, …): doubling from `baseMs`, at most a minute. */
const backoffBefore = (attempt: number, baseMs: number) =>
  Math.min(baseMs * 2 ** (attempt - 2), 60_000);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The whole run, for both sources: read and check the manifest (a refused one changes nothing),
 * check the disk has room, record it, fetch what is missing with retries and backoff, and switch
 * the served content over only when every file is verified.
 */
async function runSync(
  db: Db,
  clock: Clock,
  source: ContentSource,
  opts: SyncOptions,
): Promise<SyncReport> {
  const settings = readSettings(db);
  const dirs = cacheDirs(db);
  const log = opts.log ?? (() => {});
  const release = takeLock(dirs);
  const progress = new ProgressReporter(dirs.root, source.label, () => clock.now());
  try {
    let checked: CheckedManifest;
    try {
      const { bytes, signature, serverDate } = await source.readManifest();
      if (serverDate) learnTimeFromServer(db, bytes, signature, serverDate);
      const last = acceptedManifest(db);
      checked = checkManifest(
        bytes,
        signature,
        trustedKeys(db),
        clock.now(),
        last?.version ?? null,
      );
      const needed = missingFiles(db, dirs, checked.manifest);
      const newBytes = needed.reduce((s, f) => s + f.size - partialBytes(dirs, f.sha256), 0);
      const margin = settings['content.diskMarginMB'] * 1024 * 1024;
      const free = freeBytes(dirs.root);
      if (newBytes > 0 && free < newBytes + margin) {
        throw new StationFailure('STORAGE', 'contentDiskFull', {
          needMB: Math.ceil((newBytes + margin) / 1048576),
          freeMB: Math.floor(free / 1048576),
          dir: dirs.root,
        });
      }
      if (!checked.upToDate) {
        recordManifest(db, { ...checked, bytes, signature, source: source.label }, clock.now());
        log('accepted', { version: checked.manifest.version });
      }
    } catch (err) {
      const t = translator(settings.language);
      progress.finish(
        'refused',
        err instanceof StationFailure ? describeFailure(err, t) : String(err),
      );
      throw err;
    }
    ensureCacheDirs(dirs);
    const accepted = acceptedManifest(db)!;
    const todo = missingFiles(db, dirs, accepted.manifest);
    progress.plan(
      todo.map((f) => ({ path: f.path, size: f.size, have: partialBytes(dirs, f.sha256) })),
    );

    const fetched: string[] = [];
    const failed: SyncReport['failed'] = [];
    let bytesFetched = 0;
    for (const file of todo) {
      let reason = '';
      let done = false;
      for (let attempt = 1; attempt <= settings['content.retryAttempts'] && !done; attempt++) {
        if (opts.deadline && clock.now() >= opts.deadline) {
          reason = 'stopped';
          break;
        }
        if (attempt > 1) await sleep(backoffBefore(attempt, settings['content.retryBackoffMs']));
        setObjectState(db, file.sha256, 'downloading', clock.now());
        const outcome = await source.fetch(file, {
          db,
          dirs,
          clock,
          onBytes: (n) => progress.update(file.path, n),
        });
        bytesFetched += outcome.fetchedBytes;
        if (outcome.result === 'verified') {
          setObjectState(db, file.sha256, 'verified', clock.now(), null);
          progress.update(file.path, file.size, 'verified');
          fetched.push(file.path);
          log('verified', { path: file.path });
          done = true;
        } else {
          reason = outcome.reason;
          if (!source.retries(outcome)) break;
          log('retry', { path: file.path, attempt, reason });
        }
      }
      if (!done) {
        const partial = partialBytes(dirs, file.sha256) > 0;
        setObjectState(db, file.sha256, partial ? 'downloading' : 'missing', clock.now());
        progress.update(file.path, partialBytes(dirs, file.sha256), 'failed');
        failed.push({ path: file.path, reason });
      }
    }

    const complete = missingFiles(db, dirs, accepted.manifest).length === 0;
    const before = activeManifest(db)?.version ?? null;
    if (complete && before !== accepted.version) activate(db, accepted.version, clock.now());
    const retired = purgeRetired(
      db,
      dirs,
      clock.now(),
      settings['content.retiredGraceDays'],
    ).length;
    const status: SyncReport['status'] = !complete
      ? 'incomplete'
      : before === accepted.version && fetched.length === 0
        ? 'up-to-date'
        : 'updated';
    progress.finish(complete ? 'done' : 'incomplete', null);
    return {
      status,
      source: source.label,
      acceptedVersion: accepted.version,
      activeVersion: activeManifest(db)?.version ?? null,
      fetched,
      failed,
      retired,
      bytesFetched,
    };
  } catch (err) {
    if (!progress.finished)
      progress.finish('failed', err instanceof Error ? err.message : String(err));
    throw err;
  } finally {
    release();
  }
}

export function syncFromUrl(
  db: Db,
  clock: Clock,
  url: string,
  opts: SyncOptions = {},
): Promise<SyncReport> {
  const s = () => readSettings(db);
  const source = httpSource(
    url,
    () => s()['content.stallTimeoutSeconds'] * 1000,
    () => s()['content.bandwidthKBps'] * 1024,
    () => ({ attempts: s()['content.retryAttempts'], backoffMs: s()['content.retryBackoffMs'] }),
  );
  return runSync(db, clock, source, opts).then((report) => {
    // The technician console and the county read when the courses were last brought up to date.
    if (report.status !== 'incomplete') markSuccess(db, 'last-sync', clock.now());
    return report;
  });
}

export function importFromDir(
  db: Db,
  clock: Clock,
  dir: string,
  opts: SyncOptions = {},
): Promise<SyncReport> {
  return runSync(db, clock, dirSource(dir), opts);
}
