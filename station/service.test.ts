import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test/helpers/temp-dir.js';
import { openDatabase, type Db } from './db/open.js';
import type { JobDefinition } from './jobs/job.js';
import { lastRun } from './jobs/runner.js';
import { DB_FILE } from './paths.js';
import { openStation, type OpenStationOptions } from './service.js';

let tmp: ReturnType<typeof makeTempDir>;
let lines: string[];
beforeEach(() => {
  tmp = makeTempDir();
  lines = [];
});
afterEach(() => tmp.cleanup());

/**
 * A background catch-up job (like the content sync) that, once let go, writes a row of its own:
 * the test holds it in flight while the station closes.
 */
function slowWriter(id: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  let ended!: () => void;
  const done = new Promise<void>((resolve) => (ended = resolve));
  const jobs = (db: Db): readonly JobDefinition[] => {
    db.exec('CREATE TABLE IF NOT EXISTS test_writes (job TEXT NOT NULL) STRICT');
    return [
      {
        id,
        schedule: '0 3 * * *',
        catchUpInBackground: true,
        run: async (ctx) => {
          started();
          try {
            await gate;
            ctx.db.prepare('INSERT INTO test_writes (job) VALUES (?)').run(id);
          } finally {
            ended();
          }
        },
      },
    ];
  };
  return { jobs, running, release, done };
}

/**
 * A station in tmp.dir whose only job is a slowWriter, logging into `lines`; resolves once that
 * job's background catch-up is in flight.
 */
async function openWithSlowWriter(
  id: string,
  extra: Pick<OpenStationOptions, 'jobStopWaitMs'> = {},
) {
  const job = slowWriter(id);
  const station = await openStation({
    dataDir: tmp.dir,
    jobs: job.jobs,
    log: (l) => lines.push(l),
    ...extra,
  });
  await job.running;
  return { job, station };
}

/** Lets timers and I/O callbacks run a few times, so a close() that does not wait has resolved. */
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

function reopen(): Db {
  return openDatabase(path.join(tmp.dir, DB_FILE));
}

describe('Station.close()', () => {
  it('lets a background catch-up still running finish its write before the database closes', async () => {
    const { job, station } = await openWithSlowWriter('slow-sync');
    expect(station.jobsAtStart).toEqual({ 'slow-sync': 'in-background' });
    let closed = false;
    const closing = station.close().then(() => (closed = true));
    await turns();
    expect(closed).toBe(false);
    expect(station.db.open).toBe(true);
    job.release();
    await closing;
    await job.done;
    expect(station.db.open).toBe(false);
    expect(lines).toEqual([]); // no "database connection is not open", nothing at all
    const db = reopen();
    try {
      expect(db.prepare('SELECT job FROM test_writes').all()).toEqual([{ job: 'slow-sync' }]);
      expect(lastRun(db, 'slow-sync')?.lastError).toBeNull();
    } finally {
      db.close();
    }
  });

  it('does not wait beyond its bound for a job that does not end, and still closes cleanly', async () => {
    const { job, station } = await openWithSlowWriter('stuck-sync', { jobStopWaitMs: 50 });
    await station.close(); // resolves although the job has not ended
    expect(station.db.open).toBe(false);
    expect(lines).toEqual(['[jobs] stopped without waiting longer than 50 ms for: stuck-sync']);
    // When the job does end, its write fails against the closed database: reported as such,
    // nothing unhandled (vitest fails the run on an unhandled rejection).
    job.release();
    await job.done;
    await turns();
    expect(lines.slice(1)).toEqual([
      '[jobs] stuck-sync ended after the database was closed; not recorded ' +
        '(The database connection is not open)',
    ]);
    const db = reopen();
    try {
      expect(db.prepare('SELECT job FROM test_writes').all()).toEqual([]);
      expect(lastRun(db, 'stuck-sync')).toBeNull(); // so the next start catches it up
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
