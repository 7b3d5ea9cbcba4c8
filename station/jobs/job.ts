import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';

/**
 * A periodic piece of work the station service runs on a node-cron tick (reminders, obligation
 * checks, content sync, health snapshots, upload). Capabilities export definitions of this shape;
 * the job runner (station/jobs/runner.ts) schedules them, records each run in SQLite and, after the
 * machine was off, catches a missed run up once.
 */
export interface JobDefinition {
  /** Stable id, also the key of its last-run record: 'reminders', 'health-snapshot', … */
  id: string;
  /** A node-cron expression in the station's time zone, e.g. '*\/15 * * * *'. */
  schedule: string;
  run(ctx: JobContext): Promise<void> | void;
  /**
   * Catch up after start in the background instead of before the service answers: for slow jobs
   * (a health snapshot probes the hardware for seconds) that nothing at start depends on.
   */
  catchUpInBackground?: boolean;
}

export interface JobContext {
  db: Db;
  clock: Clock;
  dataDir: string;
  /** The time this run stands for (for a catch-up run: the missed tick, not now). */
  due: Date;
}
