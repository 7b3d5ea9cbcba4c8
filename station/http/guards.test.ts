import { describe, expect, it } from 'vitest';
import { isAllowedHost, newLaunchToken, tokenMatches } from './guards.js';

describe('isAllowedHost', () => {
  it.each([
    ['127.0.0.1:8080', true],
    ['localhost:8080', true],
    ['LOCALHOST:8080', true],
    ['[::1]:8080', true],
    ['127.0.0.1:8081', false],
    ['127.0.0.1', false],
    ['evil.example:8080', false],
    ['127.0.0.1.nip.io:8080', false],
    ['192.168.1.5:8080', false],
    [undefined, false],
    ['', false],
  ])('%s → %s', (host, allowed) => {
    expect(isAllowedHost(host, 8080)).toBe(allowed);
  });
});

describe('launch tokens', () => {
  it('are random, URL-safe and compared exactly', () => {
    const a = newLaunchToken();
    const b = newLaunchToken();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(tokenMatches(a, a)).toBe(true);
    expect(tokenMatches(b, a)).toBe(false);
    expect(tokenMatches(a.slice(0, -1), a)).toBe(false);
    expect(tokenMatches(undefined, a)).toBe(false);
    expect(tokenMatches(null, a)).toBe(false);
  });
});
