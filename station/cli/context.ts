import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Language } from '../../common/contract.js';
import { StationFailure } from '../errors.js';
import type { Translate } from '../i18n/index.js';

export interface CliIo {
  stdout(line: string): void;
  stderr(line: string): void;
  env: NodeJS.ProcessEnv;
}

/** A mistake in how the command was called: exit code 2, like most Unix tools. */
export class UsageError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'UsageError';
  }
}

export interface CommandContext {
  args: string[];
  io: CliIo;
  t: Translate;
  lang: Language;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command accepts. */
export const COMMON_OPTIONS = {
  data: { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies Options;

/**
 * Parses a command's arguments strictly; Node's own parse errors (in English, with codes) become
 * usage errors in the user's language.
 */
export function parseCommand<O extends Options>(args: string[], options: O, maxPositionals = 0) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...COMMON_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const option = /'([^']+)'/.exec(e.message)?.[1] ?? '';
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new UsageError('cli.unknownOption', { option });
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError('cli.optionNeedsValue', { option: option.split(' ')[0] ?? option });
    }
    throw new UsageError('cli.badOption', { detail: e.message });
  }
  const extra = parsed.positionals[maxPositionals];
  if (extra !== undefined) throw new UsageError('cli.unexpectedArg', { arg: extra });
  return parsed;
}

/**
 * A session's number from a command's arguments. Missing is a usage error; anything else that
 * is not a session's number is the same answer as a number no session has, so every command
 * that names a session says it alike (exit 1).
 */
export function sessionIdArg(text: string | undefined): number {
  if (text === undefined || text === '')
    throw new UsageError('cli.missingArg', { name: 'SESSION' });
  if (!/^\d+$/.test(text)) throw new StationFailure('NOT_FOUND', 'sessionNotFound', { id: text });
  return Number(text);
}

/**
 * `--year YYYY`: missing, or a value that is no year, is a usage error (exit 2, as county
 * scripts have it); the sentence says which of the two it is.
 */
export function yearArg(text: string | undefined): number {
  if (text === undefined) throw new UsageError('cli.missingArg', { name: '--year YYYY' });
  if (!/^\d{4}$/.test(text)) throw new UsageError('cli.badYear', { value: text });
  return Number(text);
}
