/**
 * The content manifest: what the county publishes and every station checks before it trusts a
 * byte. A contract (docs/manifest.md): the hub, `station content publish` and the station all read
 * and write exactly this shape. The signature is over the exact bytes of manifest.json, so the
 * parser never re-serialises what it checked.
 */
import { z } from 'zod';

export const MANIFEST_FORMAT = 'study-station-manifest/1';

/** Why a station refuses a manifest (station/content/check-manifest.ts names one per refusal). */
export type ManifestRefusal =
  'signature' | 'unknown-key' | 'malformed' | 'unsafe-path' | 'expired' | 'rollback';

/** Largest file a manifest may name (1 TiB): anything bigger is a lie, not a course. */
export const MAX_FILE_SIZE = 2 ** 40;

/**
 * Why a file path is unsafe, or null when it is a plain relative POSIX path whose every segment
 * is a real name: no `..`, no absolute path, no backslash (a Windows separator), no drive letter,
 * no control characters.
 */
export function unsafePathReason(p: string): string | null {
  if (p.length === 0 || p.length > 1024) return 'length';
  if (p.includes('\\')) return 'backslash';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) return 'control character';
  if (p.startsWith('/')) return 'absolute';
  if (/^[a-zA-Z]:/.test(p)) return 'drive letter';
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.' || seg === '..') return 'segment';
    if (seg.length > 255) return 'segment length';
  }
  return null;
}

const SafePath = z.string().superRefine((p, ctx) => {
  const reason = unsafePathReason(p);
  if (reason) ctx.addIssue({ code: 'custom', message: `unsafe path (${reason}): ${p}` });
});

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const Size = z.number().int().min(0).max(MAX_FILE_SIZE);

export const ManifestSubtitleSchema = z.object({
  lang: z.string().regex(/^[A-Za-z0-9-]{1,20}$/),
  path: SafePath,
  size: Size,
  sha256: Sha256,
});

export const ManifestFileSchema = z.object({
  path: SafePath,
  size: Size,
  sha256: Sha256,
  subtitles: z.array(ManifestSubtitleSchema).default([]),
});

export const ManifestCourseSchema = z.object({
  id: z.string().regex(/^[^/\\\0]{1,100}$/),
  title: z.string().min(1).max(200),
  kind: z.string().max(40).nullable().default(null),
  audience: z.string().max(100).nullable().default(null),
  order: z.number().int().nullable().default(null),
  durationSeconds: z.number().nonnegative().nullable().default(null),
  files: z.array(ManifestFileSchema).min(1),
});

export const ManifestSchema = z
  .object({
    format: z.literal(MANIFEST_FORMAT),
    version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    publishedAt: z.string(),
    /** ISO 8601 with offset, or null for a manifest that never expires. */
    expires: z.string().nullable().default(null),
    /** Fingerprint of the signing key (first 16 hex digits of SHA-256 over its SPKI DER). */
    keyId: z.string().regex(/^[0-9a-f]{16}$/),
    courses: z.array(ManifestCourseSchema),
  })
  .superRefine((m, ctx) => {
    const ids = new Set<string>();
    const paths = new Map<string, string>();
    for (const c of m.courses) {
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', message: `duplicate course id: ${c.id}` });
      ids.add(c.id);
      for (const f of c.files.flatMap((f) => [f, ...f.subtitles])) {
        const seen = paths.get(f.path);
        if (seen !== undefined && seen !== f.sha256) {
          ctx.addIssue({ code: 'custom', message: `one path, two contents: ${f.path}` });
        }
        paths.set(f.path, f.sha256);
      }
    }
  });

export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestCourse = z.infer<typeof ManifestCourseSchema>;
export type ManifestFile = z.infer<typeof ManifestFileSchema>;

/** Every file a manifest names (videos and subtitles), once per path. */
export function manifestFiles(m: Manifest): { path: string; size: number; sha256: string }[] {
  const out = new Map<string, { path: string; size: number; sha256: string }>();
  for (const c of m.courses) {
    for (const f of c.files) {
      out.set(f.path, { path: f.path, size: f.size, sha256: f.sha256 });
      for (const s of f.subtitles)
        out.set(s.path, { path: s.path, size: s.size, sha256: s.sha256 });
    }
  }
  return [...out.values()];
}
