import { clockFromEnv } from '../../clock.js';
import { initDataDir } from '../../init.js';
import { resolveDataDir } from '../../paths.js';
import { getSetting } from '../../settings/store.js';
import { parseCommand, type CommandContext } from '../context.js';

/** `station init [--demo]`: create or migrate the data directory; idempotent. */
export async function initCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values } = parseCommand(args, { demo: { type: 'boolean', default: false } });
  const dataDir = resolveDataDir(values.data, io.env);
  const { db, schemaVersion, demo } = initDataDir({
    dataDir,
    clock: clockFromEnv(io.env),
    demo: values.demo,
  });
  try {
    const terminalId = getSetting(db, 'terminal.id');
    if (values.json) {
      io.stdout(JSON.stringify({ dataDir, schemaVersion, terminalId, demo }));
    } else {
      io.stdout(t('cli.initDone', { dir: dataDir, version: schemaVersion }));
      if (demo) io.stdout(t('cli.demoAdded', { village: demo.village, members: demo.members }));
    }
  } finally {
    db.close();
  }
  return 0;
}
