import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StationFailure } from '../errors.js';

export const KEYS_DIR = 'keys';
export const PRIVATE_KEY_FILE = 'terminal.key';
export const PUBLIC_KEY_FILE = 'terminal.pub';

export interface TerminalKey {
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
  /** SPKI PEM: the file the county registers (`station terminals trust terminal.pub`). */
  publicKeyPem: string;
  fingerprint: string;
}

/** SHA-256 (hex) of the SPKI DER encoding: how a key is named in lists and messages. */
export function fingerprintOf(publicKey: crypto.KeyObject): string {
  return crypto
    .createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** Parses an Ed25519 public key in PEM; anything else is a clear error naming the file. */
export function parsePublicKey(pem: string | Buffer, file: string): crypto.KeyObject {
  try {
    const key = crypto.createPublicKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // fall through to the readable error
  }
  throw new StationFailure('BAD_REQUEST', 'publicKeyBad', { file });
}

function writePrivate(file: string, text: string): void {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, text, { mode: 0o600, flag: 'wx' });
  fs.renameSync(partial, file);
}

/**
 * The terminal's own Ed25519 key pair in DATA/keys (PKCS#8 and SPKI PEM, mode 0600): created on
 * first use, so data directories made before this existed get one too. The private key never
 * leaves the terminal; bundles carry the public key, and the county registers its fingerprint.
 */
export function ensureTerminalKey(dataDir: string): TerminalKey {
  const dir = path.join(dataDir, KEYS_DIR);
  const keyFile = path.join(dir, PRIVATE_KEY_FILE);
  const pubFile = path.join(dir, PUBLIC_KEY_FILE);
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    writePrivate(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  }
  const privateKey = crypto.createPrivateKey(fs.readFileSync(keyFile));
  const publicKey = crypto.createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  // The public half is derived from the private one, so a lost or edited .pub heals itself.
  if (!fs.existsSync(pubFile) || fs.readFileSync(pubFile, 'utf8') !== publicKeyPem) {
    writePrivate(pubFile, publicKeyPem);
  }
  return { privateKey, publicKey, publicKeyPem, fingerprint: fingerprintOf(publicKey) };
}
