import type { Language } from '../../common/contract.js';
import { StationFailure, describeFailure } from '../errors.js';
import { parseLanguage, translator } from '../i18n/index.js';
import { UsageError, type CliIo, type CommandContext } from './context.js';
import { configCommand } from './commands/config.js';
import { backupCommand, restoreCommand } from './commands/backup.js';
import { contentCommand } from './commands/content.js';
import { dbCommand } from './commands/db.js';
import { diagnosticsCommand } from './commands/diagnostics.js';
import { equipmentCommand } from './commands/equipment.js';
import { initCommand } from './commands/init.js';
import { membersCommand } from './commands/members.js';
import { pinCommand } from './commands/pin.js';
import { serveCommand } from './commands/serve.js';
import { healthCommand, selftestCommand, timeCommand } from './commands/health.js';
import { scheduleCommand } from './commands/schedule.js';
import { evidenceCommand } from './commands/evidence.js';
import { printCommand } from './commands/print.js';
import {
  apiTokenCommand,
  exportCommand,
  importCommand,
  terminalsCommand,
} from './commands/export.js';
import {
  attendanceCommand,
  attendanceEventCommand,
  hoursCommand,
  reportCommand,
  sessionCommand,
} from './commands/attendance.js';

type Command = (ctx: CommandContext) => Promise<number>;

/** Every `station` command, by its first word. Later issues add theirs here. */
const COMMANDS: Record<string, Command> = {
  init: initCommand,
  serve: serveCommand,
  db: dbCommand,
  config: configCommand,
  pin: pinCommand,
  members: membersCommand,
  session: sessionCommand,
  checkin: attendanceEventCommand('checkin'),
  checkout: attendanceEventCommand('checkout'),
  absence: attendanceEventCommand('absence'),
  attendance: attendanceCommand,
  hours: hoursCommand,
  report: reportCommand,
  equipment: equipmentCommand,
  backup: backupCommand,
  restore: restoreCommand,
  diagnostics: diagnosticsCommand,
  health: healthCommand,
  selftest: selftestCommand,
  time: timeCommand,
  schedule: scheduleCommand,
  evidence: evidenceCommand,
  export: exportCommand,
  import: importCommand,
  terminals: terminalsCommand,
  'api-token': apiTokenCommand,
  content: contentCommand,
  print: printCommand,
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
