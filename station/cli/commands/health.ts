import { execFileSync } from 'node:child_process';
import type { HealthReport } from '../../../common/contract-health.js';
import { systemClock } from '../../clock.js';
import type { Db } from '../../db/open.js';
import { isoWithOffset, parseIsoWithOffset } from '../../domain/zoned-time.js';
import { StationFailure } from '../../errors.js';
import type { Translate } from '../../i18n/index.js';
import { clockView, describeItem, selfTestView } from '../../health/describe.js';
import { runSelfTest } from '../../health/selftest.js';
import { takeSnapshot } from '../../health/snapshot.js';
import { readSettings } from '../../settings/store.js';
import {
  applyCorrection,
  clockStatus,
  createStationClock,
  learnFromNtp,
  setTimeFromUrl,
  type TimeCorrection,
} from '../../time/trusted-time.js';
import { parseCommand, UsageError, type CommandContext } from '../context.js';
import { withStation } from '../station-db.js';
import { formatTable } from './members.js';

/** withStation, with the station's own clock (the system clock plus its stored correction). */
function withStationClock<T>(
  dataFlag: string | undefined,
  env: NodeJS.ProcessEnv,
  fn: (db: Db, dataDir: string, clock: ReturnType<typeof createStationClock>) => Promise<T>,
): Promise<T> {
  return withStation(dataFlag, env, (db, dataDir, clock) =>
    fn(db, dataDir, createStationClock(db, clock)),
  );
}

const localMinute = (iso: string, tz: string) =>
  isoWithOffset(new Date(iso), tz).slice(0, 16).replace('T', ' ');

/** `station health [--json]`: every graded item and whether the clock can be trusted. */
export async function healthCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values } = parseCommand(args, {});
  return withStationClock(values.data, io.env, async (db, dataDir, clock) => {
    await learnFromNtp(db).catch(() => false);
    const now = clock.now();
    const snapshot = await takeSnapshot({ db, dataDir, now });
    const tz = readSettings(db).timeZone;
    const report: HealthReport = {
      takenAt: snapshot.takenAt,
      items: snapshot.items,
      clock: clockView(t, clockStatus(db, clock.now()), tz),
    };
    if (values.json) {
      io.stdout(JSON.stringify(report));
      return 0;
    }
    io.stdout(t('health.table.title', { at: localMinute(report.takenAt, tz) }));
    const rows = report.items.map((i) => [
      t(`health.item.${i.id}`),
      t(`health.table.${i.grade}`),
      describeItem(t, i, now, tz),
    ]);
    for (const line of formatTable(
      [t('health.table.item'), t('health.table.grade'), t('health.table.value')],
      rows,
    )) {
      io.stdout(line);
    }
    io.stdout('');
    io.stdout(clockLine(t, report.clock));
    return 0;
  });
}

function clockLine(t: Translate, c: HealthReport['clock']): string {
  return t('health.clock.status', {
    state: t(c.trusted ? 'health.clock.trusted' : 'health.clock.untrusted'),
    reason: c.text,
  });
}

/** `station selftest [--json]`: runs every step, stores the run, prints what to do on failure. */
export async function selftestCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values } = parseCommand(args, {});
  return withStationClock(values.data, io.env, async (db, dataDir, clock) => {
    const run = selfTestView(
      t,
      await runSelfTest({ db, dataDir, now: () => clock.now(), runBy: 'cli' }),
    );
    if (values.json) {
      io.stdout(JSON.stringify(run));
    } else {
      const tz = readSettings(db).timeZone;
      io.stdout(
        t('health.selftest.title', {
          at: localMinute(run.startedAt, tz),
          overall: t(`health.selftest.overall.${run.overall}`),
        }),
      );
      for (const s of run.steps) {
        io.stdout(`[${t(`health.selftest.result.${s.result}`)}] ${s.label}：${s.text}`);
        if (s.advice) io.stdout(`    → ${s.advice}`);
      }
    }
    return run.overall === 'fail' ? 1 : 0;
  });
}

/**
 * `station time status [--json]`, `station time set --from-url URL [--system-clock]` and
 * `station time set --at ISO`. The correction is an offset the station applies to its own clock;
 * `--system-clock` also runs `date -s`, only as root (see station/time/trusted-time.ts for why).
 */
export async function timeCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    {
      'from-url': { type: 'string' },
      at: { type: 'string' },
      'system-clock': { type: 'boolean', default: false },
    },
    1,
  );
  const action = positionals[0];
  if (action !== 'status' && action !== 'set') {
    throw new UsageError('cli.unknownCommand', { command: `time ${action ?? ''}`.trim() });
  }
  if (action === 'set' && !values['from-url'] === !values.at) {
    throw new UsageError('cli.missingArg', { name: '--from-url URL | --at TIME' });
  }
  return withStationClock(values.data, io.env, async (db, _dataDir, clock) => {
    const tz = readSettings(db).timeZone;
    if (action === 'status') {
      const view = clockView(t, clockStatus(db, clock.now()), tz);
      io.stdout(values.json ? JSON.stringify(view) : clockLine(t, view));
      return 0;
    }
    if (values['system-clock'] && process.getuid?.() !== 0) {
      throw new StationFailure('BAD_REQUEST', 'systemClockNeedsRoot');
    }
    let correction: TimeCorrection;
    if (values['from-url']) {
      correction = await setTimeFromUrl(db, values['from-url']);
    } else {
      const at = parseIsoWithOffset(values.at ?? '');
      if (!at) throw new StationFailure('BAD_REQUEST', 'badTime', { value: values.at ?? '' });
      correction = applyCorrection(db, at, 'technician-manual', systemClock.now());
    }
    let systemSet = false;
    if (values['system-clock']) {
      const good = new Date(Date.parse(correction.goodAt));
      execFileSync('date', ['-s', `@${Math.round(good.getTime() / 1000)}`], { stdio: 'ignore' });
      // The OS clock is right now, so the station stops adding an offset.
      correction = applyCorrection(
        db,
        good,
        correction.source === 'technician-url' ? 'technician-url' : 'technician-manual',
        systemClock.now(),
      );
      systemSet = true;
    }
    clock.refresh();
    const view = clockView(t, clockStatus(db, clock.now()), tz);
    if (values.json) {
      io.stdout(JSON.stringify({ ...correction, systemClockSet: systemSet, clock: view }));
      return 0;
    }
    const params = {
      now: isoWithOffset(clock.now(), tz).slice(0, 19).replace('T', ' '),
      seconds: Math.abs(Math.round(correction.offsetMs / 1000)),
      direction: t(correction.offsetMs >= 0 ? 'health.clock.ahead' : 'health.clock.behind'),
      url: values['from-url'] ?? '',
    };
    io.stdout(
      t(values['from-url'] ? 'health.clock.corrected' : 'health.clock.correctedManual', params),
    );
    if (systemSet) io.stdout(t('health.clock.systemClockSet'));
    io.stdout(clockLine(t, view));
    return 0;
  });
}
