import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FORMAT, unsafePathReason } from '../../common/manifest.js';
import { StationFailure } from '../errors.js';
import { checkManifest } from './check-manifest.js';
import { keyIdOf, signBytes, type TrustedKey } from './keys.js';

const county = crypto.generateKeyPairSync('ed25519');
const stranger = crypto.generateKeyPairSync('ed25519');
const trusted: TrustedKey[] = [
  { keyId: keyIdOf(county.publicKey), label: 'county', key: county.publicKey },
];
const NOW = new Date('2026-11-26T00:00:00Z');
const sha = 'a'.repeat(64);

function manifest(over: Record<string, unknown> = {}, path = 'c1/v.mp4') {
  return {
    format: MANIFEST_FORMAT,
    version: 5,
    publishedAt: NOW.toISOString(),
    expires: null,
    keyId: keyIdOf(county.publicKey),
    courses: [{ id: 'c1', title: '课', files: [{ path, size: 10, sha256: sha }] }],
    ...over,
  };
}

function signed(m: object, key = county.privateKey) {
  const bytes = Buffer.from(JSON.stringify(m));
  return { bytes, signature: signBytes(bytes, key) };
}

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StationFailure);
    return String((err as StationFailure).details?.reason);
  }
  return 'accepted';
}

describe('checkManifest', () => {
  it('accepts a signed, current manifest newer than the last one, with defaults filled in', () => {
    const { bytes, signature } = signed(manifest());
    const r = checkManifest(bytes, signature, trusted, NOW, 4);
    expect(r.upToDate).toBe(false);
    expect(r.keyId).toBe(trusted[0]!.keyId);
    expect(r.manifest.courses[0]).toMatchObject({ kind: null, durationSeconds: null });
    expect(r.manifest.courses[0]!.files[0]!.subtitles).toEqual([]);
  });

  it('calls the same version again up to date', () => {
    const { bytes, signature } = signed(manifest());
    expect(checkManifest(bytes, signature, trusted, NOW, 5).upToDate).toBe(true);
  });

  it.each([
    ['a lower version', () => signed(manifest()), 6, 'rollback'],
    [
      'an expired date',
      () => signed(manifest({ expires: '2026-11-25T00:00:00Z' })),
      null,
      'expired',
    ],
    [
      'an unknown key',
      () => signed(manifest({ keyId: keyIdOf(stranger.publicKey) }), stranger.privateKey),
      null,
      'unknown-key',
    ],
    [
      'a key that claims to be the county',
      () => signed(manifest(), stranger.privateKey),
      null,
      'signature',
    ],
    ['a wrong format', () => signed(manifest({ format: 'other/1' })), null, 'malformed'],
    ['a traversal path', () => signed(manifest({}, '../../etc/passwd')), null, 'unsafe-path'],
    ['an absolute path', () => signed(manifest({}, '/etc/passwd')), null, 'unsafe-path'],
    ['a backslash path', () => signed(manifest({}, 'c1\\v.mp4')), null, 'unsafe-path'],
  ])('refuses %s', (_name, make, last, reason) => {
    const { bytes, signature } = make();
    expect(reasonOf(() => checkManifest(bytes, signature, trusted, NOW, last))).toBe(reason);
  });

  it('refuses one altered byte and a truncated signature', () => {
    const { bytes, signature } = signed(manifest());
    const altered = Buffer.from(bytes);
    altered[altered.length - 3] = altered[altered.length - 3]! ^ 1;
    expect(reasonOf(() => checkManifest(altered, signature, trusted, NOW, null))).toBe('signature');
    expect(
      reasonOf(() => checkManifest(bytes, signature.subarray(0, 63), trusted, NOW, null)),
    ).toBe('signature');
  });
});

describe('unsafePathReason', () => {
  it.each([
    ['c1/v.mp4', null],
    ['党课/第一讲.mp4', null],
    ['../x', 'segment'],
    ['c1/../../x', 'segment'],
    ['c1//x', 'segment'],
    ['./x', 'segment'],
    ['/etc/passwd', 'absolute'],
    ['c1\\x', 'backslash'],
    ['C:/x', 'drive letter'],
    ['c1/x\u0000.mp4', 'control character'],
    ['', 'length'],
  ])('%j → %s', (p, reason) => {
    expect(unsafePathReason(p)).toBe(reason);
  });
});
