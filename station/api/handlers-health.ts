/**
 * The technician console's methods (issue 7). All need the technician's grant: they show the
 * terminal's internals and change its hub address and clock.
 */
import type {
  ClockView,
  HealthConsoleView,
  RecentProblem,
  SelfTestRun,
} from '../../common/contract-health.js';
import type { Clock } from '../clock.js';
import { StationFailure } from '../errors.js';
import { clockView, itemView, selfTestView } from '../health/describe.js';
import type { SystemProbe } from '../health/probe.js';
import { latestProblems } from '../health/history.js';
import { lastSelfTest, runSelfTest } from '../health/selftest.js';
import { healthMark, takeSnapshot } from '../health/snapshot.js';
import { translator, type Translate } from '../i18n/index.js';
import { readSettings, writeSetting } from '../settings/store.js';
import { applyCorrection, clockStatus, setTimeFromUrl } from '../time/trusted-time.js';
import { parseLocalStart } from '../schedule/expand.js';
import type { HandlerContext, Handlers } from './handlers.js';

type HealthHandlers = Pick<
  Handlers,
  'getHealthConsole' | 'runSelfTest' | 'setHubUrl' | 'correctTimeFromHub' | 'setTimeManually'
>;

/** The clock without the station's correction: what a new correction is measured against. */
function rawClock(clock: Clock): Clock {
  return 'base' in clock ? (clock as { base: Clock }).base : clock;
}

/**
 * The technician's 'YYYY-MM-DD HH:mm' in the station's zone, through the schedule's parser of
 * local times (which refuses 30 February or a minute a DST change skips instead of rolling it
 * over); a malformed time reads as a bad time, not as a bad plan start.
 */
function wallClockInZone(local: string, timeZone: string): Date {
  try {
    return parseLocalStart(local.replace(' ', 'T'), timeZone);
  } catch (err) {
    if (err instanceof StationFailure && err.key === 'startInvalid') {
      throw new StationFailure('BAD_REQUEST', 'badLocalTime', { value: local });
    }
    throw err;
  }
}

const PROBLEM_WINDOW_DAYS = 7;

export function createHealthHandlers(
  ctx: HandlerContext,
  opts: { probe?: SystemProbe } = {},
): HealthHandlers {
  const { db, clock, grants } = ctx;
  const t = () => translator(readSettings(db).language);

  const recentProblems = (
    now: Date,
    tr: Translate,
    selfTest: SelfTestRun | null,
  ): RecentProblem[] => {
    const since = new Date(now.getTime() - PROBLEM_WINDOW_DAYS * 86_400_000);
    const fromSnapshots: RecentProblem[] = latestProblems(db, since).map((p) => ({
      at: p.at,
      source: p.id,
      text: `${tr(`health.item.${p.id}`)}：${tr(`health.table.${p.grade}`)}`,
    }));
    const fromSelfTest: RecentProblem[] = selfTest
      ? selfTest.steps
          .filter((s) => s.result === 'fail')
          .map((s) => ({
            at: selfTest.finishedAt,
            source: `selftest:${s.id}`,
            text: `${s.label}：${s.text}`,
          }))
      : [];
    return [...fromSelfTest, ...fromSnapshots].sort((a, b) => b.at.localeCompare(a.at));
  };

  const consoleView = async (): Promise<HealthConsoleView> => {
    const s = readSettings(db);
    const tr = t();
    const now = clock.now();
    const snapshot = await takeSnapshot({
      db,
      dataDir: ctx.dataDir,
      now,
      ...(opts.probe ? { probe: opts.probe } : {}),
    });
    const run = lastSelfTest(db);
    const selfTest = run ? selfTestView(tr, run) : null;
    // The snapshot has just counted the course files: the panel shows its figures.
    const content = snapshot.items.find((i) => i.id === 'content');
    const files = typeof content?.value === 'number' ? content.value : null;
    return {
      takenAt: snapshot.takenAt,
      terminal: {
        id: s['terminal.id'],
        name: s['terminal.name'],
        village: s.village,
        dataDir: ctx.dataDir,
        timeZone: s.timeZone,
      },
      items: snapshot.items.map((i) => itemView(tr, i, now, s.timeZone)),
      clock: clockView(tr, clockStatus(db, clock.now()), s.timeZone),
      hubUrl: s['hub.url'],
      content: {
        files,
        bytes: files === null ? null : Number(content?.detail?.bytes ?? 0),
        lastSync: healthMark(db, 'last-sync')?.toISOString() ?? null,
      },
      upload: { lastUpload: healthMark(db, 'last-upload')?.toISOString() ?? null },
      lastSelfTest: selfTest,
      recentProblems: recentProblems(now, tr, selfTest),
    };
  };

  return {
    getHealthConsole: async ({ grant }) => {
      grants.require(grant, 'technician');
      return consoleView();
    },

    runSelfTest: async ({ grant }) => {
      grants.require(grant, 'technician');
      const run = await runSelfTest({
        db,
        dataDir: ctx.dataDir,
        now: () => clock.now(),
        runBy: 'console',
        ...(opts.probe ? { probe: opts.probe } : {}),
      });
      return selfTestView(t(), run);
    },

    setHubUrl: async ({ grant, url }) => {
      grants.require(grant, 'technician');
      writeSetting(db, 'hub.url', url, clock.now());
      return consoleView();
    },

    correctTimeFromHub: async ({ grant }): Promise<ClockView> => {
      grants.require(grant, 'technician');
      const url = readSettings(db)['hub.url'];
      if (!url) throw new StationFailure('CONFLICT', 'hubNotConfigured');
      await setTimeFromUrl(db, url, rawClock(clock));
      (clock as { refresh?: () => void }).refresh?.();
      return clockView(t(), clockStatus(db, clock.now()), readSettings(db).timeZone);
    },

    setTimeManually: ({ grant, local }): ClockView => {
      grants.require(grant, 'technician');
      const tz = readSettings(db).timeZone;
      const at = wallClockInZone(local, tz);
      applyCorrection(db, at, 'technician-manual', rawClock(clock).now());
      (clock as { refresh?: () => void }).refresh?.();
      return clockView(t(), clockStatus(db, clock.now()), tz);
    },
  };
}
