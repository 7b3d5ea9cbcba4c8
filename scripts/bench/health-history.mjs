// Storage of the health history: a year of 15-minute snapshots, stored and compacted the way the
// `health-snapshot` job does (raw 7 days → hourly to 90 days → daily), measured with SQLite's
// dbstat (pages of the table and its index). Snapshots start from one real reading of this machine
// with the numbers varied, so the rows are as long as real ones.
import { demoDataDir } from './station.mjs';
import { repoRoot } from '../lib/run.mjs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const STEP_MS = 15 * 60_000;
const DAY = 86_400_000;
const built = (p) => import(pathToFileURL(path.join(repoRoot, 'build', p)).href);

export const healthHistory = {
  id: 'health-history',
  note: () =>
    'health history storage: a year of 15-minute snapshots (the default `health.snapshotMinutes`) ' +
    'stored and compacted as the job does with the default retention (every snapshot 7 days, ' +
    'hourly to 90 days, daily after); bytes are dbstat page sizes of `health_snapshots` and its index. ' +
    '"per month, steady state" is the growth from month 6 to month 12 divided by 6.',
  async run() {
    const { initDataDir } = await built('station/init.js');
    const { systemClock } = await built('station/clock.js');
    const { takeSnapshot } = await built('station/health/snapshot.js');
    const { storeSnapshot, compactHistory } = await built('station/health/history.js');
    const data = demoDataDir();
    const { db } = initDataDir({ dataDir: data.dir, clock: systemClock });
    try {
      const real = await takeSnapshot({ db, dataDir: data.dir, now: new Date() });
      const bytes = () =>
        db
          .prepare(
            "SELECT sum(pgsize) FROM dbstat WHERE name IN ('health_snapshots', 'health_snapshots_by_time')",
          )
          .pluck()
          .get();
      const start = Date.parse('2026-01-01T00:00:00Z');
      const at = {};
      const perDay = DAY / STEP_MS;
      for (let day = 0; day < 365; day++) {
        db.transaction(() => {
          for (let k = 0; k < perDay; k++) {
            const i = day * perDay + k;
            const t = start + i * STEP_MS;
            const items = real.items.map((item) => ({
              ...item,
              value:
                typeof item.value === 'number'
                  ? Math.round(item.value * (1 + ((i * 7919) % 97) / 1000) * 10) / 10
                  : item.value,
            }));
            storeSnapshot(db, { takenAt: new Date(t).toISOString(), items }, 'trusted');
            if ((k + 1) % 4 === 0) compactHistory(db, new Date(t));
          }
        })();
        if (day + 1 === 30 || day + 1 === 180 || day + 1 === 365) at[day + 1] = bytes();
      }
      const kb = (b) => Math.round((b / 1024) * 10) / 10;
      process.stdout.write(
        `health-history: day 30 ${kb(at[30])} KB, day 180 ${kb(at[180])} KB, day 365 ${kb(at[365])} KB\n`,
      );
      return [
        {
          name: 'health history, first month',
          figure: kb(at[30]),
          reference: null,
          unit: 'KB',
          goal: { max: 3072 },
        },
        {
          name: 'health history, one year',
          figure: kb(at[365]),
          reference: null,
          unit: 'KB',
          goal: { max: 5120 },
        },
        {
          name: 'health history per month, steady state',
          figure: kb((at[365] - at[180]) / 6),
          reference: null,
          unit: 'KB',
          goal: { max: 1024 },
        },
      ];
    } finally {
      db.close();
      data.cleanup();
    }
  },
};
