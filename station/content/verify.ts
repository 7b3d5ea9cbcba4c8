import fs from 'node:fs';
import path from 'node:path';
import { manifestFiles } from '../../common/manifest.js';
import type { Db } from '../db/open.js';
import { StationFailure } from '../errors.js';
import { copyHashed, sha256OfFile } from './files.js';
import { MANIFEST_FILE, SIGNATURE_FILE, writeFileAtomic } from './publish.js';
import {
  acceptedManifest,
  activeManifest,
  cacheDirs,
  objectPath,
  objectRow,
  setObjectState,
} from './store.js';

export interface VerifyReport {
  files: { path: string; status: 'verified' | 'corrupt' | 'missing' }[];
}

/**
 * Re-hashes every file of the served and the accepted manifest. A file whose bytes no longer match
 * is moved to quarantine (kept for the technician, never served) and marked corrupt, which stops
 * the kiosk listing its course and makes the next sync fetch it again.
 */
export async function verifyCache(db: Db, now: () => Date): Promise<VerifyReport> {
  const dirs = cacheDirs(db);
  const files = new Map<string, { path: string; sha256: string; size: number }>();
  for (const m of [activeManifest(db), acceptedManifest(db)]) {
    if (m) for (const f of manifestFiles(m.manifest)) files.set(`${f.path}\0${f.sha256}`, f);
  }
  const bySha = new Map<string, 'verified' | 'corrupt' | 'missing'>();
  const out: VerifyReport['files'] = [];
  for (const f of [...files.values()].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  )) {
    let status = bySha.get(f.sha256);
    if (!status) {
      const file = objectPath(dirs, f.sha256);
      const row = objectRow(db, f.sha256);
      if (!fs.existsSync(file)) {
        status = 'missing';
        if (row?.state === 'verified') setObjectState(db, f.sha256, 'missing', now());
      } else {
        const got = await sha256OfFile(file);
        if (got.sha256 === f.sha256 && got.size === f.size) {
          status = 'verified';
          if (row?.state !== 'verified') setObjectState(db, f.sha256, 'verified', now(), null);
        } else {
          status = 'corrupt';
          // Mark first, then move: from this moment nothing serves it.
          setObjectState(db, f.sha256, 'corrupt', now());
          fs.mkdirSync(dirs.quarantine, { recursive: true });
          const stamp = now().toISOString().replace(/[:.]/g, '-');
          fs.renameSync(file, path.join(dirs.quarantine, `${f.sha256}-${stamp}`));
        }
      }
      bySha.set(f.sha256, status);
    }
    out.push({ path: f.path, status });
  }
  return { files: out };
}

/**
 * Writes the served content as a publishable folder: the county's manifest and signature exactly
 * as received, and every file copied with its hash checked, so another station can import it.
 */
export async function exportCache(
  db: Db,
  outDir: string,
): Promise<{ version: number; files: number }> {
  const active = activeManifest(db);
  if (!active) throw new StationFailure('NOT_FOUND', 'contentNothingToExport');
  const dirs = cacheDirs(db);
  const out = path.resolve(outDir);
  fs.mkdirSync(out, { recursive: true });
  const files = manifestFiles(active.manifest);
  for (const f of files) {
    const copied = await copyHashed(
      objectPath(dirs, f.sha256),
      path.join(out, ...f.path.split('/')),
      f,
    );
    if (!copied) throw new StationFailure('STORAGE', 'contentNothingToExport');
  }
  writeFileAtomic(path.join(out, SIGNATURE_FILE), active.signature);
  writeFileAtomic(path.join(out, MANIFEST_FILE), active.bytes);
  return { version: active.version, files: files.length };
}
