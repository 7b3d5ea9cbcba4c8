import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  MANIFEST_FORMAT,
  unsafePathReason,
  type Manifest,
  type ManifestCourse,
} from '../../common/manifest.js';
import { StationFailure } from '../errors.js';
import { copyHashed, syncDir } from './files.js';
import { keyIdOf, signBytes } from './keys.js';
import { readDurationSeconds } from './media-duration.js';

export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.json.sig';

const VIDEO = /\.(mp4|webm|m4v)$/i;

const CourseJson = z.object({
  title: z.string().min(1).max(200).optional(),
  kind: z.string().max(40).optional(),
  audience: z.string().max(100).optional(),
  order: z.number().int().optional(),
  durationSeconds: z.number().nonnegative().optional(),
});

export interface PublishOptions {
  src: string;
  out: string;
  privateKey: crypto.KeyObject;
  version: number;
  expires: Date | null;
  now: Date;
}

/** Writes bytes to a temporary file, fsyncs and renames: a reader sees the old or the new file. */
export function writeFileAtomic(file: string, bytes: Buffer | string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncDir(path.dirname(file));
}

/**
 * The county's side: one folder per course in `src` becomes a course in a signed manifest; the
 * files are copied beside it (hashed while copying) so `out` can be served by any static server or
 * carried on a USB stick. The manifest is written last, then its signature.
 */
export async function publish(opts: PublishOptions): Promise<Manifest> {
  const src = path.resolve(opts.src);
  const out = path.resolve(opts.out);
  if (!fs.existsSync(src) || !fs.statSync(src).isDirectory()) {
    throw new StationFailure('NOT_FOUND', 'fileNotFound', { file: src });
  }
  if (src === out) throw new StationFailure('BAD_REQUEST', 'contentOutIsSource', { dir: out });
  fs.mkdirSync(out, { recursive: true });
  const courses: ManifestCourse[] = [];
  const folders = fs
    .readdirSync(src, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  for (const folder of folders) {
    if (unsafePathReason(folder)) continue;
    const dir = path.join(src, folder);
    const names = fs.readdirSync(dir).sort();
    let meta: z.infer<typeof CourseJson> = {};
    if (names.includes('course.json')) {
      const text = fs.readFileSync(path.join(dir, 'course.json'), 'utf8');
      let parsed;
      try {
        parsed = CourseJson.safeParse(JSON.parse(text));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        throw new StationFailure('BAD_REQUEST', 'contentCourseJsonInvalid', {
          file: path.join(dir, 'course.json'),
        });
      }
      meta = parsed.data;
    }
    const videos = names.filter((n) => VIDEO.test(n));
    if (videos.length === 0) continue;
    const files: ManifestCourse['files'] = [];
    let total: number | null = 0;
    for (const video of videos) {
      const stem = video.replace(VIDEO, '');
      const copied = await copyInto(src, out, `${folder}/${video}`);
      const subtitles = [];
      for (const n of names.filter((n) => n.startsWith(`${stem}.`) && n.endsWith('.vtt'))) {
        const lang = n.slice(stem.length + 1, -'.vtt'.length);
        if (!/^[A-Za-z0-9-]{1,20}$/.test(lang)) continue;
        subtitles.push({ lang, ...(await copyInto(src, out, `${folder}/${n}`)) });
      }
      files.push({ ...copied, subtitles });
      const seconds = readDurationSeconds(path.join(src, folder, video));
      total = total === null || seconds === null ? null : total + seconds;
    }
    courses.push({
      id: folder,
      title: meta.title ?? folder,
      kind: meta.kind ?? null,
      audience: meta.audience ?? null,
      order: meta.order ?? null,
      durationSeconds:
        meta.durationSeconds ?? (total === null ? null : Math.round(total * 1000) / 1000),
      files,
    });
  }
  courses.sort(
    (a, b) =>
      (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) ||
      a.id.localeCompare(b.id),
  );
  const publicKey = crypto.createPublicKey(opts.privateKey);
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: opts.version,
    publishedAt: opts.now.toISOString(),
    expires: opts.expires ? opts.expires.toISOString() : null,
    keyId: keyIdOf(publicKey),
    courses,
  };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  // The signature first: a reader that finds a new manifest finds its signature too. (A reader
  // that catches the new signature with the old manifest is refused and simply retries later.)
  writeFileAtomic(path.join(out, SIGNATURE_FILE), signBytes(bytes, opts.privateKey));
  writeFileAtomic(path.join(out, MANIFEST_FILE), bytes);
  return manifest;
}

async function copyInto(
  src: string,
  out: string,
  rel: string,
): Promise<{ path: string; size: number; sha256: string }> {
  const got = await copyHashed(path.join(src, rel), path.join(out, rel));
  if (!got) throw new Error(`copy failed: ${rel}`);
  return { path: rel, ...got };
}
