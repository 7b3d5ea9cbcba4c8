import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { setPin } from '../auth/pins.js';
import { openStation, type Station } from '../service.js';
import { dispatch } from './dispatch.js';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { addPlan } from '../schedule/plans.js';

let tmp: ReturnType<typeof makeTempDir>;
let station: Station;
let clock: ReturnType<typeof fixedClock>;

beforeEach(async () => {
  tmp = makeTempDir();
  clock = fixedClock('2026-12-12T08:30:00+08:00');
  station = await openStation({ dataDir: tmp.dir, clock, runJobs: false });
  setPin(station.db, 'organizer', '1234', clock.now());
  addPlan(
    station.db,
    {
      kind: 'collective',
      title: '每月集中学习',
      start: new Date('2026-11-14T09:00:00+08:00'),
      durationMinutes: 90,
      recurrence: { type: 'rrule', rrule: 'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2' },
      by: 'test',
    },
    clock.now(),
  );
});
afterEach(async () => {
  await station.close();
  tmp.cleanup();
});

async function call(method: string, input: unknown) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (await dispatch(station, method, input)).body as any;
}

async function grant(): Promise<string> {
  const r = await call('unlock', { role: 'organizer', pin: '1234' });
  return r.value.grant as string;
}

const sessions = () =>
  station.db.prepare('SELECT kind, title FROM study_sessions ORDER BY id').all();

describe('schedule handlers', () => {
  it('shows the hour-before reminder and starts the session once, however often it is pressed', async () => {
    const reminder = await call('getReminder', {});
    expect(reminder.value).toMatchObject({
      stage: 'hour-before',
      occurrence: { start: '2026-12-12T09:00:00+08:00', title: '每月集中学习' },
    });
    const g = await grant();
    const input = { grant: g, planId: 1, occurrenceStart: '2026-12-12T09:00:00+08:00' };
    const first = await call('startPlannedSession', input);
    expect(first.value).toMatchObject({ alreadyStarted: false, title: '每月集中学习' });
    clock.advance(60_000);
    const second = await call('startPlannedSession', input);
    expect(second.value).toEqual({ ...first.value, alreadyStarted: true });
    expect(sessions()).toEqual([{ kind: 'collective', title: '每月集中学习' }]);
    const home = await call('getHome', {});
    expect(home.value.due.month).toEqual({ month: '2026-12', status: 'held' });
  });

  it('starts nothing on a clock that went back to 2000, and shows no reminder', async () => {
    const g = await grant();
    await call('startPlannedSession', {
      grant: g,
      planId: 1,
      occurrenceStart: '2026-12-12T09:00:00+08:00',
    });
    clock.set('2000-01-01T00:00:00Z');
    expect((await call('getReminder', {})).value).toBeNull();
    const refused = await call('startPlannedSession', {
      grant: g,
      planId: 1,
      occurrenceStart: '2026-12-12T09:00:00+08:00',
    });
    expect(refused.ok).toBe(false);
    expect(refused.error.message).toContain('时间不可信');
    expect(sessions()).toHaveLength(1);
    // The home view keeps to the recorded time: the next session is still the 12 December one.
    const home = await call('getHome', {});
    expect(home.value.nextSession.start).toBe('2026-12-12T09:00:00+08:00');
    expect(home.value.due.clockTrusted).toBe(false);
  });

  it('needs the organizer grant for the calendar', async () => {
    const r = await call('listOccurrences', {
      grant: 'x'.repeat(32),
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(r.ok).toBe(false);
    const g = await grant();
    const ok = await call('listOccurrences', { grant: g, from: '2026-12-01', to: '2026-12-31' });
    expect(ok.value.occurrences.map((o: { start: string }) => o.start)).toEqual([
      '2026-12-12T09:00:00+08:00',
    ]);
  });
});
