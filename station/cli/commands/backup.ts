import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../../clock.js';
import { createBackup, restoreBackup } from '../../backup/backup.js';
import { StationFailure } from '../../errors.js';
import { resolveDataDir } from '../../paths.js';
import { parseCommand, UsageError, type CliIo, type CommandContext } from '../context.js';

/** Where a passphrase may come from: a file (not the command line, which `ps` shows to all). */
export const PASSPHRASE_ENV = 'STATION_BACKUP_PASSPHRASE';

function passphraseFrom(fileFlag: string | undefined, io: CliIo): string | null {
  let phrase: string;
  let source: string;
  if (fileFlag !== undefined) {
    try {
      phrase = fs.readFileSync(fileFlag, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT')
        throw new StationFailure('NOT_FOUND', 'fileNotFound', { file: fileFlag });
      throw new StationFailure('BAD_REQUEST', 'fileUnreadable', {
        file: fileFlag,
        detail: code ?? String(err),
      });
    }
    source = fileFlag;
    // A file saved by an editor ends with a newline that is not part of the passphrase.
    phrase = phrase.replace(/\r?\n$/, '');
  } else if (io.env[PASSPHRASE_ENV] !== undefined) {
    phrase = io.env[PASSPHRASE_ENV];
    source = PASSPHRASE_ENV;
  } else {
    return null;
  }
  if (phrase === '') throw new StationFailure('BAD_REQUEST', 'backupPassphraseEmpty', { source });
  return phrase;
}

/** `station backup --out FILE [--passphrase-file F]` (or STATION_BACKUP_PASSPHRASE). */
export async function backupCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values } = parseCommand(args, {
    out: { type: 'string' },
    'passphrase-file': { type: 'string' },
  });
  if (!values.out) throw new UsageError('cli.missingArg', { name: '--out' });
  const passphrase = passphraseFrom(values['passphrase-file'], io);
  const result = createBackup({
    dataDir: resolveDataDir(values.data, io.env),
    out: path.resolve(values.out),
    passphrase,
    now: systemClock.now(),
  });
  if (values.json) {
    io.stdout(JSON.stringify({ ...result, courseCacheIncluded: false }));
    return 0;
  }
  io.stdout(
    t(result.encrypted ? 'backup.writtenEncrypted' : 'backup.written', {
      file: result.file,
      size: Math.max(1, Math.round(result.bytes / 1024)),
      version: result.schemaVersion,
      files: result.files.length,
    }),
  );
  io.stdout(t('backup.noCourseCache'));
  return 0;
}

/** `station restore FILE --data DIR [--force] [--passphrase-file F]`. */
export async function restoreCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { 'passphrase-file': { type: 'string' }, force: { type: 'boolean', default: false } },
    1,
  );
  const file = positionals[0];
  if (!file) throw new UsageError('cli.missingArg', { name: 'FILE' });
  // The target is never implied: restoring over the wrong station would be hard to undo.
  if (!values.data) throw new UsageError('cli.missingArg', { name: '--data' });
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StationFailure('NOT_FOUND', 'fileNotFound', { file });
    throw new StationFailure('BAD_REQUEST', 'fileUnreadable', { file, detail: code ?? '' });
  }
  const result = restoreBackup({
    file,
    bytes,
    dataDir: path.resolve(values.data),
    passphrase: () => passphraseFrom(values['passphrase-file'], io),
    force: values.force,
  });
  if (values.json) {
    io.stdout(
      JSON.stringify({
        dataDir: result.dataDir,
        terminalId: result.manifest.terminalId,
        createdAt: result.manifest.createdAt,
        schemaVersion: result.manifest.schemaVersion,
        integrity: result.integrity,
        files: result.files,
        courseCacheIncluded: false,
      }),
    );
    return 0;
  }
  io.stdout(
    t('backup.restored', {
      dir: result.dataDir,
      createdAt: result.manifest.createdAt,
      version: result.manifest.schemaVersion,
      files: result.files.length,
    }),
  );
  io.stdout(t('backup.restoreNoCourseCache'));
  return 0;
}
