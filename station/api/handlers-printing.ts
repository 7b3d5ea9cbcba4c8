import type { PrinterListView, PrintJobView } from '../../common/contract-printing.js';
import { translator } from '../i18n/index.js';
import { getSetting } from '../settings/store.js';
import { listPrinters } from '../printing/cups.js';
import {
  printSigninSheet,
  printStudyRecord,
  recentSessions,
  type PrintableSession,
} from '../printing/print-documents.js';
import type { HandlerContext } from './handlers.js';

/**
 * The organizer's printing. The same CUPS path serves `station serve` and the Electron shell:
 * the PDF comes from the station's own Chromium and goes to `lp`, so nothing here depends on
 * the window that shows the kiosk. CUPS_SERVER is read from the service's environment.
 */
export function createPrintingHandlers(ctx: HandlerContext, env: NodeJS.ProcessEnv = process.env) {
  const { db, clock, grants } = ctx;
  const t = () => translator(getSetting(db, 'language'));
  return {
    listPrinters: async ({ grant }: { grant: string }): Promise<PrinterListView> => {
      grants.require(grant, 'organizer');
      return listPrinters(env);
    },
    listPrintableSessions: ({
      grant,
      limit,
    }: {
      grant: string;
      limit: number;
    }): PrintableSession[] => {
      grants.require(grant, 'organizer');
      return recentSessions(db, limit);
    },
    printSigninSheet: (input: {
      grant: string;
      sessionId: number;
      printer?: string | undefined;
    }): Promise<PrintJobView> => {
      grants.require(input.grant, 'organizer');
      return printSigninSheet(db, input.sessionId, t(), clock.now(), {
        printer: input.printer,
        env,
      });
    },
    printStudyRecord: (input: {
      grant: string;
      month: string;
      printer?: string | undefined;
    }): Promise<PrintJobView> => {
      grants.require(input.grant, 'organizer');
      return printStudyRecord(db, input.month, t(), clock.now(), { printer: input.printer, env });
    },
  };
}
