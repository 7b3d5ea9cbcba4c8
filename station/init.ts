import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from './clock.js';
import { openDatabase, type Db } from './db/open.js';
import { migrate } from './db/migrate.js';
import { StationFailure } from './errors.js';
import { CONTENT_DIR, DB_FILE } from './paths.js';
import { getSetting, writeSetting } from './settings/store.js';
import { zonedParts } from './domain/zoned-time.js';
import { seedDemo } from './demo/seed.js';
import { ensureTerminalKey } from './evidence/terminal-key.js';

export interface InitOptions {
  dataDir: string;
  clock: Clock;
  demo?: boolean;
}

export interface InitResult {
  db: Db;
  schemaVersion: number;
  demo: { village: string; members: number } | null;
}

/** Creates the data directory if needed and proves it is writable, with a readable failure. */
export function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (err) {
    const detail =
      err instanceof Error ? ((err as NodeJS.ErrnoException).code ?? err.message) : String(err);
    throw new StationFailure('STORAGE', 'dataDirNotWritable', { dir, detail });
  }
}

/**
 * Creates or migrates a data directory; safe to run any number of times. Returns the open
 * database so callers that go on to serve do not open it twice.
 */
export function initDataDir({ dataDir, clock, demo = false }: InitOptions): InitResult {
  ensureWritableDir(dataDir);
  const contentDir = path.join(dataDir, CONTENT_DIR);
  fs.mkdirSync(contentDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, DB_FILE));
  try {
    const schemaVersion = migrate(db);
    if (getSetting(db, 'terminal.id') === '') {
      writeSetting(db, 'terminal.id', crypto.randomUUID(), clock.now());
    }
    if (getSetting(db, 'station.setUpOn') === '') {
      const p = zonedParts(clock.now(), getSetting(db, 'timeZone'));
      const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
      writeSetting(db, 'station.setUpOn', day, clock.now());
    }
    ensureTerminalKey(dataDir); // the county registers its public half (issue 8)
    const seeded = demo ? seedDemo(db, clock.now()) : null;
    return { db, schemaVersion, demo: seeded };
  } catch (err) {
    db.close();
    throw err;
  }
}
