import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { openDatabase, type Db } from '../db/open.js';
import { migrate } from '../db/migrate.js';
import { StationFailure } from '../errors.js';
import { checkPin, setPin } from './pins.js';
import { hashPin, pinMatches } from './pin-hash.js';

const policy = { maxAttempts: 3, lockoutMinutes: 10 };
const t0 = new Date('2026-11-26T02:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

let tmp: ReturnType<typeof makeTempDir>;
let db: Db;
beforeEach(() => {
  tmp = makeTempDir();
  db = openDatabase(path.join(tmp.dir, 'station.db'));
  migrate(db);
  setPin(db, 'organizer', '1234', t0);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

function codeOf(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (err instanceof StationFailure) return `${err.code}:${JSON.stringify(err.details ?? {})}`;
    throw err;
  }
}

describe('PIN hashing', () => {
  it('stores scrypt with a salt, never the PIN', () => {
    const a = hashPin('1234');
    const b = hashPin('1234');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toContain('1234$');
    expect(a).not.toBe(b);
    expect(pinMatches('1234', a)).toBe(true);
    expect(pinMatches('1235', a)).toBe(false);
    expect(pinMatches('1234', 'md5$whatever')).toBe(false);
  });
});

describe('PIN attempts', () => {
  it('accepts the right PIN and counts wrong ones down to a lock-out', () => {
    expect(codeOf(() => checkPin(db, 'organizer', '1234', at(0), policy))).toBe('ok');
    expect(codeOf(() => checkPin(db, 'organizer', '0000', at(1), policy))).toBe(
      'PIN_WRONG:{"remaining":2}',
    );
    expect(codeOf(() => checkPin(db, 'organizer', '0000', at(2), policy))).toBe(
      'PIN_WRONG:{"remaining":1}',
    );
    expect(codeOf(() => checkPin(db, 'organizer', '0000', at(3), policy))).toBe(
      'PIN_LOCKED:{"minutes":10}',
    );
    // While locked even the right PIN is refused, with the time left.
    expect(codeOf(() => checkPin(db, 'organizer', '1234', at(8), policy))).toBe(
      'PIN_LOCKED:{"minutes":5}',
    );
    // After the lock-out the right PIN works again and resets the count.
    expect(codeOf(() => checkPin(db, 'organizer', '1234', at(14), policy))).toBe('ok');
    expect(codeOf(() => checkPin(db, 'organizer', '0000', at(15), policy))).toBe(
      'PIN_WRONG:{"remaining":2}',
    );
  });

  it('keeps counting across a restart (the count is on disk)', () => {
    codeOf(() => checkPin(db, 'organizer', '0000', at(0), policy));
    codeOf(() => checkPin(db, 'organizer', '0000', at(0), policy));
    db.close();
    db = openDatabase(path.join(tmp.dir, 'station.db'));
    expect(codeOf(() => checkPin(db, 'organizer', '0000', at(1), policy))).toMatch(/^PIN_LOCKED/);
  });

  it('resetting the PIN lifts a lock-out', () => {
    for (let i = 0; i < 3; i++) codeOf(() => checkPin(db, 'organizer', '9999', at(0), policy));
    setPin(db, 'organizer', '4321', at(1));
    expect(codeOf(() => checkPin(db, 'organizer', '4321', at(1), policy))).toBe('ok');
  });

  it('a role without a PIN says so', () => {
    expect(codeOf(() => checkPin(db, 'technician', '1234', at(0), policy))).toMatch(/^PIN_NOT_SET/);
  });
});
