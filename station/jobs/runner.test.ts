import path from 'node:path';
import cron from 'node-cron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../clock.js';
import { openDatabase, type Db } from '../db/open.js';
import { DB_FILE } from '../paths.js';
import { getSetting, writeSetting } from '../settings/store.js';
import { initDataDir } from '../init.js';
import { isoWithOffset } from '../domain/zoned-time.js';
import { startSession } from '../attendance/sessions.js';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { addPlan, upcomingOccurrences } from '../schedule/plans.js';
import { recordedMissedMonths } from '../schedule/due.js';
import { SCHEDULE_JOBS } from '../schedule/jobs.js';
import { JobRunner, lastRun, latestTick } from './runner.js';
import type { JobDefinition } from './job.js';

const SH = 'Asia/Shanghai';
const DAY = 86_400_000;

let tmp: ReturnType<typeof makeTempDir>;
let db: Db;
let clock: ReturnType<typeof fixedClock>;

beforeEach(() => {
  tmp = makeTempDir();
  clock = fixedClock('2026-09-15T10:00:00+08:00'); // the day the station is set up
  db = initDataDir({ dataDir: tmp.dir, clock }).db;
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

function counting(id: string, schedule: string) {
  const runs: string[] = [];
  const job: JobDefinition = { id, schedule, run: ({ due }) => void runs.push(due.toISOString()) };
  return { job, runs };
}

const runner = (jobs: readonly JobDefinition[]) =>
  new JobRunner({ db, clock, dataDir: tmp.dir, timeZone: () => SH, jobs });

describe('latestTick', () => {
  it.each([
    [
      'daily 00:05, 40 days off',
      '5 0 * * *',
      '2026-11-01T12:00:00+08:00',
      '2026-12-11T12:00:00+08:00',
      '2026-12-11T00:05:00+08:00',
    ],
    [
      'daily 00:05, nothing missed',
      '5 0 * * *',
      '2026-12-11T00:05:00+08:00',
      '2026-12-11T12:00:00+08:00',
      null,
    ],
    [
      'every minute',
      '* * * * *',
      '2026-11-01T12:00:00+08:00',
      '2026-12-11T12:00:30+08:00',
      '2026-12-11T12:00:00+08:00',
    ],
    [
      'monthly on the 1st at 08:00',
      '0 8 1 * *',
      '2026-10-01T08:00:00+08:00',
      '2026-12-11T12:00:00+08:00',
      '2026-12-01T08:00:00+08:00',
    ],
    [
      'weekdays 18:00, over a weekend',
      '0 18 * * 1-5',
      '2026-12-11T18:00:00+08:00',
      '2026-12-13T20:00:00+08:00',
      null,
    ],
  ])('%s', (_name, expr, after, until, want) => {
    const got = latestTick(expr, new Date(after), new Date(until), SH);
    expect(got ? isoWithOffset(got, SH) : null).toBe(want);
  });

  it('evaluates in local time across a DST change (New York)', () => {
    const got = latestTick(
      '30 2 * * *',
      new Date('2027-03-12T12:00:00Z'),
      new Date('2027-03-14T12:00:00Z'),
      'America/New_York',
    );
    // 02:30 does not exist on 14 March; per RFC 5545 it is taken as 03:30 EDT.
    expect(got && isoWithOffset(got, 'America/New_York')).toBe('2027-03-14T03:30:00-04:00');
  });
});

describe('JobRunner', () => {
  it('catches up once after 40 days off, never once per missed tick, and not again after a restart', async () => {
    const { job, runs } = counting('count', '* * * * *');
    expect(await runner([job]).catchUp()).toEqual({ count: 'ran' });
    clock.advance(40 * DAY);
    expect(await runner([job]).catchUp()).toEqual({ count: 'ran' });
    expect(runs).toHaveLength(2);
    expect(await runner([job]).catchUp()).toEqual({ count: 'nothing-missed' });
    const r = runner([job]);
    expect(await r.tick(job)).toBe('already-ran'); // same minute as the catch-up
    clock.advance(60_000);
    expect(await r.tick(job)).toBe('ran');
    expect(runs).toHaveLength(3);
  });

  it('runs nothing and records nothing while the clock reads earlier than the records', async () => {
    const { job, runs } = counting('count', '*/5 * * * *');
    await runner([job]).catchUp();
    const before = lastRun(db, 'count');
    clock.set('2000-01-01T00:00:00Z'); // an unset RTC
    const r = runner([job]);
    expect(await r.catchUp()).toEqual({ count: 'untrusted-clock' });
    for (let i = 0; i < 10; i++) {
      clock.advance(60_000);
      expect(await r.tick(job)).toBe('untrusted-clock');
    }
    expect(lastRun(db, 'count')).toEqual(before);
    expect(runs).toHaveLength(1);
    clock.set('2026-09-15T10:30:00+08:00'); // good time again: one catch-up, no burst
    expect(await runner([job]).catchUp()).toEqual({ count: 'ran' });
    expect(runs).toHaveLength(2);
  });

  it('records a failing job as run (retried at its next tick, not in a loop)', async () => {
    const job: JobDefinition = {
      id: 'boom',
      schedule: '* * * * *',
      run: () => {
        throw new Error('disk full');
      },
    };
    expect(await runner([job]).catchUp()).toEqual({ boom: 'failed' });
    expect(lastRun(db, 'boom')?.lastError).toBe('disk full');
    expect(await runner([job]).catchUp()).toEqual({ boom: 'nothing-missed' });
  });
});

describe('scheduling jobs: recorded obligations and reminders', () => {
  function collective(at: string) {
    startSession(
      db,
      { kind: 'collective', title: '集中学习', at: new Date(at), by: 'test' },
      clock.now(),
    );
  }

  it.each([
    {
      name: 'a month without a collective study is recorded once; held months never',
      held: ['2026-10-10T09:00:00+08:00'],
      steps: [
        { to: '2026-10-31T23:00:00+08:00', want: [] },
        { to: '2026-11-01T00:10:00+08:00', want: [] }, // October held
        { to: '2026-12-01T00:10:00+08:00', want: ['2026-11'] },
        { to: '2026-12-01T05:10:00+08:00', want: ['2026-11'] }, // hourly re-check: still once
        { to: '2027-01-10T09:00:00+08:00', want: ['2026-11', '2026-12'] }, // 40 days off
        { to: '2000-01-01T00:00:00Z', want: ['2026-11', '2026-12'] }, // RTC reset: nothing new
        { to: '2027-01-10T10:00:00+08:00', want: ['2026-11', '2026-12'] },
      ],
    },
    {
      name: 'a backward jump marks no month missed on the word of a wrong clock',
      held: ['2026-10-10T09:00:00+08:00'],
      steps: [
        { to: '2026-10-20T09:00:00+08:00', want: [] },
        { to: '2026-12-25T09:00:00+08:00', want: ['2026-11'] },
        { to: '2026-11-15T09:00:00+08:00', want: ['2026-11'] }, // earlier than recorded
      ],
    },
  ])('$name', async ({ held, steps }) => {
    for (const h of held) collective(h);
    for (const step of steps) {
      clock.set(step.to);
      await runner(SCHEDULE_JOBS).catchUp();
      expect(recordedMissedMonths(db).map((m) => m.period)).toEqual(step.want);
    }
  });

  it('after 40 days off: stale reminders dropped, the one due now shown, the next session right', async () => {
    addPlan(
      db,
      {
        kind: 'collective',
        title: '每月集中学习',
        start: new Date('2026-10-10T09:00:00+08:00'),
        durationMinutes: 90,
        recurrence: { type: 'rrule', rrule: 'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2' },
        by: 'test',
      },
      clock.now(),
    );
    clock.set('2026-10-01T08:00:00+08:00');
    await runner(SCHEDULE_JOBS).catchUp();
    // Off from 1 October to 14 November 08:30: the October and November sessions passed
    // unseen except the November one is half an hour away.
    clock.set('2026-11-14T08:30:00+08:00');
    await runner(SCHEDULE_JOBS).catchUp();
    const log = db
      .prepare('SELECT occurrence_start AS o, stage, outcome FROM reminder_log ORDER BY o, stage')
      .all();
    expect(log).toEqual([
      { o: '2026-11-14T01:00:00.000Z', stage: 'day-before', outcome: 'dropped' },
      { o: '2026-11-14T01:00:00.000Z', stage: 'hour-before', outcome: 'shown' },
    ]);
    expect(isoWithOffset(upcomingOccurrences(db, clock.now())[0]!.start, SH)).toBe(
      '2026-11-14T09:00:00+08:00',
    );
    clock.set('2026-11-20T08:30:00+08:00');
    await runner(SCHEDULE_JOBS).catchUp();
    expect(isoWithOffset(upcomingOccurrences(db, clock.now())[0]!.start, SH)).toBe(
      '2026-12-12T09:00:00+08:00',
    );
    expect(
      db.prepare("SELECT count(*) AS n FROM reminder_log WHERE outcome = 'shown'").get(),
    ).toEqual({ n: 1 });
  });
});

/** A job whose run waits until the test lets it go, so a run can be caught in flight. */
function gated(id: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const job: JobDefinition = {
    id,
    schedule: '* * * * *',
    run: async () => {
      started();
      await gate;
    },
  };
  return { job, running, release };
}

/** Lets timers and I/O callbacks run a few times, so a stop() that does not wait has resolved. */
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('JobRunner.stop', () => {
  it('waits for a cron tick in flight, and starts nothing afterwards', async () => {
    const { job, running, release } = gated('slow');
    const r = runner([job]);
    const ticked = r.tick(job);
    await running;
    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    await turns();
    expect(stopped).toBe(false);
    expect(lastRun(db, 'slow')).toBeNull();
    release();
    await stopping;
    expect(await ticked).toBe('ran');
    expect(lastRun(db, 'slow')).not.toBeNull();
    clock.advance(60_000);
    expect(await r.tick(job)).toBe('stopped');
  });

  it('waits no longer than its bound for a run that does not end, and names it', async () => {
    const { job, running, release } = gated('stuck');
    const lines: string[] = [];
    const r = new JobRunner({
      db,
      clock,
      dataDir: tmp.dir,
      timeZone: () => SH,
      jobs: [job],
      log: (l) => lines.push(l),
      stopWaitMs: 50,
    });
    const ticked = r.tick(job);
    await running;
    await r.stop();
    expect(lines).toEqual(['[jobs] stopped without waiting longer than 50 ms for: stuck']);
    db.close(); // what Station.close() does next
    release();
    // The run ends against the closed database: reported, not recorded, not thrown.
    expect(await ticked).toBe('stopped');
    expect(lines.at(-1)).toBe('[jobs] stuck ended after the database was closed; not recorded');
    db = openDatabase(path.join(tmp.dir, DB_FILE)); // for afterEach, and to look
    expect(lastRun(db, 'stuck')).toBeNull(); // so the next start catches it up
  });
});

describe('JobRunner following the time zone setting', () => {
  const file = () => path.join(tmp.dir, DB_FILE);
  /** `station config set timeZone …` in another process: another connection to the same file. */
  function setZoneElsewhere(zone: string) {
    const other = openDatabase(file());
    try {
      writeSetting(other, 'timeZone', zone, clock.now());
    } finally {
      other.close();
    }
  }
  const settingRunner = (jobs: readonly JobDefinition[], log?: (l: string) => void) =>
    new JobRunner({
      db,
      clock,
      dataDir: tmp.dir,
      timeZone: () => getSetting(db, 'timeZone'),
      jobs,
      ...(log ? { log } : {}),
    });
  const cronTasks = (name: string) => [...cron.getTasks().values()].filter((t) => t.name === name);

  it('reschedules the cron tasks in the new zone, once, and runs no minute twice', async () => {
    const lines: string[] = [];
    const { job, runs } = counting('count', '* * * * *');
    const daily = counting('daily', '0 10 * * *');
    const r = settingRunner([job, daily.job], (l) => lines.push(l));
    try {
      expect(await r.start()).toEqual({ count: 'ran', daily: 'ran' });
      expect(r.scheduledZone()).toBe(SH);
      expect(await r.followTimeZone()).toBe(false); // unchanged: nothing to do
      setZoneElsewhere('Asia/Urumqi');
      expect(await r.followTimeZone()).toBe(true);
      expect(r.scheduledZone()).toBe('Asia/Urumqi');
      expect(lines).toEqual([
        '[jobs] time zone changed from Asia/Shanghai to Asia/Urumqi: jobs rescheduled',
      ]);
      expect(await r.followTimeZone()).toBe(false);
      // One node-cron task per job, and it fires at 10:00 Urumqi (04:00Z), not 10:00 Shanghai.
      const [task] = cronTasks('daily');
      expect(cronTasks('daily')).toHaveLength(1);
      expect(task?.match(new Date('2026-09-16T04:00:00Z'))).toBe(true);
      expect(task?.match(new Date('2026-09-16T02:00:00Z'))).toBe(false);
      // The minute already run is not run again, by the new task or by the catch-up.
      expect(await r.tick(job)).toBe('already-ran');
      clock.advance(60_000);
      expect(await r.tick(job)).toBe('ran');
    } finally {
      await r.stop();
    }
    expect(runs).toHaveLength(2);
    expect(daily.runs).toHaveLength(1);
    expect(r.scheduledZone()).toBeNull();
    expect(cronTasks('daily')).toEqual([]);
  });

  it('catches up once what the new zone says has already passed today', async () => {
    writeSetting(db, 'timeZone', 'Asia/Urumqi', clock.now());
    const daily = counting('daily', '0 10 * * *');
    clock.set('2026-09-14T05:00:00Z');
    await settingRunner([daily.job]).catchUp(); // ran once on the first day
    // 09:00 in Urumqi, 11:00 in Shanghai: today's 10:00 is still to come in Urumqi.
    clock.set('2026-09-15T03:00:00Z');
    const r = settingRunner([daily.job]);
    try {
      expect(await r.start()).toEqual({ daily: 'nothing-missed' });
      setZoneElsewhere(SH);
      expect(await r.followTimeZone()).toBe(true);
      // In Shanghai today's 10:00 (02:00Z) has passed: run for it now rather than lose the day.
      await vi.waitFor(() => expect(daily.runs).toHaveLength(2));
      expect(await r.followTimeZone()).toBe(false);
    } finally {
      await r.stop();
    }
    expect(daily.runs).toEqual(['2026-09-14T05:00:00.000Z', '2026-09-15T02:00:00.000Z']);
    expect(await settingRunner([daily.job]).catchUp()).toEqual({ daily: 'nothing-missed' });
  });
});
