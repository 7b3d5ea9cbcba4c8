import type { printingMethods } from '../../common/contract-printing.js';
import { translator } from '../i18n/index.js';
import { getSetting } from '../settings/store.js';
import { listPrinters, printJobState } from '../printing/cups.js';
import {
  printableSessions,
  printSigninSheet,
  printStudyRecord,
} from '../printing/print-documents.js';
import type { HandlerContext, Handlers } from './handlers.js';

/**
 * The organizer's printing. The same CUPS path serves `station serve` and the Electron shell:
 * the PDF comes from the station's own Chromium and goes to `lp`, so nothing here depends on
 * the window that shows the kiosk. CUPS_SERVER is read from the service's environment.
 */
export function createPrintingHandlers(
  ctx: HandlerContext,
): Pick<Handlers, keyof typeof printingMethods> {
  const { db, clock, grants } = ctx;
  const t = () => translator(getSetting(db, 'language'));
  return {
    listPrinters: ({ grant }) => {
      grants.require(grant, 'organizer');
      return listPrinters();
    },
    listPrintableSessions: ({ grant, limit }) => {
      grants.require(grant, 'organizer');
      return printableSessions(db, limit);
    },
    printSigninSheet: ({ grant, sessionId, printer }) => {
      grants.require(grant, 'organizer');
      return printSigninSheet(db, sessionId, t(), clock.now(), { printer });
    },
    getPrintJob: ({ grant, printer, jobId }) => {
      grants.require(grant, 'organizer');
      return printJobState(printer, jobId);
    },
    printStudyRecord: ({ grant, month, printer }) => {
      grants.require(grant, 'organizer');
      return printStudyRecord(db, month, t(), clock.now(), { printer });
    },
  };
}
