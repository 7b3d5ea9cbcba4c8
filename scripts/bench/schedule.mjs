// Scheduling costs on the built service, in-process on a temp data directory: expanding a busy
// village's plans over a year, the start-up catch-up after 40 days off, and the home view (which
// expands the plans on every call) with those plans beside the same call with none.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../lib/run.mjs';
import { median } from './report.mjs';

const PLANS = 60;
const DAY = 86_400_000;
const load = (rel) => import(pathToFileURL(path.join(repoRoot, 'build', rel)).href);

async function timed(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return median(times);
}

export const scheduleBench = {
  id: 'schedule',
  note: () =>
    `scheduling, in-process on the built service with ${PLANS} plans (monthly RRULEs, single ` +
    'dates, 冬春训 blocks): expanding them over one year; the start-up catch-up of the ' +
    'scheduling jobs after 40 days off (JobRunner.catchUp); getHome with those plans, against ' +
    'getHome with none. Median of the runs.',
  async run({ runs = 5 } = {}) {
    const { fixedClock } = await load('station/clock.js');
    const { openStation } = await load('station/service.js');
    const { addPlan, listPlans } = await load('station/schedule/plans.js');
    const { expandPlans } = await load('station/schedule/expand.js');
    const { JobRunner } = await load('station/jobs/runner.js');
    const { SCHEDULE_JOBS } = await load('station/schedule/jobs.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-schedule-'));
    try {
      const clock = fixedClock('2026-10-01T08:00:00+08:00');
      const station = await openStation({ dataDir: dir, clock, runJobs: false });
      const empty = await timed(() => station.handlers.getHome({}), runs * 4);
      const rules = [
        'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2',
        'FREQ=MONTHLY;BYMONTHDAY=15',
        'FREQ=WEEKLY;BYDAY=TU',
      ];
      for (let i = 0; i < PLANS; i++) {
        const start = new Date(Date.parse('2026-11-10T09:00:00+08:00') + (i % 20) * DAY);
        const recurrence =
          i % 6 === 5
            ? { type: 'block', days: 3 }
            : i % 6 === 4
              ? { type: 'dates', dates: ['2027-03-01', '2027-06-01'] }
              : { type: 'rrule', rrule: rules[i % 3] };
        addPlan(
          station.db,
          {
            kind: i % 6 === 5 ? 'winter-spring' : 'collective',
            title: `计划 ${i}`,
            start,
            durationMinutes: 90,
            recurrence,
            by: 'bench',
          },
          clock.now(),
        );
      }
      const plans = listPlans(station.db);
      const window = {
        from: new Date('2027-01-01T00:00:00+08:00'),
        to: new Date('2028-01-01T00:00:00+08:00'),
      };
      const expand = await timed(() => expandPlans(plans, window, 'Asia/Shanghai'), runs);
      const busy = await timed(() => station.handlers.getHome({}), runs * 4);
      const runner = () =>
        new JobRunner({
          db: station.db,
          clock,
          dataDir: dir,
          timeZone: () => 'Asia/Shanghai',
          jobs: SCHEDULE_JOBS,
        });
      await runner().catchUp();
      const catchUp = await timed(async () => {
        clock.advance(40 * DAY);
        await runner().catchUp();
      }, runs);
      await station.close();
      return [
        {
          name: `expand ${PLANS} plans over a year`,
          figure: expand,
          reference: null,
          unit: 'ms',
          goal: { max: 250 },
        },
        {
          name: 'catch-up after 40 days off (scheduling jobs)',
          figure: catchUp,
          reference: null,
          unit: 'ms',
          goal: { max: 1000 },
        },
        {
          name: `getHome with ${PLANS} plans`,
          figure: busy,
          reference: empty,
          referenceLabel: 'getHome, no plans',
          unit: 'ms',
          goal: { max: 100 },
        },
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
