/**
 * The organizer's exports over the StationApi (issue 8): where a file can go (a USB stick), start
 * an attendance export there, and follow its progress. Spread into `contract` in contract.ts.
 */
import { z } from 'zod';
import { Grant, method } from './contract-method.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export interface ExportTarget {
  /** An absolute directory on a removable medium. */
  path: string;
  label: string;
  freeBytes: number | null;
}

export interface ExportJobView {
  id: string;
  state: 'running' | 'done' | 'failed';
  rows: number;
  /** Rows expected in all, for the progress bar. */
  total: number;
  file: string;
  /** A sentence in the station's language when the export failed. */
  error: string | null;
}

export const exportMethods = {
  listExportTargets: method<ExportTarget[]>()(z.object({ grant: Grant }).strict()),
  startAttendanceExport: method<ExportJobView>()(
    z
      .object({
        grant: Grant,
        format: z.enum(['csv', 'xlsx']),
        from: Day,
        to: Day,
        target: z.string().min(1).max(4096),
      })
      .strict(),
  ),
  getExportJob: method<ExportJobView>()(
    z.object({ grant: Grant, id: z.string().min(1).max(64) }).strict(),
  ),
};
