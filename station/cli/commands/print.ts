import type { PrintJobView } from '../../../common/contract-printing.js';
import { systemClock } from '../../clock.js';
import type { Db } from '../../db/open.js';
import { listPrinters } from '../../printing/cups.js';
import {
  printSigninSheet,
  printStudyRecord,
  type PrintOptions,
} from '../../printing/print-documents.js';
import { parseCommand, sessionIdArg, UsageError, type CommandContext } from '../context.js';
import { withStation } from '../station-db.js';

/**
 * `station print signin-sheet SESSION [--printer NAME]`,
 * `station print study-record --month YYYY-MM [--printer NAME]` and
 * `station print printers [--json]`: the same CUPS path as the kiosk's print buttons.
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
  const { values, positionals } = parseCommand(ctx.args, { printer: { type: 'string' } }, 1);
  const sessionId = sessionIdArg(positionals[0]);
  return sendJob(ctx, values, (db, opts) =>
    printSigninSheet(db, sessionId, ctx.t, systemClock.now(), opts),
  );
}

async function studyRecordCommand(ctx: CommandContext): Promise<number> {
  const { values } = parseCommand(ctx.args, {
    month: { type: 'string' },
    printer: { type: 'string' },
  });
  const month = values.month;
  if (!month) throw new UsageError('cli.missingArg', { name: '--month YYYY-MM' });
  return sendJob(ctx, values, (db, opts) =>
    printStudyRecord(db, month, ctx.t, systemClock.now(), opts),
  );
}

/** Prints with the station's database open and says which printer took the job (or its JSON). */
function sendJob(
  { io, t }: CommandContext,
  values: { data?: string | undefined; json?: boolean | undefined; printer?: string | undefined },
  print: (db: Db, opts: PrintOptions) => Promise<PrintJobView>,
): Promise<number> {
  return withStation(values.data, io.env, async (db) => {
    const job = await print(db, { printer: values.printer, env: io.env });
    io.stdout(values.json ? JSON.stringify(job) : t('printing.sent', { ...job }));
    return 0;
  });
}
