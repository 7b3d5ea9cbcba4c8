import path from 'node:path';
import { systemClock } from '../../clock.js';
import { buildDiagnostics } from '../../diagnostics/bundle.js';
import { writeFileAtomically } from '../../exports/atomic-file.js';
import { resolveDataDir } from '../../paths.js';
import { parseCommand, UsageError, type CommandContext } from '../context.js';

/** `station diagnostics --out FILE.zip [--json]`: the technician's bundle for the USB stick. */
export async function diagnosticsCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values } = parseCommand(args, { out: { type: 'string' } });
  if (!values.out) throw new UsageError('cli.missingArg', { name: '--out' });
  const file = path.resolve(values.out);
  const bundle = buildDiagnostics(resolveDataDir(values.data, io.env), systemClock.now());
  writeFileAtomically(file, bundle.bytes);
  if (values.json) {
    io.stdout(JSON.stringify({ file, bytes: bundle.bytes.length, entries: bundle.entries }));
  } else {
    io.stdout(t('diagnostics.written', { file, count: bundle.entries.length }));
  }
  return 0;
}
