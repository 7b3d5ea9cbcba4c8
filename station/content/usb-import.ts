import fs from 'node:fs';
import path from 'node:path';
import { manifestFiles } from '../../common/manifest.js';
import type { UsbCourseFolder, UsbRefusal } from '../../common/contract-usb.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { describeFailure, StationFailure } from '../errors.js';
import { translator } from '../i18n/index.js';
import { readSettings } from '../settings/store.js';
import { checkManifest } from './check-manifest.js';
import { trustedKeys } from './keys.js';
import { readProgress } from './progress.js';
import { MANIFEST_FILE, SIGNATURE_FILE } from './publish.js';
import { acceptedManifest, activeManifest, cacheDirs } from './store.js';
import { importFromDir, readPublishedFolder, type SyncReport } from './sync.js';

/** A published folder: its manifest and the detached signature beside it. */
function isPublishedFolder(dir: string): boolean {
  try {
    return (
      fs.statSync(path.join(dir, MANIFEST_FILE)).isFile() &&
      fs.statSync(path.join(dir, SIGNATURE_FILE)).isFile()
    );
  } catch {
    return false;
  }
}

/**
 * Published folders on the given volumes, at a volume's root or one folder down (the county
 * hands out sticks with the folder at the root; a village may have copied it into a folder).
 * One readdir per volume and a few stats: cheap enough to run every few seconds.
 */
export function findPublishedFolders(volumes: readonly string[]): string[] {
  const found: string[] = [];
  for (const volume of volumes) {
    if (isPublishedFolder(volume)) {
      found.push(volume);
      continue;
    }
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(volume, { withFileTypes: true });
    } catch {
      continue; // pulled out, or not readable: nothing to offer
    }
    for (const e of entries) {
      if (!e.isDirectory() || e.name.startsWith('.')) continue;
      const dir = path.join(volume, e.name);
      if (isPublishedFolder(dir)) found.push(dir);
    }
  }
  return found.sort();
}

interface Verdict {
  version: number | null;
  courseCount: number;
  verdict: UsbCourseFolder['verdict'];
  refusal: UsbRefusal | null;
  failure: StationFailure | null;
}

function refused(refusal: UsbRefusal, failure: StationFailure, version: number | null = null) {
  return { version, courseCount: 0, verdict: 'refused', refusal, failure } satisfies Verdict;
}

/** The same checks as the import's first step, without hashing a file. */
function judge(db: Db, clock: Clock, dir: string): Verdict {
  let bytes: Buffer;
  let signature: Buffer;
  try {
    ({ bytes, signature } = readPublishedFolder(dir));
  } catch (err) {
    if (err instanceof StationFailure) return refused('malformed', err);
    const detail = (err as NodeJS.ErrnoException).code ?? String(err);
    return refused('unreadable', new StationFailure('UNAVAILABLE', 'usbUnreadable', { detail }));
  }
  const accepted = acceptedManifest(db)?.version ?? null;
  let checked: ReturnType<typeof checkManifest>;
  try {
    checked = checkManifest(bytes, signature, trustedKeys(db), clock.now(), accepted);
  } catch (err) {
    if (!(err instanceof StationFailure)) throw err;
    const reason = (err.details?.reason ?? 'malformed') as UsbRefusal;
    const version = typeof err.params.version === 'number' ? err.params.version : null;
    return refused(reason, err, version);
  }
  const { manifest } = checked;
  // Sizes only (a stat per file): a stick copied half-way is refused before anything is taken.
  for (const f of manifestFiles(manifest)) {
    let size = -1;
    try {
      size = fs.statSync(path.join(dir, ...f.path.split('/'))).size;
    } catch {
      // missing: size stays -1
    }
    if (size !== f.size) {
      return refused(
        'incomplete',
        new StationFailure('BAD_REQUEST', 'usbFilesIncomplete', { path: f.path }),
        manifest.version,
      );
    }
  }
  const active = activeManifest(db)?.version ?? null;
  return {
    version: manifest.version,
    courseCount: manifest.courses.length,
    verdict: !checked.upToDate ? 'newer' : active === manifest.version ? 'same' : 'resume',
    refusal: null,
    failure: null,
  };
}

function stampOf(db: Db, clock: Clock, dir: string): string {
  const stat = (name: string) => {
    try {
      const s = fs.statSync(path.join(dir, name));
      return `${s.size}:${s.mtimeMs}:${s.ino}`;
    } catch {
      return '-';
    }
  };
  return [
    stat(MANIFEST_FILE),
    stat(SIGNATURE_FILE),
    acceptedManifest(db)?.version ?? '',
    activeManifest(db)?.version ?? '',
    trustedKeys(db)
      .map((k) => k.keyId)
      .join(','),
    // Expiry is judged against the clock: judged again at least once a minute.
    Math.floor(clock.now().getTime() / 60_000),
  ].join('|');
}

export interface UsbImporter {
  /**
   * What the kiosk may offer from the sticks: each published folder with its verdict (the
   * import's signature, expiry and version checks, and that every file is there with its size).
   * Reads the manifests only; no file is hashed until the organizer asks for the import.
   */
  find(volumes: readonly string[]): UsbCourseFolder[];
  /**
   * Starts importing a folder found on a stick, as `station content import DIR` does (the same
   * signature, expiry, version and hash checks; files copied with verification). Only a folder
   * `find` lists and does not refuse may be imported: the kiosk cannot be pointed anywhere
   * else. A refusal the import meets at once is thrown to the caller; later ones (a file whose
   * bytes do not match) land in the progress the kiosk polls.
   */
  start(volumes: readonly string[], dir: string): Promise<{ started: boolean; version: number }>;
}

export function createUsbImporter(db: Db, clock: Clock): UsbImporter {
  // Verdicts by folder with what they were judged on, so polling re-reads nothing unchanged.
  const judged = new Map<string, { stamp: string; verdict: Verdict }>();
  let running: Promise<SyncReport> | null = null;

  const find = (volumes: readonly string[]): UsbCourseFolder[] => {
    const t = translator(readSettings(db).language);
    const folders = findPublishedFolders(volumes);
    for (const dir of judged.keys()) if (!folders.includes(dir)) judged.delete(dir);
    return folders.map((dir) => {
      const stamp = stampOf(db, clock, dir);
      let entry = judged.get(dir);
      if (entry?.stamp !== stamp) {
        entry = { stamp, verdict: judge(db, clock, dir) };
        // A stick still being copied to, or slow to read, is looked at afresh next time.
        const passing =
          entry.verdict.refusal === 'incomplete' || entry.verdict.refusal === 'unreadable';
        if (passing) judged.delete(dir);
        else judged.set(dir, entry);
      }
      const v = entry.verdict;
      const volume = volumes.find((vol) => dir === vol || path.dirname(dir) === vol) ?? dir;
      return {
        dir,
        stick: path.basename(volume) || volume,
        version: v.version,
        courseCount: v.courseCount,
        verdict: v.verdict,
        refusal: v.refusal,
        message: v.failure ? describeFailure(v.failure, t) : null,
      };
    });
  };

  const start = async (volumes: readonly string[], dir: string) => {
    const folder = find(volumes).find((f) => f.dir === dir);
    if (!folder) throw new StationFailure('NOT_FOUND', 'usbFolderGone', { dir });
    if (folder.verdict === 'refused') {
      // Judged afresh: the one thing a refused stick gets is its reason, current.
      const failure = judge(db, clock, dir).failure;
      if (failure) throw failure;
    }
    if (folder.verdict === 'same') return { started: false, version: folder.version ?? 0 };
    const progress = readProgress(cacheDirs(db).root);
    if (running || progress?.state === 'running') {
      throw new StationFailure('CONFLICT', 'contentSyncRunning', { pid: progress?.pid ?? 0 });
    }
    const run = importFromDir(db, clock, dir).finally(() => {
      running = null;
      judged.delete(dir); // what the station holds changed: judge the stick again
    });
    running = run;
    // A refusal at the first step (a lock held by a CLI run, no room on the disk) settles
    // before the next turn of the event loop: tell the organizer rather than only the progress.
    const early = await Promise.race([
      run.then(
        () => null,
        (err: unknown) => err,
      ),
      new Promise<'later'>((resolve) => setImmediate(() => resolve('later'))),
    ]);
    if (early !== null && early !== 'later') throw early;
    run.catch(() => undefined); // reported through the progress file
    return { started: true, version: folder.version ?? 0 };
  };

  return { find, start };
}
