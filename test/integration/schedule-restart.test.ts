/**
 * Scheduling against real processes: the built `station` CLI and a `station serve` restarted
 * under a faked clock (STATION_FAKE_NOW, read only by the clock adapter) — a 40-day power-off,
 * a restart within the same minute, and an RTC reset to 2000-01-01.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/temp-dir.js';
import { serve, station } from '../helpers/station-process.js';

let tmp: ReturnType<typeof makeTempDir>;
let data: string;
beforeEach(() => {
  tmp = makeTempDir();
  data = path.join(tmp.dir, 'data');
});
afterEach(() => tmp.cleanup());

const at = (now: string) => ({ STATION_FAKE_NOW: now, STATION_LANG: '' });
function run(now: string, ...args: string[]) {
  const r = station([...args, '--data', data], at(now));
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rpc(url: string, token: string, method: string, body: unknown): Promise<any> {
  const res = await fetch(`${new URL(url).origin}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-station-token': token },
    body: JSON.stringify(body),
  });
  return ((await res.json()) as { value: unknown }).value;
}

/** Starts serve at a faked time, reads what it said about its jobs and the home view, stops. */
async function boot(now: string) {
  const s = await serve(['--port', '0', '--data', data], at(now));
  try {
    const home = await rpc(s.url, s.token, 'getHome', {});
    const reminder = await rpc(s.url, s.token, 'getReminder', {});
    const jobs = JSON.parse(/\[jobs\] at start: (.*)/.exec(s.stderr())?.[1] ?? '{}') as Record<
      string,
      string
    >;
    return { home, reminder, jobs };
  } finally {
    expect(await s.stop()).toBe(0);
  }
}

const recorded = () => {
  const db = new Database(path.join(data, 'station.db'), { readonly: true });
  try {
    return db.prepare('SELECT kind, period FROM obligation_records ORDER BY period').all();
  } finally {
    db.close();
  }
};

describe('schedule across restarts of station serve', () => {
  it('catches up once after 40 days off, never twice, and believes no clock reading 2000', async () => {
    run('2027-03-15T10:00:00+08:00', 'init');
    run(
      '2027-03-15T10:05:00+08:00',
      'schedule',
      'add',
      '--kind',
      'collective',
      '--title',
      '每月集中学习',
      '--start',
      '2027-04-10T09:00',
      '--duration',
      '90',
      '--rrule',
      'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2',
    );
    run(
      '2027-04-10T09:00:00+08:00',
      'session',
      'start',
      '--kind',
      'collective',
      '--title',
      '四月集中学习',
      '--at',
      '2027-04-10T09:00:00+08:00',
    );

    const first = await boot('2027-04-20T10:00:00+08:00');
    expect(first.jobs).toEqual({
      'schedule-obligations': 'ran',
      'schedule-reminders': 'ran',
      // Slow work (hardware probes, a night's download) never holds up the start.
      'health-snapshot': 'in-background',
      'content-sync': 'in-background',
    });
    expect(first.home.nextSession).toMatchObject({
      start: '2027-05-08T09:00:00+08:00',
      title: '每月集中学习',
    });
    expect(first.home.due).toMatchObject({
      month: { month: '2027-04', status: 'held' },
      missedMonths: [],
    });

    // Off for 43 days: May passed without its collective study.
    const back = await boot('2027-06-02T10:00:00+08:00');
    expect(back.jobs).toMatchObject({ 'schedule-obligations': 'ran', 'schedule-reminders': 'ran' });
    expect(back.home.nextSession.start).toBe('2027-06-12T09:00:00+08:00');
    expect(back.home.due.missedMonths).toEqual(['2027-05']);
    expect(back.reminder).toBeNull(); // the May reminders are stale: none shown
    expect(recorded()).toEqual([{ kind: 'collective-missed', period: '2027-05' }]);

    // Restarted within the same minute: nothing runs twice.
    const again = await boot('2027-06-02T10:00:00+08:00');
    expect(again.jobs).toMatchObject({
      'schedule-obligations': 'nothing-missed',
      'schedule-reminders': 'nothing-missed',
    });
    expect(recorded()).toHaveLength(1);

    // The RTC lost its battery: nothing fires, no month is marked missed, home stays right.
    const reset = await boot('2000-01-01T00:00:00Z');
    expect(reset.jobs).toMatchObject({
      'schedule-obligations': 'untrusted-clock',
      'schedule-reminders': 'untrusted-clock',
    });
    expect(reset.home.due.clockTrusted).toBe(false);
    expect(reset.home.nextSession.start).toBe('2027-06-12T09:00:00+08:00');
    expect(reset.reminder).toBeNull();
    expect(recorded()).toHaveLength(1);
    const due = JSON.parse(run('2000-01-01T00:00:00Z', 'schedule', 'due', '--json')) as {
      clock: { trusted: boolean };
      missedMonths: string[];
      recordedMissedMonths: string[];
    };
    expect(due.clock.trusted).toBe(false);
    expect(due.missedMonths).toEqual(['2027-05']);
    expect(due.recordedMissedMonths).toEqual(['2027-05']);

    // The day before the June session, the kiosk shows the banner.
    const eve = await boot('2027-06-11T10:00:00+08:00');
    expect(eve.reminder).toMatchObject({
      stage: 'day-before',
      occurrence: { start: '2027-06-12T09:00:00+08:00' },
    });
  }, 60_000);

  it('schedule due works from the records alone, in Chinese and in English', () => {
    run('2027-03-15T10:00:00+08:00', 'init');
    const text = run('2027-05-02T10:00:00+08:00', 'schedule', 'due');
    expect(text).toContain('本月集中学习（2027-05）：待安排');
    expect(text).toContain('未开展集中学习的月份：2027-04');
    const en = run('2027-05-02T10:00:00+08:00', 'schedule', 'due', '--lang', 'en');
    expect(en).toContain('Months without a collective study: 2027-04');
  });
});
