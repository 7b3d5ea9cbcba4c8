import {
  ManifestSchema,
  unsafePathReason,
  type Manifest,
  type ManifestRefusal,
} from '../../common/manifest.js';
import { StationFailure } from '../errors.js';
import { verifyBytes, type TrustedKey } from './keys.js';

/** Largest manifest.json we read: thousands of courses fit in far less. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

export interface CheckedManifest {
  manifest: Manifest;
  /** The trusted key that verified the signature. */
  keyId: string;
  /** True when this version was already accepted: nothing new, not an error. */
  upToDate: boolean;
}

function refuse(
  reason: ManifestRefusal,
  key: ConstructorParameters<typeof StationFailure>[1],
  params: Record<string, string | number> = {},
): never {
  throw new StationFailure(reason === 'rollback' ? 'CONFLICT' : 'BAD_REQUEST', key, params, {
    reason,
  });
}

/**
 * Decides whether a manifest may be accepted: signed by a trusted key over these exact bytes,
 * well-formed with only safe relative paths, not expired at `now`, and not older than the last
 * accepted version (rollback and freeze protection). Throws a StationFailure whose details name
 * the reason; checks nothing on disk and changes nothing.
 */
export function checkManifest(
  bytes: Buffer,
  signature: Buffer,
  keys: readonly TrustedKey[],
  now: Date,
  lastVersion: number | null,
): CheckedManifest {
  if (bytes.length > MAX_MANIFEST_BYTES)
    refuse('malformed', 'contentManifestMalformed', { detail: 'too large' });
  const signer = keys.find((k) => verifyBytes(bytes, signature, k.key));
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = undefined;
  }
  if (!signer) {
    const claimed =
      json && typeof json === 'object' && 'keyId' in json
        ? String((json as { keyId: unknown }).keyId)
        : '';
    if (claimed && !keys.some((k) => k.keyId === claimed)) {
      refuse('unknown-key', 'contentUnknownKey', { keyId: claimed });
    }
    refuse('signature', 'contentBadSignature');
  }
  if (json === undefined) refuse('malformed', 'contentManifestMalformed', { detail: 'not JSON' });
  // A path check first, so a `../../etc/passwd` entry is named as such rather than as a schema slip.
  const paths = collectPaths(json);
  for (const p of paths) {
    const reason = unsafePathReason(p);
    if (reason) refuse('unsafe-path', 'contentUnsafePath', { path: p });
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    refuse('malformed', 'contentManifestMalformed', {
      detail: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    });
  }
  const manifest = parsed.data;
  if (manifest.expires !== null) {
    const expires = Date.parse(manifest.expires);
    if (Number.isNaN(expires))
      refuse('malformed', 'contentManifestMalformed', { detail: 'expires' });
    if (expires <= now.getTime())
      refuse('expired', 'contentExpired', { expires: manifest.expires });
  }
  if (lastVersion !== null && manifest.version < lastVersion) {
    refuse('rollback', 'contentRollback', { version: manifest.version, last: lastVersion });
  }
  return { manifest, keyId: signer.keyId, upToDate: lastVersion === manifest.version };
}

/** Every `path` string under courses[].files[] and their subtitles, before schema validation. */
function collectPaths(json: unknown): string[] {
  const out: string[] = [];
  const courses = (json as { courses?: unknown })?.courses;
  if (!Array.isArray(courses)) return out;
  for (const c of courses) {
    const files = (c as { files?: unknown })?.files;
    if (!Array.isArray(files)) continue;
    for (const f of files) {
      const p = (f as { path?: unknown })?.path;
      if (typeof p === 'string') out.push(p);
      const subs = (f as { subtitles?: unknown })?.subtitles;
      if (Array.isArray(subs)) {
        for (const s of subs) {
          const sp = (s as { path?: unknown })?.path;
          if (typeof sp === 'string') out.push(sp);
        }
      }
    }
  }
  return out;
}
