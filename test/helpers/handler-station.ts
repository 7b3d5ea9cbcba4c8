/**
 * A demo station in a temp dir, as the handler unit tests open it: the data directory made by
 * `initDataDir` (the demo roster), a GrantBook on the system clock, and the HandlerContext the
 * `create<Area>Handlers(ctx)` functions take.
 */
import path from 'node:path';
import { GrantBook } from '../../station/auth/grants.js';
import type { Role } from '../../common/contract.js';
import { systemClock } from '../../station/clock.js';
import type { Db } from '../../station/db/open.js';
import type { HandlerContext } from '../../station/api/handlers.js';
import { initDataDir } from '../../station/init.js';
import { makeTempDir } from './temp-dir.js';

export interface HandlerStation {
  /** The temp dir holding everything; `data` in it is the station's data directory. */
  dir: string;
  dataDir: string;
  db: Db;
  grants: GrantBook;
  ctx: HandlerContext;
  /** A fresh grant for the role, valid for ten minutes. */
  grant(role: Role): string;
  /** Closes the database and removes the temp dir. */
  cleanup(): void;
}

export function openHandlerStation(prefix?: string): HandlerStation {
  const tmp = makeTempDir(prefix);
  const dataDir = path.join(tmp.dir, 'data');
  const db = initDataDir({ dataDir, clock: systemClock, demo: true }).db;
  const grants = new GrantBook(systemClock);
  return {
    dir: tmp.dir,
    dataDir,
    db,
    grants,
    ctx: { db, clock: systemClock, grants, dataDir, contentDir: dataDir, startedAt: new Date() },
    grant: (role) => grants.issue(role, 10).grant,
    cleanup() {
      db.close();
      tmp.cleanup();
    },
  };
}
