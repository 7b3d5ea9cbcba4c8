import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';

export const PRIVATE_KEY_FILE = 'county.key';
export const PUBLIC_KEY_FILE = 'county.pub';

/** A key's id: the first 16 hex digits of SHA-256 over its SPKI DER encoding. */
export function keyIdOf(publicKey: crypto.KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** Writes a new Ed25519 pair; refuses to overwrite an existing private key (a county's identity). */
export function generateKeyPair(outDir: string): {
  keyFile: string;
  pubFile: string;
  keyId: string;
} {
  const keyFile = path.join(outDir, PRIVATE_KEY_FILE);
  const pubFile = path.join(outDir, PUBLIC_KEY_FILE);
  if (fs.existsSync(keyFile))
    throw new StationFailure('CONFLICT', 'contentKeyExists', { file: keyFile });
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(pubFile, publicKey.export({ type: 'spki', format: 'pem' }));
  // 0600: the private key signs what every station in the county will play.
  fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
    flag: 'wx',
  });
  return { keyFile, pubFile, keyId: keyIdOf(publicKey) };
}

export function readPrivateKey(file: string): crypto.KeyObject {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch {
    throw new StationFailure('NOT_FOUND', 'fileNotFound', { file });
  }
  try {
    const key = crypto.createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw new StationFailure('BAD_REQUEST', 'contentKeyInvalid', { file });
  }
}

export function parsePublicKey(pem: string, file: string): crypto.KeyObject {
  try {
    const key = crypto.createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw new StationFailure('BAD_REQUEST', 'contentKeyInvalid', { file });
  }
}

export interface TrustedKey {
  keyId: string;
  label: string;
  key: crypto.KeyObject;
}

/** Adds a public key to the trusted set; trusting the same key twice is not an error. */
export function trustKey(db: Db, pem: string, label: string, now: Date, file = label): TrustedKey {
  const key = parsePublicKey(pem, file);
  const keyId = keyIdOf(key);
  db.prepare(
    `INSERT INTO content_keys (key_id, public_key_pem, label, added_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key_id) DO NOTHING`,
  ).run(keyId, key.export({ type: 'spki', format: 'pem' }).toString(), label, now.toISOString());
  return { keyId, label, key };
}

export function trustedKeys(db: Db): TrustedKey[] {
  const rows = db
    .prepare('SELECT key_id, public_key_pem, label FROM content_keys ORDER BY added_at')
    .all() as { key_id: string; public_key_pem: string; label: string }[];
  return rows.map((r) => ({
    keyId: r.key_id,
    label: r.label,
    key: crypto.createPublicKey(r.public_key_pem),
  }));
}

/** Detached Ed25519 signature over the exact bytes: what `openssl pkeyutl -rawin` checks. */
export function signBytes(bytes: Buffer, privateKey: crypto.KeyObject): Buffer {
  return crypto.sign(null, bytes, privateKey);
}

export function verifyBytes(bytes: Buffer, signature: Buffer, key: crypto.KeyObject): boolean {
  if (signature.length !== 64) return false;
  try {
    return crypto.verify(null, bytes, key, signature);
  } catch {
    return false;
  }
}
