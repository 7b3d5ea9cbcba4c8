import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HealthItem } from '../../common/contract-health.js';
import { HEALTH_ITEM_IDS } from '../../common/contract-health.js';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { fixedClock } from '../clock.js';
import type { Db } from '../db/open.js';
import { foldRows } from '../domain/health-history.js';
import { initDataDir } from '../init.js';
import { writeSetting } from '../settings/store.js';
import type { SystemProbe } from './probe.js';
import {
  compactHistory,
  everyMinutes,
  healthSnapshotJob,
  latestProblems,
  readHistory,
  storeSnapshot,
} from './history.js';

const START = Date.parse('2026-10-01T00:00:00Z');
const MIN = 60_000;

let tmp: ReturnType<typeof makeTempDir>;
let db: Db;
beforeEach(() => {
  tmp = makeTempDir();
  db = initDataDir({ dataDir: tmp.dir, clock: fixedClock(new Date(START)) }).db;
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

/** A realistic snapshot: every item, numbers that wander, a disk that fills up slowly. */
function syntheticSnapshot(at: number, i: number): { takenAt: string; items: HealthItem[] } {
  const values: Record<string, string | number | null> = {
    cpu: Math.round(((i * 37) % 600) / 10) / 1,
    memory: 40 + ((i * 13) % 300) / 10,
    'disk-data': 80e9 - i * 1e6,
    'disk-cache': 80e9 - i * 1e6,
    temperature: 45 + (i % 20),
    uptime: (i % 96) * 900,
    display: 1,
    audio: 1,
    network: 1,
    hub: i % 50 === 0 ? 'unreachable' : 'reachable',
    os: 'Debian GNU/Linux 12',
    app: '0.1.0',
    database: 2_000_000 + i * 100,
    content: 42,
    'last-sync': new Date(at - (i % 96) * 900_000).toISOString(),
    'last-upload': new Date(at - (i % 96) * 900_000).toISOString(),
  };
  return {
    takenAt: new Date(at).toISOString(),
    items: HEALTH_ITEM_IDS.map((id) => ({
      id,
      value: values[id] ?? null,
      grade: id === 'hub' && values[id] === 'unreachable' ? 'fail' : 'ok',
    })),
  };
}

function historyBytes(): number {
  return db
    .prepare(
      "SELECT sum(pgsize) FROM dbstat WHERE name IN ('health_snapshots', 'health_snapshots_by_time')",
    )
    .pluck()
    .get() as number;
}

describe('health history', () => {
  it('keeps every snapshot for 7 days, one per hour before that, and a month stays well under 1 MB', () => {
    const step = 15 * MIN;
    const days = 30;
    // One transaction only to spare the test 2880 fsyncs; the job commits each snapshot.
    db.transaction(() => {
      for (let i = 0; i < (days * 86_400_000) / step; i++) {
        const at = START + i * step;
        storeSnapshot(db, syntheticSnapshot(at, i), 'trusted');
        if ((i + 1) % 4 === 0) compactHistory(db, new Date(at));
      }
    })();
    const now = new Date(START + days * 86_400_000);
    compactHistory(db, now);
    const rows = readHistory(db);
    const raw = rows.filter((r) => r.resolution === 'raw');
    const hourly = rows.filter((r) => r.resolution === 'hour');
    expect(raw).toHaveLength(7 * 96);
    expect(hourly).toHaveLength(23 * 24);
    expect(rows.filter((r) => r.resolution === 'day')).toHaveLength(0);
    expect(hourly.every((r) => r.samples === 4)).toBe(true);
    // The failed hub reading inside an hour is what the hour keeps.
    const failedHour = hourly.find((r) =>
      r.items.some(([id, , g]) => id === 'hub' && g === 'fail'),
    );
    expect(failedHour?.items.find(([id]) => id === 'hub')).toEqual(['hub', 'unreachable', 'fail']);
    expect(historyBytes()).toBeLessThan(1024 ** 2);
  });

  it('folds hours into days after 90 days and drops days after the retention', () => {
    writeSetting(db, 'health.history.dailyDays', 100, new Date(START));
    db.transaction(() => {
      for (let d = 0; d < 120; d++) {
        for (let h = 0; h < 24; h += 6) {
          const at = START + d * 86_400_000 + h * 3_600_000;
          storeSnapshot(db, syntheticSnapshot(at, d * 24 + h), d === 5 ? 'untrusted' : 'trusted');
        }
      }
    })();
    compactHistory(db, new Date(START + 120 * 86_400_000));
    const rows = readHistory(db);
    const daily = rows.filter((r) => r.resolution === 'day');
    // Days 20..29 are kept as days (older than 90 days, younger than 100); 0..19 dropped.
    expect(daily.length).toBeGreaterThanOrEqual(10);
    expect(daily.length).toBeLessThanOrEqual(11);
    expect(rows[0]!.takenAt >= new Date(START + 19 * 86_400_000).toISOString()).toBe(true);
    expect(daily.every((r) => r.samples >= 1)).toBe(true);
    // Compacting again changes nothing.
    const before = JSON.stringify(readHistory(db));
    compactHistory(db, new Date(START + 120 * 86_400_000));
    expect(JSON.stringify(readHistory(db))).toBe(before);
  });

  it('folding keeps the worst grade per item and remembers an untrusted clock', () => {
    const folded = foldRows(
      [
        {
          takenAt: 'a',
          samples: 1,
          items: [
            ['cpu', 10, 'ok'],
            ['disk-data', 5, 'warn'],
          ],
          timeQuality: 'trusted',
        },
        {
          takenAt: 'b',
          samples: 2,
          items: [
            ['cpu', 99, 'fail'],
            ['disk-data', 9, 'ok'],
          ],
          timeQuality: 'untrusted',
        },
        {
          takenAt: 'c',
          samples: 1,
          items: [
            ['cpu', 12, 'ok'],
            ['disk-data', 4, 'warn'],
          ],
          timeQuality: 'trusted',
        },
      ],
      'bucket',
    );
    expect(folded).toEqual({
      takenAt: 'bucket',
      samples: 4,
      items: [
        ['cpu', 99, 'fail'],
        ['disk-data', 4, 'warn'],
      ],
      timeQuality: 'untrusted',
    });
  });
});

describe('the health-snapshot job', () => {
  const quietProbe: SystemProbe = {
    currentLoad: async () => ({ currentLoad: 5 }),
    mem: async () => ({ total: 100, available: 50 }),
    fsSize: async () => [{ mount: '/', size: 100e9, available: 50e9, fs: 'x' }],
    cpuTemperature: async () => ({ main: null, max: null }),
    uptime: async () => 10,
    graphics: async () => ({ displays: [] }),
    audio: async () => [],
    networkInterfaces: async () => [],
    osInfo: async () => ({ distro: 'd', release: '1', kernel: 'k', arch: 'a' }),
  };

  it('runs on the interval setting and stores a snapshot with the time quality', async () => {
    expect(healthSnapshotJob(db).schedule).toBe('*/15 * * * *');
    writeSetting(db, 'health.snapshotMinutes', 30, new Date(START));
    const job = healthSnapshotJob(db, quietProbe);
    expect(job).toMatchObject({ id: 'health-snapshot', schedule: '*/30 * * * *' });
    expect(everyMinutes(60)).toBe('0 * * * *');
    const clock = fixedClock('2026-11-26T08:00:00Z');
    await job.run({ db, clock, dataDir: tmp.dir, due: clock.now() });
    clock.set('2000-01-01T00:00:00Z');
    await job.run({ db, clock, dataDir: tmp.dir, due: clock.now() });
    const rows = readHistory(db);
    expect(rows.map((r) => [r.takenAt, r.timeQuality])).toEqual([
      ['2000-01-01T00:00:00.000Z', 'untrusted'],
      ['2026-11-26T08:00:00.000Z', 'trusted'],
    ]);
    expect(rows[1]!.items.find(([id]) => id === 'network')).toEqual(['network', 0, 'fail']);
  });
});

describe('latestProblems', () => {
  it('lists the newest warn or fail of each item in the window, not older or healthy ones', () => {
    const snap = (minutes: number, grades: Record<string, HealthItem['grade']>) =>
      storeSnapshot(
        db,
        {
          takenAt: new Date(START + minutes * MIN).toISOString(),
          items: HEALTH_ITEM_IDS.map((id) => ({ id, value: null, grade: grades[id] ?? 'ok' })),
        } as Parameters<typeof storeSnapshot>[1],
        'trusted',
      );
    snap(0, { hub: 'fail' }); // before the window
    snap(10, { hub: 'warn', temperature: 'fail' });
    snap(20, { hub: 'fail' });
    snap(30, {}); // all well: not a problem
    expect(latestProblems(db, new Date(START + 5 * MIN))).toEqual([
      { at: new Date(START + 20 * MIN).toISOString(), id: 'hub', grade: 'fail' },
      { at: new Date(START + 10 * MIN).toISOString(), id: 'temperature', grade: 'fail' },
    ]);
  });
});
