import { describe, expect, it } from 'vitest';
import { assessClock, type ClockEvidence } from './clock-trust.js';

const T = (iso: string) => Date.parse(iso);
const DRIFT = 10 * 60_000;
const boot = { monoMs: 1_000_000, boot: 'boot-a' };

describe('assessClock', () => {
  const cases: [string, ClockEvidence, string, typeof boot, boolean, string][] = [
    [
      'fresh install trusts the system clock',
      { highWaterAt: null, good: null },
      '2000-01-01T00:00:00Z',
      boot,
      true,
      'fresh-install',
    ],
    [
      'later than the last record is fine',
      { highWaterAt: T('2026-11-20T08:00:00Z'), good: null },
      '2026-11-26T08:00:00Z',
      boot,
      true,
      'consistent',
    ],
    [
      '2000-01-01 after records exist is untrusted',
      { highWaterAt: T('2026-11-20T08:00:00Z'), good: null },
      '2000-01-01T00:00:00Z',
      boot,
      false,
      'behind-last-record',
    ],
    [
      'a few minutes behind the mark is tolerated',
      { highWaterAt: T('2026-11-20T08:00:00Z'), good: null },
      '2026-11-20T07:55:00Z',
      boot,
      true,
      'consistent',
    ],
    [
      'same boot: good time + monotonic elapsed agrees',
      {
        highWaterAt: null,
        good: {
          at: T('2026-11-26T08:00:00Z'),
          monoMs: 400_000,
          boot: 'boot-a',
          source: 'http-date',
        },
      },
      '2026-11-26T08:10:00Z',
      boot,
      true,
      'agrees-with-source',
    ],
    [
      'same boot: far ahead of the source is untrusted',
      {
        highWaterAt: null,
        good: {
          at: T('2026-11-26T08:00:00Z'),
          monoMs: 400_000,
          boot: 'boot-a',
          source: 'http-date',
        },
      },
      '2026-11-26T09:30:00Z',
      boot,
      false,
      'ahead-of-source',
    ],
    [
      'same boot: behind the source is untrusted',
      {
        highWaterAt: null,
        good: { at: T('2026-11-26T08:00:00Z'), monoMs: 400_000, boot: 'boot-a', source: 'ntp' },
      },
      '2026-11-26T07:00:00Z',
      boot,
      false,
      'behind-source',
    ],
    [
      'after a reboot the good time is only a lower bound',
      {
        highWaterAt: null,
        good: { at: T('2026-11-26T08:00:00Z'), monoMs: 400_000, boot: 'boot-0', source: 'ntp' },
      },
      '2027-03-01T00:00:00Z',
      boot,
      true,
      'consistent',
    ],
    [
      'after a reboot, behind the good time is untrusted',
      {
        highWaterAt: null,
        good: { at: T('2026-11-26T08:00:00Z'), monoMs: 400_000, boot: 'boot-0', source: 'ntp' },
      },
      '2000-01-01T00:00:00Z',
      boot,
      false,
      'behind-last-record',
    ],
    [
      'a good source outranks a high-water mark pushed into the future',
      {
        highWaterAt: T('2099-01-01T00:00:00Z'),
        good: {
          at: T('2026-11-26T08:00:00Z'),
          monoMs: 1_000_000,
          boot: 'boot-a',
          source: 'technician-url',
        },
      },
      '2026-11-26T08:00:00Z',
      boot,
      true,
      'agrees-with-source',
    ],
    [
      'an unknown boot id gives no monotonic anchor',
      {
        highWaterAt: null,
        good: { at: T('2026-11-26T08:00:00Z'), monoMs: 400_000, boot: null, source: 'ntp' },
      },
      '2026-11-27T08:00:00Z',
      { monoMs: 1_000_000, boot: null } as unknown as typeof boot,
      true,
      'consistent',
    ],
  ];
  it.each(cases)('%s', (_name, evidence, now, reading, trusted, reason) => {
    const a = assessClock(evidence, T(now), reading, DRIFT);
    expect({ trusted: a.trusted, reason: a.reason }).toEqual({ trusted, reason });
  });

  it('gives the expected time from the source and the monotonic clock', () => {
    const a = assessClock(
      {
        highWaterAt: null,
        good: { at: T('2026-11-26T08:00:00Z'), monoMs: 0, boot: 'b', source: 'ntp' },
      },
      T('2026-11-26T08:00:00Z'),
      { monoMs: 60_000, boot: 'b' },
      DRIFT,
    );
    expect(new Date(a.expectedAt!).toISOString()).toBe('2026-11-26T08:01:00.000Z');
  });
});
