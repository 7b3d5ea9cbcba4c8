import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MANIFEST_FORMAT, manifestFiles, type Manifest } from '../../common/manifest.js';
import type { Db } from '../db/open.js';
import { appRoot } from '../paths.js';
import { checkManifest } from './check-manifest.js';
import { syncDir } from './files.js';
import { keyIdOf, signBytes } from './keys.js';
import {
  acceptedManifest,
  activate,
  cacheDirs,
  ensureCacheDirs,
  objectPath,
  recordManifest,
  setObjectState,
} from './store.js';

export const DEMO_COURSE_ID = 'demo';

/**
 * Puts the demo course (resources/demo-course) into the verified cache as manifest version 0, so
 * a demo station plays through exactly the path real content takes: listed from a signed manifest,
 * served only from verified objects. The manifest is signed with a throw-away key that is checked
 * once and never trusted (its private half is never written anywhere), so no one can later sign
 * content this station accepts. Version 0: the county's first release (version ≥ 1) replaces it.
 * Does nothing on a station that already has content.
 */
export function installDemoCourse(db: Db, now: Date): boolean {
  if (acceptedManifest(db)) return false;
  const source = path.join(appRoot(), 'resources', 'demo-course');
  if (!fs.existsSync(source)) return false;
  const meta = JSON.parse(fs.readFileSync(path.join(source, 'course.json'), 'utf8')) as {
    title: string;
    kind?: string;
    audience?: string;
    order?: number;
    durationSeconds?: number;
  };
  const names = fs.readdirSync(source).sort();
  const entry = (name: string) => {
    const bytes = fs.readFileSync(path.join(source, name));
    return {
      path: `${DEMO_COURSE_ID}/${name}`,
      size: bytes.length,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    };
  };
  const files = names
    .filter((n) => /\.(mp4|webm)$/.test(n))
    .map((video) => {
      const stem = video.replace(/\.(mp4|webm)$/, '');
      const subtitles = names
        .filter((n) => n.startsWith(`${stem}.`) && n.endsWith('.vtt'))
        .map((n) => ({ lang: n.slice(stem.length + 1, -'.vtt'.length), ...entry(n) }));
      return { ...entry(video), subtitles };
    });
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: 0,
    publishedAt: now.toISOString(),
    expires: null,
    keyId: keyIdOf(publicKey),
    courses: [
      {
        id: DEMO_COURSE_ID,
        title: meta.title,
        kind: meta.kind ?? null,
        audience: meta.audience ?? null,
        order: meta.order ?? null,
        durationSeconds: meta.durationSeconds ?? null,
        files,
      },
    ],
  };
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  const signature = signBytes(bytes, privateKey);
  const checked = checkManifest(
    bytes,
    signature,
    [{ keyId: keyIdOf(publicKey), label: 'demo', key: publicKey }],
    now,
    null,
  );

  const dirs = cacheDirs(db);
  ensureCacheDirs(dirs);
  recordManifest(db, { ...checked, bytes, signature, source: 'demo' }, now);
  for (const f of manifestFiles(checked.manifest)) {
    const data = fs.readFileSync(path.join(source, f.path.slice(DEMO_COURSE_ID.length + 1)));
    if (crypto.createHash('sha256').update(data).digest('hex') !== f.sha256) return false;
    const tmp = path.join(dirs.partial, `${f.sha256}.demo-${process.pid}`);
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, objectPath(dirs, f.sha256));
    setObjectState(db, f.sha256, 'verified', now, null);
  }
  syncDir(dirs.objects);
  activate(db, 0, now);
  return true;
}
