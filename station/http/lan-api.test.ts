import { describe, expect, it } from 'vitest';
import { StationFailure } from '../errors.js';
import { AttemptLimiter } from './api-tokens.js';
import { decodeCursor, encodeCursor, parseLanAddress } from './lan-api.js';

describe('LAN address', () => {
  it.each([
    ['192.168.1.20:8080', { host: '192.168.1.20', port: 8080 }],
    ['0.0.0.0:0', { host: '0.0.0.0', port: 0 }],
    ['[fe80::1]:17381', { host: 'fe80::1', port: 17381 }],
  ])('%s is accepted', (text, expected) => {
    expect(parseLanAddress(text)).toEqual(expected);
  });
  it.each([
    '192.168.1.20',
    'village.local:80',
    '300.1.1.1:80',
    '10.0.0.1:70000',
    ':80',
    'fe80::1:80',
  ])('%s is refused', (text) => {
    expect(() => parseLanAddress(text)).toThrow(StationFailure);
  });
});

describe('cursors', () => {
  it('round-trip, and anything else is refused rather than read as 0', () => {
    expect(decodeCursor(encodeCursor(12345))).toBe(12345);
    expect(decodeCursor(null)).toBe(0);
    expect(decodeCursor('12')).toBeNull();
    expect(decodeCursor(Buffer.from('id:-1').toString('base64url'))).toBeNull();
  });
});

describe('attempt limiter', () => {
  it('refuses an address after the failures of a window, and forgives when it has passed', () => {
    const l = new AttemptLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfter('10.0.0.5', i * 1000)).toBe(0);
      l.fail('10.0.0.5', i * 1000);
    }
    expect(l.retryAfter('10.0.0.5', 3000)).toBe(57); // the first failure leaves the window at 60 s
    expect(l.retryAfter('10.0.0.6', 3000)).toBe(0); // other addresses are not punished
    expect(l.retryAfter('10.0.0.5', 60_001)).toBe(0);
  });
});
