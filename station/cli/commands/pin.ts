import { PinSchema, ROLES, type Role } from '../../../common/contract.js';
import { setPin } from '../../auth/pins.js';
import { systemClock } from '../../clock.js';
import { initDataDir } from '../../init.js';
import { resolveDataDir } from '../../paths.js';
import { parseCommand, UsageError, type CommandContext } from '../context.js';

/**
 * `station pin set --role organizer|technician --pin DIGITS`: resets a PIN (and its lock-out).
 * Running it requires a shell on the terminal itself; that physical access is the proof.
 */
export async function pinCommand({ args, io, t }: CommandContext): Promise<number> {
  const { values, positionals } = parseCommand(
    args,
    { role: { type: 'string' }, pin: { type: 'string' } },
    1,
  );
  if (positionals[0] !== 'set') {
    throw new UsageError('cli.unknownCommand', { command: `pin ${positionals[0] ?? ''}`.trim() });
  }
  const role = values.role;
  if (!role) throw new UsageError('cli.missingArg', { name: '--role organizer|technician' });
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UsageError('cli.badChoice', {
      option: '--role',
      value: role,
      choices: ROLES.join(', '),
    });
  }
  if (!values.pin || !PinSchema.safeParse(values.pin).success) {
    throw new UsageError('cli.missingArg', { name: '--pin (4–8 digits)' });
  }
  const { db } = initDataDir({ dataDir: resolveDataDir(values.data, io.env), clock: systemClock });
  try {
    setPin(db, role as Role, values.pin, systemClock.now());
  } finally {
    db.close();
  }
  const roleName = t(`role.${role}`);
  io.stdout(
    values.json ? JSON.stringify({ role, reset: true }) : t('cli.pinSaved', { role: roleName }),
  );
  return 0;
}
