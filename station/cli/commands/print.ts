import type { PrintJobStateView, PrintJobView } from '../../../common/contract-printing.js';
import { systemClock } from '../../clock.js';
import type { Db } from '../../db/open.js';
import { listPrinters, printJobState } from '../../printing/cups.js';
import {
  printSigninSheet,
  printStudyRecord,
  type PrintOptions,
} from '../../printing/print-documents.js';
import { parseCommand, sessionIdArg, UsageError, type CommandContext } from '../context.js';
import { withStation } from '../station-db.js';

/**
 * `station print signin-sheet SESSION [--printer NAME] [--wait]`,
 * `station print study-record --month YYYY-MM [--printer NAME] [--wait]` and
 * `station print printers [--json]`: the same CUPS path as the kiosk's print buttons. With
 * `--wait` the command follows the job as the kiosk does and exits 0 only once it has printed.
 */
export async function printCommand(ctx: CommandContext): Promise<number> {
  const [what, ...rest] = ctx.args;
  if (what === 'printers') return printersCommand({ ...ctx, args: rest });
  if (what === 'signin-sheet') return signinSheetCommand({ ...ctx, args: rest });
  if (what === 'study-record') return studyRecordCommand({ ...ctx, args: rest });
  throw new UsageError('cli.unknownCommand', { command: `print ${what ?? ''}`.trim() });
}

async function printersCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values } = parseCommand(args, {});
  const list = await listPrinters(io.env);
  if (values.json) {
    io.stdout(JSON.stringify(list));
    return 0;
  }
  if (list.printers.length === 0) {
    io.stdout(t('printing.noPrinters'));
    return 0;
  }
  for (const p of list.printers) {
    const notes = [
      p.isDefault ? t('printing.default') : '',
      p.enabled ? '' : t('printing.paused'),
      p.accepting ? '' : t('printing.rejecting'),
      p.reason ?? '',
    ].filter(Boolean);
    const name = p.description ? `${p.name}\t${p.description}` : p.name;
    io.stdout(notes.length ? `${name}\t(${notes.join(', ')})` : name);
  }
  return 0;
}

async function signinSheetCommand(ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(
    ctx.args,
    { printer: { type: 'string' }, wait: { type: 'boolean' } },
    1,
  );
  const sessionId = sessionIdArg(positionals[0]);
  return sendJob(ctx, values, (db, opts) =>
    printSigninSheet(db, sessionId, ctx.t, systemClock.now(), opts),
  );
}

async function studyRecordCommand(ctx: CommandContext): Promise<number> {
  const { values } = parseCommand(ctx.args, {
    month: { type: 'string' },
    printer: { type: 'string' },
    wait: { type: 'boolean' },
  });
  const month = values.month;
  if (!month) throw new UsageError('cli.missingArg', { name: '--month YYYY-MM' });
  return sendJob(ctx, values, (db, opts) =>
    printStudyRecord(db, month, ctx.t, systemClock.now(), opts),
  );
}

/** How often, and how long, `--wait` looks at the job. */
const WAIT_EVERY_MS = 1000;
const WAIT_FOR_MS = 5 * 60_000;

interface JobValues {
  data?: string | undefined;
  json?: boolean | undefined;
  printer?: string | undefined;
  wait?: boolean | undefined;
}

/**
 * Prints with the station's database open and says which printer took the job (or its JSON).
 * With --wait it then follows the job, the database closed: exit 0 once CUPS has it done, 1 with
 * a sentence when its printer stops under it, is removed, or it is still queued after 5 minutes.
 */
async function sendJob(
  { io, t }: CommandContext,
  values: JobValues,
  print: (db: Db, opts: PrintOptions) => Promise<PrintJobView>,
): Promise<number> {
  const job = await withStation(values.data, io.env, (db) =>
    print(db, { printer: values.printer, env: io.env }),
  );
  if (!values.wait) {
    io.stdout(values.json ? JSON.stringify(job) : t('printing.sent', { ...job }));
    return 0;
  }
  if (!values.json) io.stdout(t('printing.sent', { ...job }));
  const state = await followJob(job, io.env);
  if (values.json) io.stdout(JSON.stringify({ ...job, state: state.state, reason: state.reason }));
  const names = { printer: job.printer, job: job.job };
  if (state.state === 'finished') {
    if (!values.json) io.stdout(t('printing.printed', names));
    return 0;
  }
  if (state.state === 'stopped') {
    const reason = state.reason ? t('printing.stoppedBecause', { reason: state.reason }) : '';
    io.stderr(t('printing.stopped', { ...names, reason }));
  } else if (state.state === 'gone') {
    io.stderr(t('printing.gone', names));
  } else {
    io.stderr(t('printing.stillWaiting', { ...names, minutes: WAIT_FOR_MS / 60_000 }));
  }
  return 1;
}

/** Looks at the job until it is finished, stopped or gone, or the time is up. */
async function followJob(job: PrintJobView, env: NodeJS.ProcessEnv): Promise<PrintJobStateView> {
  const until = Date.now() + WAIT_FOR_MS;
  for (;;) {
    const state = await printJobState(job.printer, job.jobId, env);
    if (state.state !== 'waiting' || Date.now() >= until) return state;
    await new Promise((resolve) => setTimeout(resolve, WAIT_EVERY_MS));
  }
}
