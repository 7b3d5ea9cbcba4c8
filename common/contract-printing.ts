/**
 * Printing from the kiosk through CUPS (issue 8): the printers, the recent sessions to print a
 * sign-in sheet for, and the two print actions. Spread into `contract` in contract.ts.
 */
import { z } from 'zod';
import { Grant, method } from './contract-method.js';

// A CUPS queue name: printable characters except space, / and # (what lpadmin accepts).
const PrinterName = z
  .string()
  .min(1)
  .max(127)
  .regex(/^[^\s/#\\'"]+$/);

/** A CUPS print queue, as `lpstat` reports it (station/printing/cups.ts parses it). */
export interface PrinterView {
  /** The queue's name, what `lp -d` and a technician type. */
  name: string;
  /** The description the technician gave the queue (lpadmin -D), when it differs from its name. */
  description: string | null;
  /** False when the queue is paused (cupsdisable, or CUPS stopped it after a device error). */
  enabled: boolean;
  /** False when the queue refuses new jobs (cupsreject). */
  accepting: boolean;
  /** Why the queue is paused or refusing, as CUPS reports it. */
  reason: string | null;
  isDefault: boolean;
}

export interface PrinterListView {
  printers: PrinterView[];
  defaultPrinter: string | null;
}

/** A recent session to print a sign-in sheet for; times in the station's zone with offset. */
export interface PrintableSessionView {
  id: number;
  kind: string;
  title: string;
  startedAt: string;
  endedAt: string | null;
}

/** A job CUPS accepted. */
export interface PrintJobView {
  printer: string;
  /** CUPS's request id, e.g. `HP_LaserJet-12`. */
  jobId: string;
  /** The job's number (what `lpstat -o` and the CUPS web page show). */
  job: number;
  title: string;
}

/**
 * Where a job CUPS accepted stands, as the organizer needs to know it:
 * - `waiting`: CUPS still has it and the printer is up (printing it, or it is next in line);
 * - `stopped`: CUPS still has it but the printer is paused (out of paper, unplugged, or paused by
 *   hand); it prints once a technician resumes the printer;
 * - `finished`: CUPS no longer has it: printed (or cancelled by a technician);
 * - `gone`: its printer no longer exists, and the job with it.
 */
export interface PrintJobStateView {
  jobId: string;
  state: 'waiting' | 'stopped' | 'finished' | 'gone';
  /** Why the printer is paused, in CUPS's words (state `stopped`). */
  reason: string | null;
}

export const printingMethods = {
  listPrinters: method<PrinterListView>()(z.object({ grant: Grant }).strict()),
  listPrintableSessions: method<PrintableSessionView[]>()(
    z.object({ grant: Grant, limit: z.number().int().min(1).max(50).default(6) }).strict(),
  ),
  printSigninSheet: method<PrintJobView>()(
    z
      .object({
        grant: Grant,
        sessionId: z.number().int().positive(),
        printer: PrinterName.optional(),
      })
      .strict(),
  ),
  getPrintJob: method<PrintJobStateView>()(
    z
      .object({
        grant: Grant,
        printer: PrinterName,
        // CUPS's request id: the queue's name, a dash, the job's number (PrintJobView.jobId).
        jobId: z
          .string()
          .max(140)
          .regex(/^[^\s/#\\'"]+-\d+$/),
      })
      .strict(),
  ),
  printStudyRecord: method<PrintJobView>()(
    z
      .object({
        grant: Grant,
        month: z.string().regex(/^\d{4}-\d{2}$/),
        printer: PrinterName.optional(),
      })
      .strict(),
  ),
};
