import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import type {
  Contract,
  HomeView,
  MethodName,
  MethodOutput,
  TechnicianStatus,
} from '../../common/contract.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { schemaVersion } from '../db/migrate.js';
import { checkStationPin, setPin } from '../auth/pins.js';
import type { GrantBook } from '../auth/grants.js';
import { StationFailure } from '../errors.js';
import { readSettings, writeSetting } from '../settings/store.js';
import { zonedParts, isoWithOffset } from '../domain/zoned-time.js';
import { countActiveMembers, listActiveMembers } from '../members/repository.js';
import { listVerifiedCourses } from '../content/courses.js';
import { createContentHandlers } from './handlers-content.js';
import { dataVolumeGrade, networkGrade } from '../health/quick-status.js';
import { appVersion, DB_FILE } from '../paths.js';
import { createEquipmentHandlers } from './handlers-equipment.js';
import { createReportsHandlers } from './handlers-reports.js';
import { createPlayerHandlers } from './handlers-player.js';
import { createHealthHandlers } from './handlers-health.js';
import { createConsoleHandlers } from './handlers-console.js';
import { worse } from '../domain/health-grading.js';
import { clockStatus } from '../time/trusted-time.js';
import { createCheckinHandlers } from './handlers-checkin.js';
import { scheduleHome } from '../schedule/home.js';
import { createScheduleHandlers } from './handlers-schedule.js';
import { createExportHandlers } from './handlers-exports.js';
import { createUsbHandlers } from './handlers-usb.js';
import { createPrintingHandlers } from './handlers-printing.js';

/** What every handler may use: the station's resources, built once in the composition root. */
export interface HandlerContext {
  db: Db;
  clock: Clock;
  grants: GrantBook;
  dataDir: string;
  contentDir: string;
  startedAt: Date;
}

/** Handlers receive arguments already validated (and defaulted) by the contract's schema. */
export type Handlers = {
  [M in MethodName]: (
    input: z.output<Contract[M]['input']>,
  ) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export function createHandlers(ctx: HandlerContext): Handlers {
  const { db, clock, grants } = ctx;

  const home = (): HomeView => {
    const s = readSettings(db);
    const now = clock.now();
    const p = zonedParts(now, s.timeZone);
    return {
      setupRequired: !s['setup.completed'],
      village: s.village,
      county: s.county,
      terminalName: s['terminal.name'],
      terminalId: s['terminal.id'],
      timeZone: s.timeZone,
      language: s.language,
      now: isoWithOffset(now, s.timeZone),
      today: { year: p.year, month: p.month, day: p.day, weekday: p.weekday },
      ...scheduleHome(db, now),
      // An untrusted clock stamps every record wrong: worth a call to the technician.
      status: {
        network: networkGrade(),
        health: worse(dataVolumeGrade(ctx.dataDir), clockStatus(db, now).trusted ? 'ok' : 'warn'),
      },
    };
  };

  return {
    getHome: () => home(),

    setLanguage: ({ language }) => {
      writeSetting(db, 'language', language, clock.now());
    },

    completeSetup: (input) => {
      const s = readSettings(db);
      if (s['setup.completed']) throw new StationFailure('SETUP_DONE', 'setupDone');
      const now = clock.now();
      db.transaction(() => {
        writeSetting(db, 'village', input.village, now);
        writeSetting(db, 'county', input.county, now);
        writeSetting(db, 'terminal.name', input.terminalName, now);
        setPin(db, 'organizer', input.organizerPin, now);
        setPin(db, 'technician', input.technicianPin, now);
        writeSetting(db, 'setup.completed', true, now);
      })();
      return home();
    },

    unlock: ({ role, pin }) => {
      checkStationPin(db, role, pin, clock.now());
      const s = readSettings(db);
      const { grant, expiresAt } = grants.issue(role, s['pin.grantMinutes']);
      return { role, grant, expiresAt: isoWithOffset(expiresAt, s.timeZone) };
    },

    lock: ({ grant }) => {
      grants.revoke(grant);
    },

    getOrganizerOverview: ({ grant }) => {
      grants.require(grant, 'organizer');
      const members = listActiveMembers(db).map((m) => ({ id: m.id, name: m.name, role: m.role }));
      return { village: readSettings(db).village, memberCount: members.length, members };
    },

    getTechnicianStatus: ({ grant }): TechnicianStatus => {
      grants.require(grant, 'technician');
      const integrity = (db.pragma('quick_check', { simple: true }) as string) ?? 'unknown';
      const dbFile = path.join(ctx.dataDir, DB_FILE);
      const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
      return {
        appVersion: appVersion(),
        schemaVersion: schemaVersion(db),
        integrity,
        terminalId: readSettings(db)['terminal.id'],
        dataDir: ctx.dataDir,
        databaseBytes: size(dbFile) + size(`${dbFile}-wal`),
        nodeVersion: process.versions.node,
        platform: `${os.type()} ${os.release()} ${os.arch()}`,
        uptimeSeconds: Math.round((clock.now().getTime() - ctx.startedAt.getTime()) / 1000),
        memberCount: countActiveMembers(db),
        courseCount: listVerifiedCourses(db).length,
      };
    },

    listCourses: () => listVerifiedCourses(db),

    ...createEquipmentHandlers(ctx),
    ...createReportsHandlers(ctx),
    ...createPlayerHandlers(ctx),
    ...createHealthHandlers(ctx),
    ...createConsoleHandlers(ctx),
    ...createCheckinHandlers(ctx),
    ...createScheduleHandlers(ctx),
    ...createExportHandlers(ctx),
    ...createContentHandlers(ctx),
    ...createUsbHandlers(ctx),
    ...createPrintingHandlers(ctx),
  };
}
