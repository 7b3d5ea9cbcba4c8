import path from 'node:path';
import type { Language } from '../common/contract.js';
import { systemClock, type Clock } from './clock.js';
import type { Db } from './db/open.js';
import { checkpointAndClose } from './db/open.js';
import { GrantBook } from './auth/grants.js';
import { createHandlers, type Handlers } from './api/handlers.js';
import type { ApiHost } from './api/dispatch.js';
import { initDataDir } from './init.js';
import { CONTENT_DIR } from './paths.js';
import { getSetting } from './settings/store.js';
import type { MediaRoot } from './http/media.js';
import { verifiedMedia } from './content/courses.js';

export interface Station extends ApiHost {
  db: Db;
  dataDir: string;
  /** What media URLs resolve into: only verified files of the content cache. */
  mediaRoot: MediaRoot;
  clock: Clock;
  handlers: Handlers;
  language(): Language;
  close(): void;
}

export interface OpenStationOptions {
  dataDir: string;
  clock?: Clock;
  demo?: boolean;
}

/**
 * The composition root of the station service: opens (creating or migrating) the data directory
 * and wires the handlers. Used by `station serve`, the Electron main process and the tests alike.
 */
export async function openStation(opts: OpenStationOptions): Promise<Station> {
  const clock = opts.clock ?? systemClock;
  const dataDir = path.resolve(opts.dataDir);
  const { db } = initDataDir({ dataDir, clock, demo: opts.demo ?? false });
  const contentDir = path.join(dataDir, CONTENT_DIR);
  const handlers = createHandlers({
    db,
    clock,
    grants: new GrantBook(clock),
    dataDir,
    contentDir,
    startedAt: clock.now(),
  });
  return {
    db,
    dataDir,
    mediaRoot: (mediaPath) => verifiedMedia(db, mediaPath)?.absolutePath ?? null,
    clock,
    handlers,
    language: () => getSetting(db, 'language'),
    close: () => checkpointAndClose(db),
  };
}
