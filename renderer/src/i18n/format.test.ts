import { describe, expect, it } from 'vitest';
import { createI18n } from './index.js';
import { en as enMessages } from './en.js';
import {
  clockText,
  formatBytes,
  formatDate,
  formatSessionStart,
  formatUptime,
  localDateTime,
  readIsoWithOffset,
  weekdayOf,
} from './format.js';

const i18n = createI18n();
// English is loaded on demand in the kiosk; here it is added up front.
i18n.addResourceBundle('en', 'translation', enMessages);
const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en');

describe('dates', () => {
  it.each([
    [{ year: 2026, month: 11, day: 26 }, 4],
    [{ year: 2024, month: 2, day: 29 }, 4],
    [{ year: 2000, month: 1, day: 1 }, 6],
    [{ year: 2027, month: 1, day: 3 }, 0],
  ])('%o is weekday %i', (day, weekday) => {
    expect(weekdayOf(day)).toBe(weekday);
  });

  it('writes the Chinese form', () => {
    expect(formatDate(zh, { year: 2026, month: 11, day: 26 })).toBe('2026年11月26日 星期四');
    expect(formatDate(zh, { year: 2027, month: 1, day: 3 })).toBe('2027年1月3日 星期日');
  });

  it('writes the English form', () => {
    expect(formatDate(en, { year: 2026, month: 11, day: 26 })).toBe('Thursday, November 26, 2026');
  });
});

describe('clockText', () => {
  // 2026-11-26T06:05:09Z is 14:05:09 in Shanghai, whatever zone this test runs in.
  const instant = Date.UTC(2026, 10, 26, 6, 5, 9);

  it('shows the station’s time zone, 24-hour, by its offset or by its name', () => {
    expect(clockText(instant, 480)).toEqual({ hm: '14:05', seconds: '09' });
    expect(clockText(instant, 'Asia/Shanghai')).toEqual({ hm: '14:05', seconds: '09' });
    expect(clockText(instant, 0)).toEqual({ hm: '06:05', seconds: '09' });
    expect(clockText(instant, 'UTC')).toEqual({ hm: '06:05', seconds: '09' });
    expect(clockText(instant, -330)).toEqual({ hm: '00:35', seconds: '09' });
  });

  it('shows midnight as 00, not 24', () => {
    expect(clockText(Date.UTC(2026, 10, 25, 16, 0, 0), 480).hm).toBe('00:00');
    expect(clockText(Date.UTC(2026, 10, 25, 16, 0, 0), 'Asia/Shanghai').hm).toBe('00:00');
  });
});

describe('times the station writes', () => {
  it('reads the wall clock and offset off ISO 8601 with an offset', () => {
    expect(readIsoWithOffset('2026-11-28T09:00:00+08:00')).toEqual({
      year: 2026,
      month: 11,
      day: 28,
      hour: 9,
      minute: 0,
      second: 0,
      offsetMinutes: 480,
    });
    expect(readIsoWithOffset('2026-03-29T01:30:15.250-03:30')?.offsetMinutes).toBe(-210);
    expect(readIsoWithOffset('2026-11-28T01:00:00Z')).toBeNull();
    expect(readIsoWithOffset('28/11/2026 09:00')).toBeNull();
  });

  it('shows a session start in the zone it was written in, Intl only for one without offset', () => {
    // The string's own offset wins: the station wrote it in its zone.
    expect(formatSessionStart(zh, '2026-11-28T09:00:00+08:00', 'UTC')).toBe(
      '2026年11月28日 星期六 09:00',
    );
    expect(formatSessionStart(zh, '2026-11-28T01:00:00Z', 'Asia/Shanghai')).toBe(
      '2026年11月28日 星期六 09:00',
    );
    expect(formatSessionStart(en, '2026-11-27T23:30:00+08:00', 'UTC')).toBe(
      'Friday, November 27, 2026 23:30',
    );
    expect(formatSessionStart(zh, 'soon', 'UTC')).toBe('soon');
  });

  it('shows when something happened for the technician, in the station’s zone', () => {
    expect(localDateTime('2026-11-28T09:05:59+08:00', 'UTC')).toBe('2026-11-28 09:05');
    // A UTC time (the health snapshots' form) goes through the zone's name.
    expect(localDateTime('2026-11-27T16:30:00Z', 'Asia/Shanghai')).toBe('2026-11-28 00:30');
    expect(localDateTime('2026-07-01T12:00:00Z', 'Europe/Berlin')).toBe('2026-07-01 14:00');
    expect(localDateTime(null, 'Asia/Shanghai')).toBeNull();
    // Unreadable: shown as it came, where Intl would throw and take the page down.
    expect(localDateTime('garbage', 'Asia/Shanghai')).toBe('garbage');
  });
});

describe('technician figures', () => {
  it('sizes', () => {
    expect(formatBytes(zh, 32 * 1024)).toBe('32 KB');
    expect(formatBytes(zh, 300)).toBe('1 KB');
    expect(formatBytes(en, 5.25 * 1024 * 1024)).toBe('5.3 MB');
  });

  it('uptime', () => {
    expect(formatUptime(zh, 61)).toBe('1 分 1 秒');
    expect(formatUptime(zh, 2 * 3600 + 5 * 60)).toBe('2 小时 5 分');
    expect(formatUptime(en, 3 * 86400 + 3600 + 60)).toBe('3 d 1 h 1 min');
  });
});
