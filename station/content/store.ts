import fs from 'node:fs';
import path from 'node:path';
import { ManifestSchema, manifestFiles, type Manifest } from '../../common/manifest.js';
import type { Db } from '../db/open.js';
import { getSetting } from '../settings/store.js';

export type ObjectState = 'missing' | 'downloading' | 'verified' | 'corrupt';

/** Where the verified cache lives and its parts. Only `objects/` is ever served. */
export interface CacheDirs {
  root: string;
  /** Verified files, named by their SHA-256: only a file whose hash matched gets here. */
  objects: string;
  /** Downloads in progress (`<sha256>.part`), kept across runs for resume. */
  partial: string;
  /** Files that failed a re-check, kept aside for the technician rather than deleted. */
  quarantine: string;
}

/** The cache directory: the `content.cacheDir` setting, else `cache` beside the database. */
export function cacheDirs(db: Db): CacheDirs {
  const configured = getSetting(db, 'content.cacheDir');
  const root = configured ? path.resolve(configured) : path.join(path.dirname(db.name), 'cache');
  return {
    root,
    objects: path.join(root, 'objects'),
    partial: path.join(root, 'partial'),
    quarantine: path.join(root, 'quarantine'),
  };
}

export function ensureCacheDirs(dirs: CacheDirs): void {
  for (const d of [dirs.objects, dirs.partial, dirs.quarantine])
    fs.mkdirSync(d, { recursive: true });
}

export const objectPath = (dirs: CacheDirs, sha256: string) => path.join(dirs.objects, sha256);
export const partPath = (dirs: CacheDirs, sha256: string) =>
  path.join(dirs.partial, `${sha256}.part`);

export interface StoredManifest {
  version: number;
  keyId: string;
  bytes: Buffer;
  signature: Buffer;
  source: string;
  acceptedAt: string;
  manifest: Manifest;
}

type ManifestRow = {
  version: number;
  key_id: string;
  manifest: Buffer;
  signature: Buffer;
  source: string;
  accepted_at: string;
};

/**
 * Parsed manifests per database, keyed by version and acceptance time: a row is never changed
 * once written, so the key names its content without hashing the bytes (the media handler asks
 * on every range request). Only the last few are kept: the active and the accepted one matter.
 */
const parsedManifests = new WeakMap<Db, Map<string, Manifest>>();
const PARSED_KEPT = 4;

function toStored(db: Db, row: ManifestRow): StoredManifest {
  let parsed = parsedManifests.get(db);
  if (!parsed) parsedManifests.set(db, (parsed = new Map()));
  const memoKey = `${row.version}|${row.accepted_at}`;
  let manifest = parsed.get(memoKey);
  if (!manifest) {
    manifest = ManifestSchema.parse(JSON.parse(row.manifest.toString('utf8')));
    parsed.set(memoKey, manifest);
    if (parsed.size > PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
  }
  return {
    version: row.version,
    keyId: row.key_id,
    bytes: row.manifest,
    signature: row.signature,
    source: row.source,
    acceptedAt: row.accepted_at,
    manifest,
  };
}

/** The newest accepted manifest: what the cache is working towards. */
export function acceptedManifest(db: Db): StoredManifest | null {
  const row = db.prepare('SELECT * FROM content_manifests ORDER BY version DESC LIMIT 1').get() as
    ManifestRow | undefined;
  return row ? toStored(db, row) : null;
}

/** The manifest being served: the newest one whose files were all verified. */
export function activeManifest(db: Db): StoredManifest | null {
  const row = db
    .prepare(
      `SELECT m.* FROM content_state s JOIN content_manifests m ON m.version = s.active_version
       WHERE s.id = 1`,
    )
    .get() as ManifestRow | undefined;
  return row ? toStored(db, row) : null;
}

/**
 * Records an accepted manifest and makes sure every object it names has a row. Same version
 * again is a no-op (it was accepted before). One transaction: a crash leaves the old state.
 */
export function recordManifest(
  db: Db,
  m: { manifest: Manifest; keyId: string; bytes: Buffer; signature: Buffer; source: string },
  now: Date,
): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO content_manifests (version, key_id, manifest, signature, source, accepted_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (version) DO NOTHING`,
    ).run(m.manifest.version, m.keyId, m.bytes, m.signature, m.source, now.toISOString());
    const insert = db.prepare(
      `INSERT INTO content_objects (sha256, size, state, updated_at) VALUES (?, ?, 'missing', ?)
       ON CONFLICT (sha256) DO UPDATE SET retired_at = NULL`,
    );
    for (const f of manifestFiles(m.manifest)) insert.run(f.sha256, f.size, now.toISOString());
  })();
}

export interface ObjectRow {
  sha256: string;
  size: number;
  state: ObjectState;
  part_validator: string | null;
  verified_at: string | null;
  retired_at: string | null;
}

export function objectRow(db: Db, sha256: string): ObjectRow | null {
  return (
    (db.prepare('SELECT * FROM content_objects WHERE sha256 = ?').get(sha256) as
      ObjectRow | undefined) ?? null
  );
}

export function objectStates(db: Db): Map<string, ObjectState> {
  const rows = db.prepare('SELECT sha256, state FROM content_objects').all() as {
    sha256: string;
    state: ObjectState;
  }[];
  return new Map(rows.map((r) => [r.sha256, r.state]));
}

export function setObjectState(
  db: Db,
  sha256: string,
  state: ObjectState,
  now: Date,
  validator?: string | null,
): void {
  db.prepare(
    `UPDATE content_objects SET state = ?, updated_at = ?,
       verified_at = CASE WHEN ? = 'verified' THEN ? ELSE verified_at END,
       part_validator = CASE WHEN ? THEN ? ELSE part_validator END
     WHERE sha256 = ?`,
  ).run(
    state,
    now.toISOString(),
    state,
    now.toISOString(),
    validator === undefined ? 0 : 1,
    validator ?? null,
    sha256,
  );
}

/**
 * Makes `version` the served manifest and marks every object neither it nor the accepted
 * manifest names as retired (kept for the grace period, then purged).
 */
export function activate(db: Db, version: number, now: Date): void {
  db.transaction(() => {
    db.prepare('UPDATE content_state SET active_version = ?, activated_at = ? WHERE id = 1').run(
      version,
      now.toISOString(),
    );
    const keep = new Set<string>();
    for (const m of [activeManifest(db), acceptedManifest(db)]) {
      if (m) for (const f of manifestFiles(m.manifest)) keep.add(f.sha256);
    }
    const rows = db
      .prepare('SELECT sha256 FROM content_objects WHERE retired_at IS NULL')
      .all() as { sha256: string }[];
    const retire = db.prepare('UPDATE content_objects SET retired_at = ? WHERE sha256 = ?');
    for (const r of rows) if (!keep.has(r.sha256)) retire.run(now.toISOString(), r.sha256);
  })();
}

/** Deletes retired objects (and their partials) whose grace period has passed. */
export function purgeRetired(db: Db, dirs: CacheDirs, now: Date, graceDays: number): string[] {
  const cutoff = new Date(now.getTime() - graceDays * 86_400_000).toISOString();
  const rows = db
    .prepare('SELECT sha256 FROM content_objects WHERE retired_at IS NOT NULL AND retired_at <= ?')
    .all(cutoff) as { sha256: string }[];
  for (const r of rows) {
    // Row first: once it is gone nothing will serve the file, then the bytes go.
    db.prepare('DELETE FROM content_objects WHERE sha256 = ?').run(r.sha256);
    fs.rmSync(objectPath(dirs, r.sha256), { force: true });
    fs.rmSync(partPath(dirs, r.sha256), { force: true });
  }
  return rows.map((r) => r.sha256);
}
