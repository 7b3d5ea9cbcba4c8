import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from '../../test/helpers/attendance-fixture.js';
import { fixedClock } from '../clock.js';
import { GrantBook } from '../auth/grants.js';
import { createReportsHandlers } from './handlers-reports.js';

let f: Fixture;
beforeEach(() => {
  f = makeFixture('2026-01-01');
});
afterEach(() => f.cleanup());

describe('report handlers', () => {
  it('answer the organizer and refuse anyone else', () => {
    const clock = fixedClock('2026-11-26T04:00:00Z');
    const grants = new GrantBook(clock);
    const h = createReportsHandlers({
      db: f.db,
      clock,
      grants,
      dataDir: '',
      contentDir: '',
      startedAt: clock.now(),
    });
    const m = f.member('张国庆', { role: 'secretary' });
    const organizer = grants.issue('organizer', 30).grant;
    const technician = grants.issue('technician', 30).grant;

    const year = h.getYearReport({ grant: organizer, year: 2026 }) as { missedMonths: string[] };
    expect(year.missedMonths).toHaveLength(10); // January to October, nothing held
    const member = h.getMemberReport({ grant: organizer, memberId: m.id, year: 2026 }) as {
      target: number;
    };
    expect(member.target).toBe(56);

    for (const grant of [technician, 'x'.repeat(32)]) {
      expect(() => h.getYearReport({ grant, year: 2026 })).toThrow(/UNAUTHORIZED/);
      expect(() => h.getMemberReport({ grant, memberId: m.id, year: 2026 })).toThrow(
        /UNAUTHORIZED/,
      );
    }
    clock.advance(31 * 60_000); // the grant lapses
    expect(() => h.getYearReport({ grant: organizer, year: 2026 })).toThrow(/UNAUTHORIZED/);
  });
});
