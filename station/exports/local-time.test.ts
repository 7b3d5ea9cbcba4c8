import { describe, expect, it } from 'vitest';
import { isoWithOffset } from '../domain/zoned-time.js';
import { LocalTime } from './local-time.js';
import { csvLine } from './csv.js';

describe('LocalTime (the fast path of the exports)', () => {
  it.each(['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'])(
    'agrees with Intl every 53 minutes across a year in %s, DST changes included',
    (zone) => {
      const lt = new LocalTime(zone);
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 53 * 60_000 + 13_000) {
        const iso = new Date(ms).toISOString();
        const expected = isoWithOffset(new Date(ms), zone).slice(0, 19).replace('T', ' ');
        expect(lt.dateTime(iso)).toBe(expected);
      }
    },
    30_000,
  );

  it('gives dates and times in the zone', () => {
    const lt = new LocalTime('Asia/Shanghai');
    expect(lt.date('2026-11-13T16:30:00.000Z')).toBe('2026-11-14');
    expect(lt.time('2026-11-13T16:30:00.000Z')).toBe('00:30');
    expect(lt.wallClock('2026-11-13T16:30:00.000Z').toISOString()).toBe('2026-11-14T00:30:00.000Z');
  });
});

describe('CSV lines', () => {
  it('quote what needs quoting (RFC 4180) and end in CRLF', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', null, 2.5, ''])).toBe(
      'a,"b,c","say ""hi""","two\nlines",,2.5,\r\n',
    );
  });
});
