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

export interface PrinterView {
  name: string;
  description: string | null;
  enabled: boolean;
  accepting: boolean;
  reason: string | null;
  isDefault: boolean;
}

export interface PrinterListView {
  printers: PrinterView[];
  defaultPrinter: string | null;
}

export interface PrintableSessionView {
  id: number;
  kind: string;
  title: string;
  startedAt: string;
  endedAt: string | null;
}

export interface PrintJobView {
  printer: string;
  jobId: string;
  job: number;
  title: string;
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
