import crypto from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ExportJobView, ExportTarget } from '../../common/contract-exports.js';
import { StationFailure, toErrorBody } from '../errors.js';
import { translator } from '../i18n/index.js';
import { DB_FILE } from '../paths.js';
import { readSettings } from '../settings/store.js';
import { countAttendanceRows } from '../exports/attendance-rows.js';
import { dayRange, exportAttendance } from '../exports/attendance-export.js';
import { listExportTargets } from '../exports/usb-targets.js';
import type { HandlerContext } from './handlers.js';

/**
 * The organizer's exports to a USB stick. An export runs in the background on its own read-only
 * connection (a long SQLite cursor on the service's connection would block every other call),
 * and the kiosk polls getExportJob for the progress bar.
 */
export function createExportHandlers(
  ctx: HandlerContext,
  opts: { listTargets?: () => ExportTarget[] } = {},
) {
  const { db, clock, grants } = ctx;
  const listTargets = opts.listTargets ?? (() => listExportTargets());
  const jobs = new Map<string, ExportJobView>();

  return {
    listExportTargets: ({ grant }: { grant: string }): ExportTarget[] => {
      grants.require(grant, 'organizer');
      return listTargets();
    },
    startAttendanceExport: (input: {
      grant: string;
      format: 'csv' | 'xlsx';
      from: string;
      to: string;
      target: string;
    }): ExportJobView => {
      grants.require(input.grant, 'organizer');
      const target = listTargets().find((t) => t.path === path.resolve(input.target));
      if (!target) throw new StationFailure('NOT_FOUND', 'fileNotFound', { file: input.target });
      const s = readSettings(db);
      const range = dayRange(input.from, input.to, s.timeZone); // bad ranges fail right here
      const t = translator(s.language);
      const file = path.join(
        target.path,
        `${t('exports.sheetName')}-${input.from}-${input.to}.${input.format}`,
      );
      const job: ExportJobView = {
        id: crypto.randomUUID(),
        state: 'running',
        rows: 0,
        total: countAttendanceRows(db, range),
        file,
        error: null,
      };
      jobs.set(job.id, job);
      const reader = new Database(path.join(ctx.dataDir, DB_FILE), { readonly: true });
      void exportAttendance(
        reader,
        { from: input.from, to: input.to, format: input.format, out: file },
        t,
        clock.now(),
        (rows) => (job.rows = rows),
      )
        .then((r) => {
          job.rows = r.rows;
          job.state = 'done';
        })
        .catch((err: unknown) => {
          job.state = 'failed';
          job.error = toErrorBody(err, t).message;
        })
        .finally(() => reader.close());
      return { ...job };
    },
    getExportJob: ({ grant, id }: { grant: string; id: string }): ExportJobView => {
      grants.require(grant, 'organizer');
      const job = jobs.get(id);
      if (!job) throw new StationFailure('NOT_FOUND', 'fileNotFound', { file: id });
      return { ...job };
    },
  };
}
