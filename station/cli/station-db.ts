import fs from 'node:fs';
import path from 'node:path';
import { clockFromEnv, systemClock, type Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';
import { initDataDir } from '../init.js';
import { DB_FILE, resolveDataDir } from '../paths.js';

/**
 * Opens (and migrates) an initialised station for a command that works on its records. A data
 * directory without a station is an error, never a new empty station: a mistyped `--data` must not
 * make a command report "nothing there" from a fresh database it just created.
 */
function openExistingStation(dataFlag: string | undefined, env: NodeJS.ProcessEnv): Db {
  const dataDir = resolveDataDir(dataFlag, env);
  if (!fs.existsSync(path.join(dataDir, DB_FILE))) {
    throw new StationFailure('STORAGE', 'dataDirMissing', { dir: dataDir });
  }
  return initDataDir({ dataDir, clock: systemClock }).db;
}

/** Runs `fn` on an initialised station's database and closes it afterwards, whatever happens. */
export async function withExistingStation<T>(
  dataFlag: string | undefined,
  env: NodeJS.ProcessEnv,
  fn: (db: Db) => T | Promise<T>,
): Promise<T> {
  const db = openExistingStation(dataFlag, env);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/**
 * Runs `fn` on the station in `--data` (else STATION_DATA_DIR, else the per-user default),
 * creating or migrating it first as `station init` would, and closes it afterwards. `fn` gets the
 * command's clock: the system clock, or STATION_FAKE_NOW from `env` when a test passes its own.
 */
export async function withStation<T>(
  dataFlag: string | undefined,
  env: NodeJS.ProcessEnv,
  fn: (db: Db, dataDir: string, clock: Clock) => T | Promise<T>,
): Promise<T> {
  const clock = clockFromEnv(env);
  const dataDir = resolveDataDir(dataFlag, env);
  const { db } = initDataDir({ dataDir, clock });
  try {
    return await fn(db, dataDir, clock);
  } finally {
    db.close();
  }
}
