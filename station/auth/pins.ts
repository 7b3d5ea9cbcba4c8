import type { Role } from '../../common/contract.js';
import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';
import { getSetting } from '../settings/store.js';
import { hashPin, pinMatches } from './pin-hash.js';

export interface PinPolicy {
  maxAttempts: number;
  lockoutMinutes: number;
}

export function setPin(db: Db, role: Role, pin: string, now: Date): void {
  db.prepare(
    `INSERT INTO pins (role, hash, failed_attempts, locked_until, updated_at)
     VALUES (?, ?, 0, NULL, ?)
     ON CONFLICT (role) DO UPDATE SET hash = excluded.hash, failed_attempts = 0,
       locked_until = NULL, updated_at = excluded.updated_at`,
  ).run(role, hashPin(pin), now.toISOString());
}

export function hasPin(db: Db, role: Role): boolean {
  return db.prepare('SELECT 1 FROM pins WHERE role = ?').get(role) !== undefined;
}

interface PinRow {
  hash: string;
  failed_attempts: number;
  locked_until: string | null;
}

/**
 * Checks a PIN against the stored hash. Failures are counted on disk, so restarting the kiosk does
 * not reset the count; after `maxAttempts` wrong tries the role is locked for `lockoutMinutes`.
 */
export function checkPin(db: Db, role: Role, pin: string, now: Date, policy: PinPolicy): void {
  const row = db
    .prepare('SELECT hash, failed_attempts, locked_until FROM pins WHERE role = ?')
    .get(role) as PinRow | undefined;
  if (!row) throw new StationFailure('PIN_NOT_SET', 'pinNotSet', { role, roleId: role });

  if (row.locked_until) {
    const until = new Date(row.locked_until);
    if (until > now) {
      const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
      throw new StationFailure('PIN_LOCKED', 'pinLocked', { minutes }, { minutes });
    }
    // The lock has run out: a fresh set of attempts.
    row.failed_attempts = 0;
  }

  if (pinMatches(pin, row.hash)) {
    db.prepare('UPDATE pins SET failed_attempts = 0, locked_until = NULL WHERE role = ?').run(role);
    return;
  }

  const failed = row.failed_attempts + 1;
  if (failed >= policy.maxAttempts) {
    const until = new Date(now.getTime() + policy.lockoutMinutes * 60_000);
    db.prepare('UPDATE pins SET failed_attempts = ?, locked_until = ? WHERE role = ?').run(
      failed,
      until.toISOString(),
      role,
    );
    throw new StationFailure(
      'PIN_LOCKED',
      'pinLocked',
      { minutes: policy.lockoutMinutes },
      { minutes: policy.lockoutMinutes },
    );
  }
  db.prepare('UPDATE pins SET failed_attempts = ?, locked_until = NULL WHERE role = ?').run(
    failed,
    role,
  );
  const remaining = policy.maxAttempts - failed;
  if (remaining === 1) {
    throw new StationFailure(
      'PIN_WRONG',
      'pinWrongLast',
      { minutes: policy.lockoutMinutes },
      { remaining },
    );
  }
  throw new StationFailure('PIN_WRONG', 'pinWrong', { remaining }, { remaining });
}

/** checkPin under the station's policy in force (settings pin.maxAttempts, pin.lockoutMinutes). */
export function checkStationPin(db: Db, role: Role, pin: string, now: Date): void {
  checkPin(db, role, pin, now, {
    maxAttempts: getSetting(db, 'pin.maxAttempts'),
    lockoutMinutes: getSetting(db, 'pin.lockoutMinutes'),
  });
}
