import type { Translate } from '../../i18n/index.js';
import { verifyChain, type ChainProblem } from '../../evidence/verify.js';
import { parseCommand, UsageError, type CommandContext } from '../context.js';
import { withStation } from '../station-db.js';

export function describeProblem(p: ChainProblem, t: Translate): string {
  switch (p.kind) {
    case 'altered':
      return t('exports.evidence.altered', { seq: p.seq, table: p.table, id: p.id });
    case 'deleted':
      return t('exports.evidence.deleted', { seq: p.seq, table: p.table ?? '?', id: p.id ?? '?' });
    case 'inserted':
      return t('exports.evidence.inserted', { table: p.table, id: p.id });
    case 'headMissing':
      return t('exports.evidence.headMissing', { seq: p.seq, expected: p.expected });
  }
}

/**
 * `station evidence verify [--json]`: recomputes the evidence chain. Exit 0 when intact; 1 with
 * the problems (the first one first) when a record was altered, deleted or inserted.
 */
export async function evidenceCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(args, {}, 1);
  if (positionals[0] !== 'verify') {
    throw new UsageError('cli.unknownCommand', {
      command: `evidence ${positionals[0] ?? ''}`.trim(),
    });
  }
  return withStation(values.data, io.env, (db) => {
    const result = verifyChain(db);
    if (values.json) io.stdout(JSON.stringify(result));
    else if (result.ok) {
      io.stdout(
        t('exports.evidence.ok', {
          count: result.records,
          seq: result.head.seq,
          hash: result.head.hash,
        }),
      );
    } else for (const p of result.problems) io.stdout(describeProblem(p, t));
    return result.ok ? 0 : 1;
  });
}
