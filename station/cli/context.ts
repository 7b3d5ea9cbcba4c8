import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Language } from '../../common/contract.js';
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
