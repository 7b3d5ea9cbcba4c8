import { describe, expect, it } from 'vitest';
import { stageAt } from './reminders.js';

const start = new Date('2027-01-09T09:00:00+08:00');
const end = new Date('2027-01-09T10:30:00+08:00');
const at = (iso: string) => new Date(iso);

describe('stageAt', () => {
  it.each([
    ['two days before', '2027-01-07T09:00:00+08:00', null],
    ['25 hours before', '2027-01-08T08:00:00+08:00', null],
    ['the day before, 24 h ahead', '2027-01-08T09:00:00+08:00', 'day-before'],
    ['the evening before', '2027-01-08T20:00:00+08:00', 'day-before'],
    ['61 minutes before', '2027-01-09T07:59:00+08:00', 'day-before'],
    ['one hour before', '2027-01-09T08:00:00+08:00', 'hour-before'],
    ['one minute before', '2027-01-09T08:59:00+08:00', 'hour-before'],
    ['at start time', '2027-01-09T09:00:00+08:00', 'start'],
    ['14 minutes in', '2027-01-09T09:14:00+08:00', 'start'],
    ['15 minutes in: the banner is gone', '2027-01-09T09:15:00+08:00', null],
    ['after the end', '2027-01-09T11:00:00+08:00', null],
  ] as const)('%s', (_name, now, want) => {
    expect(stageAt({ start, end }, at(now))).toBe(want);
  });

  it('takes the banner down at the end of a session shorter than 15 minutes', () => {
    const shortEnd = new Date(start.getTime() + 10 * 60_000);
    expect(stageAt({ start, end: shortEnd }, at('2027-01-09T09:11:00+08:00'))).toBeNull();
  });
});
