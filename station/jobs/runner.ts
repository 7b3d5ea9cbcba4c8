/**
 * Drives JobDefinitions: node-cron ticks in the station's time zone, each run recorded in
 * SQLite (`job_runs`), and — because node-cron forgets whatever it missed while the machine was
 * off — a catch-up on start: for each job, the latest tick missed since its last recorded run is
 * run ONCE (never one run per missed tick: 40 days off must not fire 57,600 minutely reminders).
 *
 * Time comes from the injected Clock, not from node-cron: node-cron only says "a minute has
 * come"; the runner asks the clock what time it is, so a faked clock (tests, STATION_FAKE_NOW)
 * drives everything and a run is keyed by the clock's minute. A clock earlier than the latest
 * recorded time is not trusted (schedule/clock-guard.ts): then nothing runs and nothing is
 * recorded, so no duplicate and no burst follows when the clock comes right again.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { localToInstant, zonedParts } from '../domain/zoned-time.js';
import { observeClock } from '../schedule/clock-guard.js';
import type { JobDefinition } from './job.js';

export type RunOutcome =
  | 'ran'
  | 'failed'
  | 'untrusted-clock'
  | 'already-ran'
  | 'nothing-missed'
  | 'in-background'
  /** Not started because the runner is stopping, or ended after the database was closed. */
  | 'stopped';

export interface JobRunnerOptions {
  db: Db;
  clock: Clock;
  dataDir: string;
  timeZone: () => string;
  jobs: readonly JobDefinition[];
  /** Report lines (stderr of `station serve`); silent by default. */
  log?: (line: string) => void;
  /** How far back a catch-up looks for a missed tick. */
  catchUpDays?: number;
  /** How long stop() waits for runs in flight; STOP_WAIT_MS unless a test shortens it. */
  stopWaitMs?: number;
}

export interface JobRunRecord {
  jobId: string;
  lastDue: Date;
  lastRanAt: Date;
  lastError: string | null;
}

const MINUTE = 60_000;

/**
 * How long stop() waits for the runs in flight before the database is closed. A reminder pass
 * or a health snapshot finishes in well under this; a night's content sync can take hours and must
 * not hold SIGTERM (systemd, the Electron shell quitting) hostage: it is given up, not recorded,
 * and caught up at the next start (its partial files are kept and resumed).
 */
export const STOP_WAIT_MS = 5_000;

/**
 * How often a running service re-reads the `timeZone` setting: a primary-key read, so a minute is
 * cheap, and a change made elsewhere (the kiosk, `station config set` in another process) reaches
 * node-cron within the minute instead of at the next restart.
 */
const ZONE_CHECK_MS = MINUTE;
const floorMinute = (d: Date) => new Date(Math.floor(d.getTime() / MINUTE) * MINUTE);

export function lastRun(db: Db, jobId: string): JobRunRecord | null {
  const row = db
    .prepare('SELECT job_id, last_due, last_ran_at, last_error FROM job_runs WHERE job_id = ?')
    .get(jobId) as
    | { job_id: string; last_due: string; last_ran_at: string; last_error: string | null }
    | undefined;
  return row
    ? {
        jobId: row.job_id,
        lastDue: new Date(row.last_due),
        lastRanAt: new Date(row.last_ran_at),
        lastError: row.last_error,
      }
    : null;
}

function record(db: Db, jobId: string, due: Date, ranAt: Date, error: string | null): void {
  db.prepare(
    `INSERT INTO job_runs (job_id, last_due, last_ran_at, last_error) VALUES (?, ?, ?, ?)
     ON CONFLICT (job_id) DO UPDATE SET last_due = excluded.last_due,
       last_ran_at = excluded.last_ran_at, last_error = excluded.last_error`,
  ).run(jobId, due.toISOString(), ranAt.toISOString(), error);
}

/**
 * The latest tick of a cron expression in (after, until], evaluated in local wall time of the
 * zone; null if there is none within `maxDays`. Walks back day by day (a few Intl calls a day)
 * rather than minute by minute, so a long power-off costs milliseconds.
 */
export function latestTick(
  expression: string,
  after: Date,
  until: Date,
  timeZone: string,
  maxDays = 400,
): Date | null {
  const f = cron.parse(expression);
  const nums = (xs: (number | string)[]) => new Set(xs.filter((x) => typeof x === 'number'));
  const minutes = [...nums(f.minute)].sort((a, b) => b - a);
  const hours = [...nums(f.hour)].sort((a, b) => b - a);
  const doms = nums(f.dayOfMonth);
  const months = nums(f.month);
  const dows = new Set([...nums(f.dayOfWeek)].map((d) => d % 7)); // 7 is Sunday too
  const domRestricted = doms.size < 31;
  const dowRestricted = dows.size < 7;
  const p = zonedParts(until, timeZone);
  for (let back = 0; back <= maxDays; back++) {
    const day = new Date(Date.UTC(p.year, p.month - 1, p.day - back));
    const y = day.getUTCFullYear();
    const m = day.getUTCMonth() + 1;
    const d = day.getUTCDate();
    if (!months.has(m)) continue;
    const domOk = doms.has(d);
    const dowOk = dows.has(day.getUTCDay());
    const dayOk =
      domRestricted && dowRestricted
        ? domOk || dowOk
        : (!domRestricted || domOk) && (!dowRestricted || dowOk);
    if (!dayOk) continue;
    for (const h of hours) {
      if (back === 0 && h > p.hour) continue;
      for (const mi of minutes) {
        if (back === 0 && h === p.hour && mi > p.minute) continue;
        const at = localToInstant({ year: y, month: m, day: d, hour: h, minute: mi }, timeZone).at;
        if (at > until) continue;
        return at > after ? at : null;
      }
    }
    // Nothing on this day at or before `until`; if even midnight is before `after`, stop.
    const midnight = localToInstant({ year: y, month: m, day: d, hour: 0, minute: 0 }, timeZone).at;
    if (midnight <= after) return null;
  }
  return null;
}

export class JobRunner {
  private tasks: ScheduledTask[] = [];
  /** The zone the cron tasks were created in; null while none are scheduled. */
  private zone: string | null = null;
  private zoneWatch: NodeJS.Timeout | undefined;
  /** Each run in flight by job id: one at a time per job, and what stop() waits for. */
  private readonly running = new Map<string, Promise<RunOutcome>>();
  private stopping = false;

  constructor(private readonly opts: JobRunnerOptions) {}

  private log(line: string): void {
    this.opts.log?.(line);
  }

  /** Runs a job for `due` unless the clock is untrusted or that tick already ran. */
  async runOnce(job: JobDefinition, due: Date): Promise<RunOutcome> {
    if (this.stopping) return 'stopped';
    const { db, clock } = this.opts;
    const now = clock.now();
    const verdict = observeClock(db, now);
    if (!verdict.trusted) {
      this.log(
        `[jobs] ${job.id}: clock ${now.toISOString()} is earlier than ${verdict.highWater?.toISOString()}; not run`,
      );
      return 'untrusted-clock';
    }
    const last = lastRun(db, job.id);
    if (last && due <= last.lastDue) return 'already-ran';
    if (this.running.has(job.id)) return 'already-ran';
    const run = this.execute(job, due);
    this.running.set(job.id, run);
    try {
      return await run;
    } finally {
      this.running.delete(job.id);
    }
  }

  /** Runs the job and records it; never rejects (stop() waits on it). */
  private async execute(job: JobDefinition, due: Date): Promise<RunOutcome> {
    const { db, clock } = this.opts;
    let error: string | null = null;
    try {
      await job.run({ db, clock, dataDir: this.opts.dataDir, due });
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (!db.open) {
      // Only a run stop() gave up on gets here: unrecorded, so the next start catches it up.
      this.log(
        `[jobs] ${job.id} ended after the database was closed; not recorded` +
          (error === null ? '' : ` (${error})`),
      );
      return 'stopped';
    }
    // A failure is recorded as run too: retried at its next tick, not in a tight loop.
    record(db, job.id, due, clock.now(), error);
    if (error === null) return 'ran';
    this.log(`[jobs] ${job.id} failed: ${error}`);
    return 'failed';
  }

  /** A node-cron tick (or a test standing in for one): the clock's current minute is due. */
  tick(job: JobDefinition): Promise<RunOutcome> {
    return this.runOnce(job, floorMinute(this.opts.clock.now()));
  }

  /**
   * On start: each job whose schedule passed a tick since its last run runs once for the latest
   * such tick. A job that never ran runs once now (so a fresh station checks its obligations).
   */
  async catchUp(
    tz = this.opts.timeZone(),
    { allInBackground = false } = {},
  ): Promise<Record<string, RunOutcome>> {
    const now = this.opts.clock.now();
    const outcomes: Record<string, RunOutcome> = {};
    for (const job of this.opts.jobs) {
      if (job.catchUpInBackground || allInBackground) {
        // Not awaited (stop() still waits for it: runOnce registers it in `running` before its
        // first await); a failure is logged and never stops the start.
        void this.catchUpOne(job, now, tz).catch((err: unknown) =>
          this.log(`[jobs] ${job.id} catch-up failed: ${String(err)}`),
        );
        outcomes[job.id] = 'in-background';
        continue;
      }
      outcomes[job.id] = await this.catchUpOne(job, now, tz);
    }
    return outcomes;
  }

  private async catchUpOne(job: JobDefinition, now: Date, tz: string): Promise<RunOutcome> {
    const last = lastRun(this.opts.db, job.id);
    // Never ran, or the clock is behind its last run (runOnce then reports it untrusted).
    if (!last || now < last.lastDue) return this.runOnce(job, floorMinute(now));
    const due = latestTick(job.schedule, last.lastDue, now, tz, this.opts.catchUpDays);
    return due ? this.runOnce(job, due) : 'nothing-missed';
  }

  /**
   * Catches up, then schedules every job with node-cron in the station's zone, and from then on
   * follows a change of the `timeZone` setting.
   */
  async start(): Promise<Record<string, RunOutcome>> {
    const outcomes = await this.catchUp();
    if (this.stopping) return outcomes;
    this.schedule(this.opts.timeZone());
    this.zoneWatch = setInterval(() => {
      this.followTimeZone().catch((err: unknown) =>
        this.log(`[jobs] could not follow the time zone: ${String(err)}`),
      );
    }, ZONE_CHECK_MS);
    // The cron tasks keep a service alive; this check alone must never do so.
    this.zoneWatch.unref();
    return outcomes;
  }

  /** The zone the cron tasks fire in; null before start() and after stop(). */
  scheduledZone(): string | null {
    return this.zone;
  }

  private schedule(tz: string): void {
    for (const job of this.opts.jobs) {
      const task = cron.schedule(job.schedule, () => this.tick(job), {
        timezone: tz,
        name: job.id,
        noOverlap: true,
      });
      this.tasks.push(task);
    }
    this.zone = tz;
  }

  /**
   * Stops the cron tasks and takes them out of node-cron's registry (stop() alone leaves them
   * there). Synchronous for our in-process tasks, so nothing can interleave with a reschedule.
   */
  private unschedule(): void {
    for (const task of this.tasks.splice(0)) void task.destroy();
    this.zone = null;
  }

  /**
   * Re-reads the `timeZone` setting and, when it differs from the zone the tasks fire in,
   * re-creates them in the new zone, then catches up in the background what the new zone says
   * has passed (its 09:00 may already be behind us). No run is doubled: a run in flight keeps its
   * place in `running`, and each due minute is recorded (runOnce skips what is recorded).
   * Resolves true when it rescheduled. Called each minute by start(); tests call it directly.
   */
  async followTimeZone(): Promise<boolean> {
    if (this.stopping || this.zone === null) return false;
    const tz = this.opts.timeZone();
    const was = this.zone;
    if (tz === was) return false;
    this.unschedule();
    this.schedule(tz);
    this.log(`[jobs] time zone changed from ${was} to ${tz}: jobs rescheduled`);
    await this.catchUp(tz, { allInBackground: true });
    return true;
  }

  /**
   * Stops the cron tasks, then waits for the runs in flight (background catch-ups and cron ticks
   * alike) so none writes into a database closed under it — but at most `stopWaitMs`: what is
   * still running then is named in the log and left to end on its own (see STOP_WAIT_MS).
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.zoneWatch);
    this.unschedule();
    if (this.running.size === 0) return;
    const waitMs = this.opts.stopWaitMs ?? STOP_WAIT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<true>((resolve) => {
      timer = setTimeout(() => resolve(true), waitMs);
    });
    const allDone = Promise.allSettled(this.running.values()).then(() => false);
    if (await Promise.race([allDone, timedOut])) {
      this.log(
        `[jobs] stopped without waiting longer than ${waitMs} ms for: ${[...this.running.keys()].join(', ')}`,
      );
    }
    clearTimeout(timer);
  }
}
