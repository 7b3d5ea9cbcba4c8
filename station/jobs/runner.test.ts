import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import type { Db } from '../db/open.js';
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
