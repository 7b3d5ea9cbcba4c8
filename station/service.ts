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
import { createStationClock } from './time/trusted-time.js';
import { JobRunner, type RunOutcome } from './jobs/runner.js';
import type { JobDefinition } from './jobs/job.js';
import { SCHEDULE_JOBS } from './schedule/jobs.js';
import { healthSnapshotJob } from './health/history.js';
import { contentSyncJob } from './content/sync-job.js';
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
  /** What each periodic job did when the station started (its catch-up); empty without jobs. */
  jobsAtStart: Record<string, RunOutcome>;
  /**
   * Stops the periodic jobs, waits (boundedly, see STOP_WAIT_MS) for the runs in flight, then
   * checkpoints and closes the database. Resolves once the database is closed.
   */
  close(): Promise<void>;
}

export interface OpenStationOptions {
  dataDir: string;
  clock?: Clock;
  demo?: boolean;
  /** Run the periodic jobs (node-cron). Default true; tests of single handlers turn it off. */
  runJobs?: boolean;
  /** Where job failures and untrusted-clock notices go (stderr of `station serve`). */
  log?: (line: string) => void;
  /** The periodic jobs; default the station's own. Tests of the service's life cycle pass theirs. */
  jobs?: (db: Db) => readonly JobDefinition[];
  /** How long close() waits for jobs in flight (default STOP_WAIT_MS); tests shorten it. */
  jobStopWaitMs?: number;
}

/** Every periodic job of the station; later capabilities add theirs to this list. */
function stationJobs(db: Db): readonly JobDefinition[] {
  return [...SCHEDULE_JOBS, healthSnapshotJob(db), contentSyncJob(db)];
}

/**
 * The composition root of the station service: opens (creating or migrating) the data directory
 * and wires the handlers. Used by `station serve`, the Electron main process and the tests alike.
 */
export async function openStation(opts: OpenStationOptions): Promise<Station> {
  const dataDir = path.resolve(opts.dataDir);
  const systemTime = opts.clock ?? systemClock;
  const { db } = initDataDir({ dataDir, clock: systemTime, demo: opts.demo ?? false });
  // The system clock plus a technician's recorded correction (station/time/trusted-time.ts).
  const clock = createStationClock(db, systemTime);
  const contentDir = path.join(dataDir, CONTENT_DIR);
  const handlers = createHandlers({
    db,
    clock,
    // Grants run on the uncorrected clock: a technician's time correction (years, after a dead
    // RTC battery) must not sign the technician out in the middle of it.
    grants: new GrantBook(systemTime),
    dataDir,
    contentDir,
    startedAt: clock.now(),
  });
  const runner = new JobRunner({
    db,
    clock,
    dataDir,
    timeZone: () => getSetting(db, 'timeZone'),
    jobs: (opts.jobs ?? stationJobs)(db),
    ...(opts.log ? { log: opts.log } : {}),
    ...(opts.jobStopWaitMs === undefined ? {} : { stopWaitMs: opts.jobStopWaitMs }),
  });
  const jobsAtStart = opts.runJobs === false ? {} : await runner.start();
  return {
    db,
    dataDir,
    mediaRoot: (mediaPath) => verifiedMedia(db, mediaPath)?.absolutePath ?? null,
    clock,
    handlers,
    language: () => getSetting(db, 'language'),
    jobsAtStart,
    // Jobs first: a run still writing when the database closes would lose its write.
    close: async () => {
      await runner.stop();
      checkpointAndClose(db);
    },
  };
}
