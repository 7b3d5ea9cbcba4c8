import '../styles/printing.css';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type {
  PrintableSessionView,
  PrinterListView,
  PrinterView,
  PrintJobView,
} from '../../../common/contract-printing.js';
import { useStation } from '../api/context.js';
import { useStationQuery } from '../screens/useStationQuery.js';
import { errorSentence } from './ErrorBanner.js';
import { usePolled } from './usePolled.js';

type Status =
  | { state: 'idle' }
  | { state: 'printing'; what: string }
  /** CUPS took the job; it is looked after until `until` (see usePolled below). */
  | { state: 'sent'; job: PrintJobView; until: number }
  | { state: 'failed'; message: string };

/** What the panel says: the status, or, once CUPS took the job, where the job stands. */
type Shown =
  | Exclude<Status, { state: 'sent' }>
  | { state: 'sent' | 'printed' | 'gone'; job: PrintJobView }
  /** CUPS holds the job, its printer paused (out of paper, unplugged…). */
  | { state: 'stopped'; job: PrintJobView; reason: string | null };

/**
 * A sent job is looked after every 2 s for 3 minutes, time for a few pages: "sent" alone would
 * leave an organizer at a printer that stopped for want of paper.
 */
const FOLLOW_EVERY_MS = 2000;
const FOLLOW_FOR_MS = 3 * 60_000;

/** The months an organizer prints a record for: this one and the one before. */
function recentMonths(now = new Date()): string[] {
  const y = now.getFullYear();
  const m = now.getMonth() + 1;
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return [`${y}-${String(m).padStart(2, '0')}`, prev];
}

/** The printer a job goes to unless the organizer picks another: the default, else the first. */
function initialPrinter(list: PrinterListView | null): string | null {
  if (!list || list.printers.length === 0) return null;
  return list.defaultPrinter ?? list.printers[0]!.name;
}

/** The name people know a printer by: what the technician called it, else the queue's name. */
const printerLabel = (p: PrinterView) => p.description ?? p.name;

/**
 * A queue that will not print as it stands (paused, or refusing jobs), said beside its name so
 * the organizer picks another before pressing print: the station sends nothing to either.
 */
function printerState(t: TFunction, p: PrinterView): string {
  if (!p.accepting) return ` ${t('printing.rejecting')}`;
  if (!p.enabled) return ` ${t('printing.paused')}`;
  return '';
}

/**
 * Printing the sign-in sheet (签到表) of a recent session and the month's study record (学习记录)
 * on the village's printer, through the station's CUPS. With several printers the organizer picks
 * one (the default is preselected); with one there is nothing to pick. Every control is a button:
 * arrows move, Enter prints, Esc leaves the page. The buttons sit in one column at the left so
 * Up and Down walk printers → sheets → records instead of jumping to the header's far corner.
 */
export function PrintPanel({
  grant,
  sessionId,
}: {
  grant: string;
  /**
   * Only this session's sign-in sheet (the check-in screen's end), no monthly records, and
   * nothing at all when CUPS has no printer.
   */
  sessionId?: number;
}) {
  const { t } = useTranslation();
  const { api } = useStation();
  const [printers, reloadPrinters] = useStationQuery(
    () => api.listPrinters({ grant }),
    `printers:${grant}`,
  );
  const [sessions] = useStationQuery(
    () => api.listPrintableSessions({ grant, limit: sessionId ? 50 : 4 }),
    `print-sessions:${grant}:${sessionId ?? ''}`,
  );
  const shownSessions =
    sessions.status !== 'ready'
      ? []
      : sessionId
        ? sessions.value.filter((s) => s.id === sessionId)
        : sessions.value;
  const [picked, setPicked] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ state: 'idle' });

  const list = printers.status === 'ready' ? printers.value : null;
  const printer =
    picked && list?.printers.some((p) => p.name === picked) ? picked : initialPrinter(list);
  const busy = status.state === 'printing';
  const shownName = (name: string) => {
    const p = list?.printers.find((x) => x.name === name);
    return p ? printerLabel(p) : name;
  };

  // Where the sent job stands, asked every 2 s until CUPS no longer holds it or time is up. An
  // answer about an earlier job is not this one's.
  const sent = status.state === 'sent' ? status : null;
  const askJob = useCallback(
    () =>
      sent
        ? api.getPrintJob({ grant, printer: sent.job.printer, jobId: sent.job.jobId })
        : Promise.resolve(null),
    [api, grant, sent],
  );
  const [answer] = usePolled(askJob, (latest) => {
    if (!sent || Date.now() > sent.until) return null;
    const ended = latest?.jobId === sent.job.jobId && ['finished', 'gone'].includes(latest.state);
    return ended ? null : FOLLOW_EVERY_MS;
  });
  const job = sent && answer?.jobId === sent.job.jobId ? answer : null;
  const shown: Shown =
    !sent || !job || job.state === 'waiting'
      ? status
      : job.state === 'stopped'
        ? { state: 'stopped', job: sent.job, reason: job.reason }
        : { state: job.state === 'finished' ? 'printed' : 'gone', job: sent.job };
  // A printer that stopped under the job says so in the picker too.
  const stoppedPrinter = shown.state === 'stopped' ? shown.job.printer : null;
  useEffect(() => {
    if (stoppedPrinter) reloadPrinters();
  }, [stoppedPrinter, reloadPrinters]);

  const statusText = (s: Exclude<Shown, { state: 'idle' }>): string => {
    if (s.state === 'printing') return t('printing.printing', { what: s.what });
    if (s.state === 'failed') return s.message;
    const names = { printer: shownName(s.job.printer), queue: s.job.printer, job: s.job.job };
    if (s.state === 'sent') return `✓ ${t('printing.sent', names)}`;
    if (s.state === 'printed') return `✓ ${t('printing.printed', names)}`;
    if (s.state === 'stopped') {
      const reason = s.reason ? t('printing.stoppedBecause', { reason: s.reason }) : '';
      return t('printing.stopped', { ...names, reason });
    }
    return t('printing.gone', names);
  };

  const print = (what: string, send: (printer: string) => Promise<PrintJobView>) => {
    if (busy || !printer) return; // one job at a time; a second Enter is not a second copy
    setStatus({ state: 'printing', what });
    send(printer).then(
      (job) => setStatus({ state: 'sent', job, until: Date.now() + FOLLOW_FOR_MS }),
      (error: unknown) => {
        setStatus({ state: 'failed', message: errorSentence(t, error) });
        // The queue's state may be why: look again, so the picker says it beside the name.
        reloadPrinters();
      },
    );
  };

  const sessionLabel = (s: PrintableSessionView) =>
    t('printing.sessionLine', {
      month: Number(s.startedAt.slice(5, 7)),
      day: Number(s.startedAt.slice(8, 10)),
      time: s.startedAt.slice(11, 16),
      title: s.title,
    });
  const monthLabel = (month: string) =>
    t('printing.monthLine', { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) });

  // Under a check-in's summary the panel only appears where there is a printer to use: most
  // terminals have none, and the end of a session is no place for a note to the technician.
  if (sessionId && !list?.printers.length) return null;

  // Either trouble with CUPS or no printer yet: one sentence and a way to look again.
  const problem =
    printers.status === 'error'
      ? { text: errorSentence(t, printers.error), className: 'print-problem' }
      : list && list.printers.length === 0
        ? { text: t('printing.noPrinter'), className: 'empty-state print-none' }
        : null;

  return (
    <section className="panel print-panel" data-testid="print-panel" aria-busy={busy}>
      <h2 className="panel__title">{t(sessionId ? 'printing.sheet' : 'printing.title')}</h2>
      {problem ? (
        <p className={problem.className} data-testid="print-problem">
          {problem.text}{' '}
          <button
            type="button"
            className="button"
            data-testid="print-rescan"
            onClick={reloadPrinters}
          >
            {t('printing.rescan')}
          </button>
        </p>
      ) : null}
      {list && list.printers.length === 1 ? (
        <p className="print-printer" data-testid="print-printer">
          {t('printing.printer', { name: printerLabel(list.printers[0]!) })}
          {printerState(t, list.printers[0]!)}
        </p>
      ) : null}
      {list && list.printers.length > 1 ? (
        <>
          <h3 className="print-rows__title">{t('printing.choose')}</h3>
          <div className="print-choice" role="radiogroup" aria-label={t('printing.choose')}>
            {list.printers.map((p) => (
              <button
                key={p.name}
                type="button"
                role="radio"
                aria-checked={p.name === printer}
                className={`button print-choice__printer${p.name === printer ? ' is-chosen' : ''}`}
                data-testid={`printer-${p.name}`}
                onClick={() => setPicked(p.name)}
              >
                {p.name === printer ? '✓ ' : ''}
                {printerLabel(p)}
                {p.isDefault ? ` ${t('printing.default')}` : ''}
                {printerState(t, p)}
              </button>
            ))}
          </div>
        </>
      ) : null}
      {printer ? (
        <div className="print-rows">
          {sessionId ? null : <h3 className="print-rows__title">{t('printing.sheets')}</h3>}
          {sessions.status === 'ready' && shownSessions.length === 0 ? (
            <p className="empty-state">{t('printing.noSessions')}</p>
          ) : null}
          {shownSessions.map((s) => (
            <div key={s.id} className="print-row">
              <button
                type="button"
                className="button"
                data-testid={`print-sheet-${s.id}`}
                onClick={() =>
                  print(t('printing.sheet'), (p) =>
                    api.printSigninSheet({ grant, sessionId: s.id, printer: p }),
                  )
                }
              >
                {t('printing.sheet')}
              </button>
              <span className="print-row__label">{sessionLabel(s)}</span>
            </div>
          ))}
          {sessionId ? null : <h3 className="print-rows__title">{t('printing.records')}</h3>}
          {(sessionId ? [] : recentMonths()).map((month) => (
            <div key={month} className="print-row">
              <button
                type="button"
                className="button"
                data-testid={`print-record-${month}`}
                onClick={() =>
                  print(t('printing.record'), (p) =>
                    api.printStudyRecord({ grant, month, printer: p }),
                  )
                }
              >
                {t('printing.record')}
              </button>
              <span className="print-row__label">{monthLabel(month)}</span>
            </div>
          ))}
        </div>
      ) : null}
      {shown.state !== 'idle' ? (
        <p
          className={`print-status print-status--${shown.state}`}
          role="status"
          data-testid="print-status"
          data-state={shown.state}
        >
          {statusText(shown)}
        </p>
      ) : null}
    </section>
  );
}
