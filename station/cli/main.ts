import type { Language } from '../../common/contract.js';
import { StationFailure, describeFailure } from '../errors.js';
import { parseLanguage, translator } from '../i18n/index.js';
import { UsageError, type CliIo, type CommandContext } from './context.js';

type Command = (ctx: CommandContext) => Promise<number>;

/**
 * A command whose module is loaded when it runs: `station content sync` (timed against curl) and
 * every other short command then compile only the modules they use, not the whole service
 * (exceljs, the HTTP server, the scheduler, …). A new command adds one line, lazy or plain.
 */
function lazy<M>(load: () => Promise<M>, pick: (m: M) => Command): Command {
  return async (ctx) => pick(await load())(ctx);
}
const attendance = () => import('./commands/attendance.js');
const health = () => import('./commands/health.js');
const exports = () => import('./commands/export.js');
const backup = () => import('./commands/backup.js');

/** Every `station` command, by its first word. Later issues add theirs here. */
const COMMANDS: Record<string, Command> = {
  init: lazy(
    () => import('./commands/init.js'),
    (m) => m.initCommand,
  ),
  serve: lazy(
    () => import('./commands/serve.js'),
    (m) => m.serveCommand,
  ),
  db: lazy(
    () => import('./commands/db.js'),
    (m) => m.dbCommand,
  ),
  config: lazy(
    () => import('./commands/config.js'),
    (m) => m.configCommand,
  ),
  pin: lazy(
    () => import('./commands/pin.js'),
    (m) => m.pinCommand,
  ),
  members: lazy(
    () => import('./commands/members.js'),
    (m) => m.membersCommand,
  ),
  session: lazy(attendance, (m) => m.sessionCommand),
  checkin: lazy(attendance, (m) => m.attendanceEventCommand('checkin')),
  checkout: lazy(attendance, (m) => m.attendanceEventCommand('checkout')),
  absence: lazy(attendance, (m) => m.attendanceEventCommand('absence')),
  attendance: lazy(attendance, (m) => m.attendanceCommand),
  hours: lazy(attendance, (m) => m.hoursCommand),
  report: lazy(attendance, (m) => m.reportCommand),
  equipment: lazy(
    () => import('./commands/equipment.js'),
    (m) => m.equipmentCommand,
  ),
  backup: lazy(backup, (m) => m.backupCommand),
  restore: lazy(backup, (m) => m.restoreCommand),
  diagnostics: lazy(
    () => import('./commands/diagnostics.js'),
    (m) => m.diagnosticsCommand,
  ),
  health: lazy(health, (m) => m.healthCommand),
  selftest: lazy(health, (m) => m.selftestCommand),
  time: lazy(health, (m) => m.timeCommand),
  schedule: lazy(
    () => import('./commands/schedule.js'),
    (m) => m.scheduleCommand,
  ),
  evidence: lazy(
    () => import('./commands/evidence.js'),
    (m) => m.evidenceCommand,
  ),
  export: lazy(exports, (m) => m.exportCommand),
  import: lazy(exports, (m) => m.importCommand),
  terminals: lazy(exports, (m) => m.terminalsCommand),
  'api-token': lazy(exports, (m) => m.apiTokenCommand),
  content: lazy(
    () => import('./commands/content.js'),
    (m) => m.contentCommand,
  ),
  print: lazy(
    () => import('./commands/print.js'),
    (m) => m.printCommand,
  ),
};

/** The language of messages: `--lang`, else STATION_LANG, else Chinese (never the OS locale). */
function languageOf(argv: string[], env: NodeJS.ProcessEnv): Language {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const flag = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return parseLanguage(flag) ?? parseLanguage(env.STATION_LANG) ?? 'zh-CN';
}

/**
 * Runs one CLI invocation and returns its exit code: 0 done, 1 failed, 2 called wrongly. Errors
 * become one readable line on stderr; stdout carries only results (one JSON document with --json).
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const lang = languageOf(argv, io.env);
  const t = translator(lang);
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr)(t('cli.usage'));
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError('cli.unknownCommand', { command: name });
    return await command({ args, io, t, lang });
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(t(err.key, err.params));
      return 2;
    }
    if (err instanceof StationFailure) {
      io.stderr(describeFailure(err, t));
      return 1;
    }
    const detail = err instanceof Error ? err.message : String(err);
    io.stderr(t('error.internal', { detail }));
    if (io.env.STATION_DEBUG) io.stderr(err instanceof Error ? (err.stack ?? '') : '');
    return 1;
  }
}

/** Entry point of the `station` binary. */
export async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  });
  process.exit(code);
}
