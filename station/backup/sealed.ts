import crypto from 'node:crypto';

/**
 * Passphrase protection of a backup: scrypt turns the passphrase into an AES-256-GCM key; the
 * header (magic, version, scrypt cost, salt, nonce) is authenticated along with the contents, so
 * a wrong passphrase and a single flipped bit are both caught before anything is restored.
 * Layout (docs/backup.md):
 *   "SSBKENC1" | logN (1) | r (1) | p (1) | salt (16) | nonce (12) | ciphertext | tag (16)
 */
export const SEALED_MAGIC = Buffer.from('SSBKENC1', 'latin1');
const HEADER_BYTES = SEALED_MAGIC.length + 3 + 16 + 12;
const TAG_BYTES = 16;
/** 2^15 × 8 × 128 bytes = 32 MiB of memory per guess: slow to brute-force, fine on a terminal. */
const DEFAULT_COST = { logN: 15, r: 8, p: 1 };

function deriveKey(passphrase: string, salt: Buffer, cost: typeof DEFAULT_COST): Buffer {
  const N = 2 ** cost.logN;
  return crypto.scryptSync(passphrase.normalize('NFC'), salt, 32, {
    N,
    r: cost.r,
    p: cost.p,
    maxmem: 256 * N * cost.r,
  });
}

export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= SEALED_MAGIC.length && SEALED_MAGIC.equals(bytes.subarray(0, 8));
}

export function seal(plain: Uint8Array, passphrase: string, cost = DEFAULT_COST): Buffer {
  const salt = crypto.randomBytes(16);
  const nonce = crypto.randomBytes(12);
  const header = Buffer.concat([
    SEALED_MAGIC,
    Buffer.from([cost.logN, cost.r, cost.p]),
    salt,
    nonce,
  ]);
  const cipher = crypto.createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, cost), nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

export type UnsealResult =
  | { ok: true; plain: Buffer }
  | { ok: false; reason: 'truncated' | 'unsupported' | 'authentication' };

/** Wrong passphrase and tampering are indistinguishable by design: both fail authentication. */
export function unseal(sealed: Uint8Array, passphrase: string): UnsealResult {
  const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (buf.length < HEADER_BYTES + TAG_BYTES) return { ok: false, reason: 'truncated' };
  const at = SEALED_MAGIC.length;
  const cost = { logN: buf[at]!, r: buf[at + 1]!, p: buf[at + 2]! };
  // Refuse costs no writer of this format chooses: a crafted header must not exhaust memory.
  if (cost.logN < 10 || cost.logN > 20 || cost.r < 1 || cost.r > 16 || cost.p < 1 || cost.p > 4) {
    return { ok: false, reason: 'unsupported' };
  }
  const salt = buf.subarray(at + 3, at + 19);
  const nonce = buf.subarray(at + 19, HEADER_BYTES);
  const decipher = crypto.createDecipheriv('aes-256-gcm', deriveKey(passphrase, salt, cost), nonce);
  decipher.setAAD(buf.subarray(0, HEADER_BYTES));
  decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  try {
    const plain = Buffer.concat([
      decipher.update(buf.subarray(HEADER_BYTES, buf.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return { ok: true, plain };
  } catch {
    return { ok: false, reason: 'authentication' };
  }
}
