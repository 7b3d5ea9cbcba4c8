import { execFile } from 'node:child_process';
import path from 'node:path';
import type {
  PrinterListView,
  PrinterView,
  PrintJobStateView,
  PrintJobView,
} from '../../common/contract-printing.js';
import { StationFailure } from '../errors.js';

/**
 * Printing through CUPS, the print system of a Debian terminal: `lpstat` lists the queues and
 * `lp` sends a file. The commands run without a shell, under the C locale so their answers parse
 * the same on a Chinese desktop; CUPS_SERVER in the environment picks the scheduler (a socket
 * path or host:port), which is how tests point the station at their own cupsd.
 */

const TIMEOUT_MS = 20_000;

interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a CUPS client; ENOENT (CUPS not installed) becomes the station's own failure. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { env: { ...env, LC_ALL: 'C', LANG: 'C' }, timeout: TIMEOUT_MS, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean }) | null;
        if (e?.code === 'ENOENT') {
          reject(new StationFailure('UNAVAILABLE', 'printCupsMissing', { command }));
          return;
        }
        if (e?.killed) {
          reject(
            new StationFailure('UNAVAILABLE', 'printCupsDown', { detail: `${command}: timeout` }),
          );
          return;
        }
        resolve({ stdout, stderr, code: e ? (typeof e.code === 'number' ? e.code : 1) : 0 });
      },
    );
  });
}

const firstLine = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean) ?? '';

/** CUPS's own words, without the program's name in front: kept for the technician. */
const cupsDetail = (text: string) => firstLine(text).replace(/^(lp|lpstat):\s*/, '');

const schedulerDown = (stderr: string) =>
  /scheduler is not running|unable to connect/i.test(stderr);

/**
 * Parses `lpstat -d -l -p -a` in the C locale. A printer block starts with `printer NAME …`;
 * indented lines below it carry the state message (first, when the queue is paused) and
 * `Description:`. `NAME accepting requests` / `NAME not accepting requests` say whether it
 * takes jobs, with the reason on the next indented line.
 */
export function parseLpstat(stdout: string): PrinterListView {
  const printers = new Map<string, PrinterView>();
  let defaultPrinter: string | null = null;
  let current: PrinterView | null = null;
  let firstIndented = false;
  let rejecting: PrinterView | null = null;
  for (const raw of stdout.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const def = /^system default destination: (\S+)/.exec(line);
    if (def) {
      defaultPrinter = def[1]!;
      continue;
    }
    const head = /^printer (\S+) (.*)$/.exec(line);
    if (head) {
      current = {
        name: head[1]!,
        description: null,
        enabled: !/\bdisabled since\b/.test(head[2]!),
        accepting: true,
        reason: null,
        isDefault: false,
      };
      printers.set(current.name, current);
      firstIndented = true;
      rejecting = null;
      continue;
    }
    const acc = /^(\S+) (not )?accepting requests since/.exec(line);
    if (acc) {
      current = null;
      const p = printers.get(acc[1]!);
      rejecting = null;
      if (p && acc[2]) {
        p.accepting = false;
        rejecting = p;
      }
      continue;
    }
    if (!/^\s/.test(line)) {
      current = null;
      rejecting = null;
      continue;
    }
    const text = line.trim();
    if (rejecting) {
      if (text && !rejecting.reason) rejecting.reason = text;
      rejecting = null;
      continue;
    }
    if (!current) continue;
    const desc = /^Description:\s*(.*)$/.exec(text);
    if (desc) {
      const d = desc[1]!.trim();
      current.description = d && d !== current.name ? d : null;
    } else if (firstIndented && !current.enabled && text && !/^[A-Z][A-Za-z ]+:/.test(text)) {
      // lpstat's placeholder when CUPS holds no message (it clears it when it stops a job).
      current.reason = text === 'reason unknown' ? null : text;
    }
    firstIndented = false;
  }
  const list = [...printers.values()].map((p) => ({ ...p, isDefault: p.name === defaultPrinter }));
  return {
    printers: list,
    defaultPrinter: printers.has(defaultPrinter ?? '') ? defaultPrinter : null,
  };
}

/** The print queues CUPS knows, with the default. None configured is an empty list. */
export async function listPrinters(env: NodeJS.ProcessEnv = process.env): Promise<PrinterListView> {
  const r = await run('lpstat', ['-d', '-l', '-p', '-a'], env);
  if (schedulerDown(r.stderr)) {
    throw new StationFailure('UNAVAILABLE', 'printCupsDown', { detail: cupsDetail(r.stderr) });
  }
  if (r.code !== 0 && !/no destinations added/i.test(r.stderr)) {
    throw new StationFailure('UNAVAILABLE', 'printFailed', {
      detail: cupsDetail(r.stderr) || `lpstat exit ${r.code}`,
    });
  }
  return parseLpstat(r.stdout);
}

/**
 * Which queue a job goes to: the one asked for, else the default, else the only one. A paused or
 * refusing queue is refused here, before the PDF is made, instead of leaving a job that silently
 * waits in CUPS while the organizer thinks it printed.
 */
export function choosePrinter(list: PrinterListView, wanted?: string | null): PrinterView {
  if (list.printers.length === 0) throw new StationFailure('UNAVAILABLE', 'printNoPrinter');
  let p: PrinterView | undefined;
  if (wanted) {
    p = list.printers.find((x) => x.name === wanted);
    if (!p) {
      throw new StationFailure('NOT_FOUND', 'printPrinterUnknown', {
        printer: wanted,
        printers: list.printers.map((x) => x.name).join('、'),
      });
    }
  } else {
    p =
      list.printers.find((x) => x.name === list.defaultPrinter) ??
      (list.printers.length === 1 ? list.printers[0] : undefined);
    if (!p) {
      throw new StationFailure('BAD_REQUEST', 'printChoosePrinter', {
        printers: list.printers.map((x) => x.name).join('、'),
      });
    }
  }
  // `label` is the name the kiosk shows; `printer` is the queue name a technician types.
  const params = { printer: p.name, label: p.description ?? p.name, reason: p.reason ?? '-' };
  if (!p.enabled) throw new StationFailure('UNAVAILABLE', 'printPrinterPaused', params);
  if (!p.accepting) throw new StationFailure('UNAVAILABLE', 'printPrinterRejecting', params);
  return p;
}

/** `request id is Office-12 (1 file(s))` → Office-12 and 12. */
export function parseRequestId(stdout: string): { jobId: string; job: number } | null {
  const m = /request id is (\S+)-(\d+)\b/.exec(stdout);
  return m ? { jobId: `${m[1]}-${m[2]}`, job: Number(m[2]) } : null;
}

/**
 * Sends a PDF to a queue with `lp -d PRINTER -t TITLE FILE`. The file is made absolute, so lp can
 * never read it as an option. lp has copied the file to the scheduler when it returns, so the
 * caller may delete it straight after.
 */
export async function printFile(
  file: string,
  printer: string,
  title: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PrintJobView> {
  const r = await run('lp', ['-d', printer, '-t', title, path.resolve(file)], env);
  const id = r.code === 0 ? parseRequestId(r.stdout) : null;
  if (!id) {
    if (schedulerDown(r.stderr)) {
      throw new StationFailure('UNAVAILABLE', 'printCupsDown', { detail: cupsDetail(r.stderr) });
    }
    throw new StationFailure('UNAVAILABLE', 'printFailed', {
      detail: cupsDetail(r.stderr) || cupsDetail(r.stdout) || `lp exit ${r.code}`,
    });
  }
  return { printer, title, ...id };
}

/** The request ids in `lpstat -W not-completed -o PRINTER`: one job per line, its id first. */
export function parsePendingJobs(stdout: string): Set<string> {
  const ids = new Set<string>();
  for (const line of stdout.split('\n')) {
    const id = /^(\S+-\d+)\s/.exec(line)?.[1];
    if (id) ids.add(id);
  }
  return ids;
}

/**
 * Where a job stands (PrintJobStateView): whether CUPS still holds it, and whether its printer is
 * paused. CUPS pauses a queue when its printer reports a fault (out of paper, unplugged) and keeps
 * the job until a technician resumes the queue, so "sent" alone can leave an organizer waiting at
 * a printer that will not print.
 */
export async function printJobState(
  printer: string,
  jobId: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<PrintJobStateView> {
  const queue = (await listPrinters(env)).printers.find((p) => p.name === printer);
  if (!queue) return { jobId, state: 'gone', reason: null };
  const r = await run('lpstat', ['-W', 'not-completed', '-o', printer], env);
  if (schedulerDown(r.stderr)) {
    throw new StationFailure('UNAVAILABLE', 'printCupsDown', { detail: cupsDetail(r.stderr) });
  }
  if (r.code !== 0) {
    throw new StationFailure('UNAVAILABLE', 'printFailed', {
      detail: cupsDetail(r.stderr) || `lpstat exit ${r.code}`,
    });
  }
  if (!parsePendingJobs(r.stdout).has(jobId)) return { jobId, state: 'finished', reason: null };
  if (!queue.enabled) return { jobId, state: 'stopped', reason: queue.reason };
  return { jobId, state: 'waiting', reason: null };
}
