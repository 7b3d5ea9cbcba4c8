import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type * as Fflate from 'fflate';
import type { Zippable } from 'fflate';
import { lazyRequire } from '../lazy-require.js';
import { schemaVersion } from '../db/migrate.js';
import { APPLICATION_ID, inspectDatabaseFile, openDatabase } from '../db/open.js';
import { StationFailure } from '../errors.js';
import { writeFileAtomically } from '../exports/atomic-file.js';
import { appVersion, CONTENT_DIR, DB_FILE } from '../paths.js';
import { isSealed, seal, unseal } from './sealed.js';

const fflate = lazyRequire<typeof Fflate>('fflate');

export const BACKUP_FORMAT = 'study-station-backup';
export const BACKUP_VERSION = 1;
const MANIFEST = 'manifest.json';
const DB_ENTRY = DB_FILE;
const FILES_PREFIX = 'files/';

/**
 * What a backup leaves behind: the course cache (re-synced or re-imported on the new terminal,
 * and by far the largest part), logs and caches that belong to the old machine, and the
 * database's own WAL/SHM files (the copy is taken through SQLite, never by copying those).
 */
const SKIPPED_DIRS = new Set([CONTENT_DIR, 'cache', 'logs', 'tmp']);
const SKIPPED_FILES = new RegExp(`^(?:${DB_FILE}(?:-wal|-shm|-journal)?|\\..*\\.tmp)$`);

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  terminalId: string;
  /** SHA-256 of every entry but the manifest, by entry name. */
  sha256: Record<string, string>;
}

export interface BackupResult {
  file: string;
  bytes: number;
  encrypted: boolean;
  schemaVersion: number;
  /** Other files of the data directory carried along (keys, settings files), relative paths. */
  files: string[];
}

const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/** Files of the data directory worth moving (keys and the like), relative, '/'-separated. */
function carriedFiles(dataDir: string, exclude: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (full === exclude) continue;
      if (entry.isDirectory()) {
        if (!(rel === '' && SKIPPED_DIRS.has(entry.name))) walk(full, relPath);
      } else if (entry.isFile() && !(rel === '' && SKIPPED_FILES.test(entry.name))) {
        out.push(relPath);
      }
    }
  };
  walk(dataDir, '');
  return out.sort();
}

/**
 * A consistent copy of a live station: `VACUUM INTO` reads the database inside one read
 * transaction, so in WAL mode it sees a single committed state however busy `station serve`
 * is, and never blocks its writers. The archive is written beside `out` and renamed into place.
 */
export function createBackup(opts: {
  dataDir: string;
  out: string;
  passphrase: string | null;
  now: Date;
}): BackupResult {
  const dbFile = path.join(opts.dataDir, DB_FILE);
  if (!fs.existsSync(dbFile)) {
    throw new StationFailure('STORAGE', 'dataDirMissing', { dir: opts.dataDir });
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'station-backup-'));
  try {
    const copy = path.join(work, DB_FILE);
    const db = openDatabase(dbFile);
    let terminalId = '';
    try {
      db.prepare('VACUUM INTO ?').run(copy);
      const row = db.prepare("SELECT value FROM settings WHERE key = 'terminal.id'").get() as
        { value: string } | undefined;
      terminalId = row ? (JSON.parse(row.value) as string) : '';
    } finally {
      db.close();
    }
    const dbBytes = fs.readFileSync(copy);
    const version = readSchemaVersion(copy);
    const files = carriedFiles(opts.dataDir, path.resolve(opts.out));
    const entries: Zippable = { [DB_ENTRY]: dbBytes };
    for (const rel of files)
      entries[FILES_PREFIX + rel] = fs.readFileSync(path.join(opts.dataDir, rel));
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: opts.now.toISOString(),
      appVersion: appVersion(),
      schemaVersion: version,
      terminalId,
      sha256: Object.fromEntries(
        Object.entries(entries).map(([name, b]) => [name, sha256(b as Uint8Array)]),
      ),
    };
    const zip = fflate().zipSync(
      { [MANIFEST]: fflate().strToU8(JSON.stringify(manifest, null, 2)), ...entries },
      {
        level: 6,
      },
    );
    const bytes = opts.passphrase === null ? zip : seal(zip, opts.passphrase);
    writeFileAtomically(opts.out, bytes);
    return {
      file: opts.out,
      bytes: bytes.length,
      encrypted: opts.passphrase !== null,
      schemaVersion: version,
      files,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function readSchemaVersion(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return schemaVersion(db);
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  dataDir: string;
  manifest: BackupManifest;
  files: string[];
  integrity: 'ok';
}

/** A readable backup's entries, verified against its manifest; anything else is refused. */
export function openBackup(
  file: string,
  bytes: Uint8Array,
  passphrase: () => string | null,
): { manifest: BackupManifest; entries: Record<string, Uint8Array> } {
  let zip: Uint8Array = bytes;
  if (isSealed(bytes)) {
    const phrase = passphrase();
    if (phrase === null) throw new StationFailure('BAD_REQUEST', 'backupNeedsPassphrase', { file });
    const opened = unseal(bytes, phrase);
    if (!opened.ok) {
      if (opened.reason === 'authentication') {
        throw new StationFailure('BAD_REQUEST', 'backupWrongPassphrase');
      }
      throw new StationFailure('BAD_REQUEST', 'backupCorrupt', { file, detail: opened.reason });
    }
    zip = opened.plain;
  } else if (!(zip[0] === 0x50 && zip[1] === 0x4b)) {
    throw new StationFailure('BAD_REQUEST', 'backupNotBackup', { file });
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = fflate().unzipSync(zip);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new StationFailure('BAD_REQUEST', 'backupCorrupt', { file, detail });
  }
  const raw = entries[MANIFEST];
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fflate().strFromU8(raw ?? new Uint8Array())) as BackupManifest;
  } catch {
    throw new StationFailure('BAD_REQUEST', 'backupNotBackup', { file });
  }
  if (manifest.format !== BACKUP_FORMAT || typeof manifest.sha256 !== 'object') {
    throw new StationFailure('BAD_REQUEST', 'backupNotBackup', { file });
  }
  if (manifest.version > BACKUP_VERSION) {
    throw new StationFailure('BAD_REQUEST', 'backupCorrupt', {
      file,
      detail: `format version ${manifest.version}`,
    });
  }
  // fflate does not check the zip's CRCs, and a CRC is no proof anyway: the manifest's hashes are.
  const names = Object.keys(entries).filter((n) => n !== MANIFEST && !n.endsWith('/'));
  const listed = Object.keys(manifest.sha256);
  for (const name of new Set([...names, ...listed])) {
    const entry = entries[name];
    if (!entry || manifest.sha256[name] !== sha256(entry)) {
      throw new StationFailure('BAD_REQUEST', 'backupCorrupt', { file, detail: name });
    }
  }
  if (!entries[DB_ENTRY]) throw new StationFailure('BAD_REQUEST', 'backupNotBackup', { file });
  return { manifest, entries };
}

function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/** A relative entry path that stays inside the data directory, or null. */
function safeRelative(rel: string): string | null {
  const normal = path.posix.normalize(rel);
  if (normal.startsWith('../') || normal === '..' || path.posix.isAbsolute(normal)) return null;
  if (normal.includes('\0')) return null;
  return normal;
}

/**
 * Restores a backup into `dataDir`. Everything is checked before the directory is touched: the
 * passphrase (GCM tag), every entry's hash, that the database is ours (application_id) and
 * passes integrity_check. The database is renamed into place last, so an interrupted restore
 * leaves no station.db that looks complete.
 */
export function restoreBackup(opts: {
  file: string;
  bytes: Uint8Array;
  dataDir: string;
  passphrase: () => string | null;
  force: boolean;
}): RestoreResult {
  const { manifest, entries } = openBackup(opts.file, opts.bytes, opts.passphrase);
  // Every name is checked before anything is written, so a bad entry leaves nothing behind.
  const carried: [string, Uint8Array][] = [];
  for (const [name, bytes] of Object.entries(entries)) {
    if (!name.startsWith(FILES_PREFIX) || name.endsWith('/')) continue;
    const rel = safeRelative(name.slice(FILES_PREFIX.length));
    if (!rel) {
      throw new StationFailure('BAD_REQUEST', 'backupCorrupt', { file: opts.file, detail: name });
    }
    carried.push([rel, bytes]);
  }
  if (!opts.force && !isEmptyDir(opts.dataDir)) {
    throw new StationFailure('CONFLICT', 'restoreTargetNotEmpty', { dir: opts.dataDir });
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const staged = path.join(opts.dataDir, `.${DB_FILE}.restore-${process.pid}.tmp`);
  fs.writeFileSync(staged, entries[DB_ENTRY]!);
  try {
    checkRestoredDatabase(opts.file, staged);
    const files: string[] = [];
    for (const [rel, bytes] of carried) {
      const target = path.join(opts.dataDir, rel);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, bytes, { mode: 0o600 });
      files.push(rel);
    }
    const dbFile = path.join(opts.dataDir, DB_FILE);
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(dbFile + suffix, { force: true });
    fs.renameSync(staged, dbFile);
    fs.mkdirSync(path.join(opts.dataDir, CONTENT_DIR), { recursive: true });
    return { dataDir: opts.dataDir, manifest, files, integrity: 'ok' };
  } finally {
    fs.rmSync(staged, { force: true });
  }
}

function checkRestoredDatabase(file: string, staged: string): void {
  try {
    inspectDatabaseFile(staged);
  } catch (err) {
    if (err instanceof StationFailure && err.key === 'dbTooNew') throw err;
    throw new StationFailure('BAD_REQUEST', 'backupCorrupt', { file, detail: 'station.db' });
  }
  const db = new Database(staged, { readonly: true });
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const check = db.pragma('integrity_check') as { integrity_check: string }[];
    if (appId !== APPLICATION_ID || check.length !== 1 || check[0]!.integrity_check !== 'ok') {
      throw new StationFailure('BAD_REQUEST', 'backupCorrupt', {
        file,
        detail: appId !== APPLICATION_ID ? 'application_id' : 'integrity_check',
      });
    }
  } finally {
    db.close();
  }
}
