import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { fixedClock } from '../clock.js';
import { APPLICATION_ID } from '../db/open.js';
import { LATEST_VERSION } from '../db/migrations/index.js';
import { StationFailure } from '../errors.js';
import { initDataDir } from '../init.js';
import { createBackup, restoreBackup } from './backup.js';

const NOW = new Date('2026-11-26T02:00:00Z');
let tmp: ReturnType<typeof makeTempDir>;
let dataDir: string;
beforeEach(() => {
  tmp = makeTempDir();
  dataDir = path.join(tmp.dir, 'data');
  initDataDir({ dataDir, clock: fixedClock(NOW) }).db.close();
});
afterEach(() => tmp.cleanup());

const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const failureKey = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof StationFailure) return err.key;
    throw err;
  }
  return null;
};

function backupBytes(): Uint8Array {
  const out = path.join(tmp.dir, 'b.zip');
  createBackup({ dataDir, out, passphrase: null, now: NOW });
  return fs.readFileSync(out);
}

/** Rebuilds an archive with extra entries and a manifest whose hashes match them. */
function withEntries(bytes: Uint8Array, extra: Record<string, Uint8Array>): Uint8Array {
  const entries = { ...unzipSync(bytes), ...extra };
  const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as {
    sha256: Record<string, string>;
  };
  for (const [name, b] of Object.entries(extra)) manifest.sha256[name] = sha(b);
  entries['manifest.json'] = strToU8(JSON.stringify(manifest));
  return zipSync(entries);
}

const restore = (bytes: Uint8Array, target = path.join(tmp.dir, 'restored')) =>
  restoreBackup({ file: 'b.zip', bytes, dataDir: target, passphrase: () => null, force: false });

describe('backup archives', () => {
  it('carries the database with its application id and schema version', () => {
    const result = restore(backupBytes());
    expect(result.manifest.schemaVersion).toBe(LATEST_VERSION);
    const db = new Database(path.join(tmp.dir, 'restored', 'station.db'), { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('never writes outside the target, whatever an entry’s name says', () => {
    const evil = withEntries(backupBytes(), { 'files/../../escaped.txt': strToU8('x') });
    expect(failureKey(() => restore(evil))).toBe('backupCorrupt');
    expect(fs.existsSync(path.join(tmp.dir, 'escaped.txt'))).toBe(false);
    expect(fs.existsSync(path.join(tmp.dir, 'restored', 'station.db'))).toBe(false);
  });

  it('refuses an entry the manifest does not vouch for, and a database that is not ours', () => {
    const bytes = backupBytes();
    const entries = unzipSync(bytes);
    entries['files/keys/extra.key'] = strToU8('smuggled');
    expect(failureKey(() => restore(zipSync(entries)))).toBe('backupCorrupt');

    const foreign = path.join(tmp.dir, 'foreign.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE t (x INTEGER)');
    other.close();
    const swapped = withEntries(bytes, { 'station.db': fs.readFileSync(foreign) });
    expect(failureKey(() => restore(swapped))).toBe('backupCorrupt');
  });

  it('leaves the course cache, logs and the database’s side files behind', () => {
    fs.writeFileSync(path.join(dataDir, 'content', 'course.mp4'), 'video');
    fs.mkdirSync(path.join(dataDir, 'logs'));
    fs.writeFileSync(path.join(dataDir, 'logs', 'station.log'), '{}\n');
    const names = Object.keys(unzipSync(backupBytes())).sort();
    // The terminal's key pair (made by init) travels: the county knows the terminal by it.
    expect(names).toEqual([
      'files/keys/terminal.key',
      'files/keys/terminal.pub',
      'manifest.json',
      'station.db',
    ]);
  });
});
