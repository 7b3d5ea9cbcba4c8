import { describe, expect, it } from 'vitest';
import { isSealed, seal, unseal } from './sealed.js';

// The cheapest cost the reader accepts keeps these tests fast; the format records the cost.
const FAST = { logN: 10, r: 8, p: 1 };
const plain = new TextEncoder().encode('学习站备份 backup contents');

describe('sealed backups', () => {
  it('opens with the right passphrase', () => {
    const sealed = seal(plain, '正确的密码 words', FAST);
    expect(isSealed(sealed)).toBe(true);
    const opened = unseal(sealed, '正确的密码 words');
    expect(opened.ok && new TextDecoder().decode(opened.plain)).toBe('学习站备份 backup contents');
  });

  it('refuses a wrong passphrase', () => {
    expect(unseal(seal(plain, 'right', FAST), 'wrong')).toEqual({
      ok: false,
      reason: 'authentication',
    });
  });

  it('refuses any flipped bit, in the header or the body, and a truncated file', () => {
    const sealed = seal(plain, 'pw', FAST);
    for (const at of [9, 20, 40, sealed.length - 20, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at]! ^= 0x01;
      expect(unseal(bad, 'pw').ok).toBe(false);
    }
    expect(unseal(sealed.subarray(0, 30), 'pw')).toEqual({ ok: false, reason: 'truncated' });
  });

  it('refuses a header asking for an absurd scrypt cost rather than exhausting memory', () => {
    const bad = Buffer.from(seal(plain, 'pw', FAST));
    bad[8] = 30; // logN
    expect(unseal(bad, 'pw')).toEqual({ ok: false, reason: 'unsupported' });
  });

  it('never repeats salt or nonce', () => {
    const a = seal(plain, 'pw', FAST);
    const b = seal(plain, 'pw', FAST);
    expect(a.subarray(11, 39).equals(b.subarray(11, 39))).toBe(false);
  });
});
