import path from 'node:path';
import type { DiagnosticsExport } from '../../common/contract-console.js';
import { buildDiagnostics } from '../diagnostics/bundle.js';
import { writeFileAtomically } from '../exports/atomic-file.js';
import { StationFailure } from '../errors.js';
import { listExportTargets } from '../exports/usb-targets.js';
import type { ExportTarget } from '../../common/contract-exports.js';
import { syncFromUrl } from '../content/sync.js';
import { readSettings } from '../settings/store.js';
import { zonedParts } from '../domain/zoned-time.js';
import type { HandlerContext } from './handlers.js';

/**
 * The technician console's two actions that reach outside the station: the diagnostics bundle
 * onto a USB stick (for a technician who covers dozens of villages), and a course sync now.
 */
export function createConsoleHandlers(
  ctx: HandlerContext,
  opts: { listTargets?: () => ExportTarget[] } = {},
) {
  const { db, clock, grants } = ctx;
  const listTargets = opts.listTargets ?? (() => listExportTargets());
  let syncing: Promise<unknown> | null = null;

  return {
    exportDiagnostics: ({ grant }: { grant: string }): DiagnosticsExport => {
      grants.require(grant, 'technician');
      const target = listTargets()[0];
      if (!target) throw new StationFailure('NOT_FOUND', 'noUsbStick', {});
      const now = clock.now();
      const s = readSettings(db);
      const p = zonedParts(now, s.timeZone);
      const pad = (n: number) => String(n).padStart(2, '0');
      const stamp = `${p.year}${pad(p.month)}${pad(p.day)}-${pad(p.hour)}${pad(p.minute)}`;
      const file = path.join(
        target.path,
        `学习站诊断-${s['terminal.id'].slice(0, 8)}-${stamp}.zip`,
      );
      const bundle = buildDiagnostics(ctx.dataDir, now);
      writeFileAtomically(file, bundle.bytes);
      return { file, entries: bundle.entries.length };
    },

    syncContentNow: ({ grant }: { grant: string }) => {
      grants.require(grant, 'technician');
      const url = readSettings(db)['content.syncUrl'];
      if (!url) throw new StationFailure('BAD_REQUEST', 'contentSyncUrlMissing', {});
      // In the background: the console shows its progress (getContentStatus); a second press
      // while one runs starts nothing new.
      if (!syncing) {
        syncing = syncFromUrl(db, clock, url)
          .catch(() => undefined) // the progress file and the health items report the failure
          .finally(() => (syncing = null));
      }
      return { started: true, url };
    },
  };
}
