import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-dir.js';
import { checkIn, startSession } from '../attendance/sessions.js';
import { findMember } from '../attendance/member-lookup.js';
import { fixedClock } from '../clock.js';
import type { Db } from '../db/open.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { initDataDir } from '../init.js';
import {
  applyCorrection,
  clockStatus,
  createStationClock,
  learnFromHttpDate,
  learnFromNtp,
  readClockEvidence,
  setTimeFromUrl,
  timeQuality,
} from './trusted-time.js';

const BOOT = { monoMs: 5_000_000, boot: 'test-boot' };
const later = (ms: number) => ({ monoMs: BOOT.monoMs + ms, boot: BOOT.boot });

let tmp: ReturnType<typeof makeTempDir>;
let db: Db;
beforeEach(() => {
  tmp = makeTempDir();
  db = initDataDir({ dataDir: tmp.dir, clock: fixedClock('2026-11-26T08:00:00Z'), demo: true }).db;
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const quality = (id: number) =>
  db.prepare('SELECT time_quality FROM attendance_records WHERE id = ?').pluck().get(id);

describe('timeQuality with the clock as an input', () => {
  it('a fresh station trusts its clock, then flags a clock that fell back to 2000-01-01', () => {
    db.prepare('UPDATE clock_state SET high_water_at = NULL').run();
    expect(timeQuality(db, new Date('2026-11-26T08:00:00Z'), BOOT)).toBe('trusted');
    expect(timeQuality(db, new Date('2026-11-26T09:00:00Z'), BOOT)).toBe('trusted');
    expect(timeQuality(db, new Date('2000-01-01T00:00:00Z'), BOOT)).toBe('untrusted');
    expect(clockStatus(db, new Date('2000-01-01T00:00:00Z'), BOOT)).toMatchObject({
      trusted: false,
      reason: 'behind-last-record',
    });
    // An untrusted time never moves the mark back.
    expect(readClockEvidence(db).highWaterAt).toBe(Date.parse('2026-11-26T09:00:00Z'));
  });

  it('new attendance records carry the flag', () => {
    const at = new Date('2026-11-26T08:00:00Z');
    const session = startSession(db, { kind: 'collective', title: '学习', at, by: 't' }, at);
    const members = db
      .prepare('SELECT id FROM members ORDER BY id LIMIT 2')
      .pluck()
      .all() as number[];
    const good = checkIn(db, session.id, findMember(db, String(members[0])), at, 't', at);
    const y2k = new Date('2000-01-01T00:05:00Z');
    const bad = checkIn(db, session.id, findMember(db, String(members[1])), y2k, 't', y2k);
    expect([quality(good), quality(bad)]).toEqual(['trusted', 'untrusted']);
  });

  it('a good source carried by the monotonic clock flags a clock far ahead', () => {
    learnGoodTime();
    // Ten minutes of monotonic time later the clock says 3 hours later: ahead of the source.
    expect(clockStatus(db, new Date('2026-11-26T11:10:00Z'), later(600_000))).toMatchObject({
      trusted: false,
      reason: 'ahead-of-source',
    });
    expect(timeQuality(db, new Date('2026-11-26T08:10:00Z'), later(600_000))).toBe('trusted');
  });

  it('ignores a missing or absurd Date header', () => {
    expect(learnFromHttpDate(db, null, BOOT)).toBe(false);
    expect(learnFromHttpDate(db, 'yesterday', BOOT)).toBe(false);
    expect(learnFromHttpDate(db, 'Sat, 01 Jan 2000 00:00:00 GMT', BOOT)).toBe(false);
    expect(readClockEvidence(db).good).toBeNull();
  });

  it('learns from NTP only when the OS says it is synchronised, and then drops any offset', async () => {
    applyCorrection(
      db,
      new Date('2026-11-26T08:00:00Z'),
      'technician-manual',
      new Date('2000-01-01T00:00:00Z'),
      BOOT,
    );
    expect(await learnFromNtp(db, fixedClock('2026-11-26T08:00:00Z'), async () => null)).toBe(
      false,
    );
    expect(await learnFromNtp(db, fixedClock('2026-11-26T08:00:00Z'), async () => false)).toBe(
      false,
    );
    expect(createStationClock(db, fixedClock('2000-01-01T00:00:00Z')).now().getUTCFullYear()).toBe(
      2026,
    );
    expect(await learnFromNtp(db, fixedClock('2026-11-26T08:00:00Z'), async () => true)).toBe(true);
    expect(readClockEvidence(db).good).toMatchObject({ source: 'ntp' });
    expect(createStationClock(db, fixedClock('2026-11-26T08:00:00Z')).now().toISOString()).toBe(
      '2026-11-26T08:00:00.000Z',
    );
  });
});

function learnGoodTime() {
  expect(learnFromHttpDate(db, 'Thu, 26 Nov 2026 08:00:00 GMT', BOOT)).toBe(true);
}

describe('a technician corrects the time from a good source', () => {
  it('from a URL: records the offset the station clock then applies', async () => {
    const server = http.createServer((_req, res) => {
      res.setHeader('date', new Date().toUTCString());
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const broken = fixedClock('2000-01-01T00:00:00Z'); // the RTC lost the time
      const c = await setTimeFromUrl(db, url, broken);
      expect(c.source).toBe('technician-url');
      expect(Math.abs(c.offsetMs - (Date.now() - Date.parse('2000-01-01T00:00:00Z')))).toBeLessThan(
        5000,
      );
      const stationClock = createStationClock(db, broken);
      expect(Math.abs(stationClock.now().getTime() - Date.now())).toBeLessThan(5000);
      expect(clockStatus(db, stationClock.now())).toMatchObject({
        trusted: true,
        reason: 'agrees-with-source',
      });
      expect(clockStatus(db, broken.now())).toMatchObject({
        trusted: false,
        reason: 'behind-source',
      });
    } finally {
      server.close();
    }
  });

  it('a source that does not answer or sends no Date is a clear failure, and nothing changes', async () => {
    const server = http.createServer((_req, res) => {
      res.sendDate = false;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await expect(setTimeFromUrl(db, url)).rejects.toMatchObject({ key: 'timeSourceNoDate' });
    server.close();
    await new Promise((r) => server.once('close', r));
    await expect(setTimeFromUrl(db, url)).rejects.toMatchObject({ key: 'timeSourceUnreachable' });
    expect(readClockEvidence(db).good).toBeNull();
  });
});

describe('migration 4', () => {
  it('starts the high-water mark at the latest stamp already recorded', () => {
    const file = `${tmp.dir}/v3.db`;
    const old = openDatabase(file);
    migrate(old, MIGRATIONS, 3);
    old
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES ('village', '"x"', '2026-10-01T00:00:00.000Z')`,
      )
      .run();
    old
      .prepare(
        `INSERT INTO study_sessions (kind, title, started_at, started_by, created_at)
       VALUES ('collective', 't', '2026-11-01T00:00:00.000Z', 'x', '2026-11-02T00:00:00.000Z')`,
      )
      .run();
    migrate(old);
    expect(readClockEvidence(old).highWaterAt).toBe(Date.parse('2026-11-02T00:00:00.000Z'));
    expect(timeQuality(old, new Date('2000-01-01T00:00:00Z'), BOOT)).toBe('untrusted');
    old.close();
  });
});
