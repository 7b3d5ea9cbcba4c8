/**
 * The technician console's methods (issue 7). All need the technician's grant: they show the
 * terminal's internals and change its hub address and clock.
 */
import type { ClockView, HealthConsoleView, RecentProblem } from '../../common/contract-health.js';
import type { Grade } from '../../common/contract.js';
import type { Clock } from '../clock.js';
import { StationFailure } from '../errors.js';
import { clockView, itemView, selfTestView } from '../health/describe.js';
import type { SystemProbe } from '../health/probe.js';
import { lastSelfTest, runSelfTest } from '../health/selftest.js';
import { folderUsage, healthMark, takeSnapshot } from '../health/snapshot.js';
import { translator } from '../i18n/index.js';
import { readSettings, writeSetting } from '../settings/store.js';
import { applyCorrection, clockStatus, setTimeFromUrl } from '../time/trusted-time.js';
import { CONTENT_DIR } from '../paths.js';
import { parseLocalStart } from '../schedule/expand.js';
import path from 'node:path';
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
      throw new StationFailure('BAD_REQUEST', 'badTime', { value: local });
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

  const recentProblems = (now: Date): RecentProblem[] => {
    const tr = t();
    const since = new Date(now.getTime() - PROBLEM_WINDOW_DAYS * 86_400_000).toISOString();
    const rows = db
      .prepare(
        `SELECT taken_at, items FROM health_snapshots
         WHERE taken_at >= ? AND worst IN ('warn', 'fail') ORDER BY taken_at DESC LIMIT 500`,
      )
      .all(since) as { taken_at: string; items: string }[];
    const latest = new Map<string, RecentProblem>();
    for (const row of rows) {
      for (const [id, , grade] of JSON.parse(row.items) as [string, unknown, Grade][]) {
        if ((grade === 'warn' || grade === 'fail') && !latest.has(id)) {
          latest.set(id, {
            at: row.taken_at,
            source: id,
            text: `${tr(`health.item.${id}`)}：${tr(`health.table.${grade}`)}`,
          });
        }
      }
    }
    const run = lastSelfTest(db);
    const fromSelfTest: RecentProblem[] = run
      ? selfTestView(tr, run)
          .steps.filter((s) => s.result === 'fail')
          .map((s) => ({
            at: run.finishedAt,
            source: `selftest:${s.id}`,
            text: `${s.label}：${s.text}`,
          }))
      : [];
    return [...fromSelfTest, ...latest.values()].sort((a, b) => b.at.localeCompare(a.at));
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
    const content = folderUsage(path.join(ctx.dataDir, CONTENT_DIR));
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
        files: content?.files ?? null,
        bytes: content?.bytes ?? null,
        lastSync: healthMark(db, 'last-sync')?.toISOString() ?? null,
      },
      upload: { lastUpload: healthMark(db, 'last-upload')?.toISOString() ?? null },
      lastSelfTest: run ? selfTestView(tr, run) : null,
      recentProblems: recentProblems(now),
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
