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
import cron from 'node-cron';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { localToInstant, zonedParts } from '../domain/zoned-time.js';
import { observeClock } from '../schedule/clock-guard.js';
import type { JobDefinition } from './job.js';

export type RunOutcome =
  'ran' | 'failed' | 'untrusted-clock' | 'already-ran' | 'nothing-missed' | 'in-background';

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
}

export interface JobRunRecord {
  jobId: string;
  lastDue: Date;
  lastRanAt: Date;
  lastError: string | null;
}

const MINUTE = 60_000;
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
  private readonly tasks: { stop(): void | Promise<void> }[] = [];
  private readonly running = new Set<string>();

  constructor(private readonly opts: JobRunnerOptions) {}

  private log(line: string): void {
    this.opts.log?.(line);
  }

  /** Runs a job for `due` unless the clock is untrusted or that tick already ran. */
  async runOnce(job: JobDefinition, due: Date): Promise<RunOutcome> {
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
    this.running.add(job.id);
    try {
      await job.run({ db, clock, dataDir: this.opts.dataDir, due });
      record(db, job.id, due, clock.now(), null);
      return 'ran';
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // Recorded as run: a failing job is retried at its next tick, not in a tight loop.
      record(db, job.id, due, clock.now(), message);
      this.log(`[jobs] ${job.id} failed: ${message}`);
      return 'failed';
    } finally {
      this.running.delete(job.id);
    }
  }

  /** A node-cron tick (or a test standing in for one): the clock's current minute is due. */
  tick(job: JobDefinition): Promise<RunOutcome> {
    return this.runOnce(job, floorMinute(this.opts.clock.now()));
  }

  /**
   * On start: each job whose schedule passed a tick since its last run runs once for the latest
   * such tick. A job that never ran runs once now (so a fresh station checks its obligations).
   */
  async catchUp(): Promise<Record<string, RunOutcome>> {
    const now = this.opts.clock.now();
    const tz = this.opts.timeZone();
    const outcomes: Record<string, RunOutcome> = {};
    for (const job of this.opts.jobs) {
      if (job.catchUpInBackground) {
        // Not awaited; a failure is logged (runOnce records it) and never stops the start.
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

  /** Catches up, then schedules every job with node-cron in the station's zone. */
  async start(): Promise<Record<string, RunOutcome>> {
    const outcomes = await this.catchUp();
    for (const job of this.opts.jobs) {
      const task = cron.schedule(job.schedule, () => this.tick(job), {
        timezone: this.opts.timeZone(),
        name: job.id,
        noOverlap: true,
      });
      this.tasks.push(task);
    }
    return outcomes;
  }

  async stop(): Promise<void> {
    for (const t of this.tasks.splice(0)) await t.stop();
  }
}
