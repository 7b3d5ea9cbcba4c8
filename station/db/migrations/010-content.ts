import type { Migration } from './index.js';

/**
 * The verified content cache (issue 6):
 * - `content_keys`: public keys the technician trusts to sign manifests (`station content trust`);
 * - `content_manifests`: every manifest ever accepted, its exact bytes and signature (append-only;
 *   the highest version is the one being fetched, rollback protection compares against it);
 * - `content_state`: the single row naming the *active* manifest, the newest one whose files are
 *   all verified — what is listed and served, so the last good content plays until a newer
 *   manifest is complete;
 * - `content_objects`: files by SHA-256 (content-addressed, so a file shared by two versions is
 *   fetched once) with their state, the validator (ETag / Last-Modified) of a partial download,
 *   and when a file left the active manifest (kept for a grace period, then deleted).
 */
export const m010Content: Migration = {
  version: 10,
  name: 'content',
  up(db) {
    db.exec(`
      CREATE TABLE content_keys (
        key_id TEXT PRIMARY KEY CHECK (length(key_id) = 16),
        public_key_pem TEXT NOT NULL,
        label TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE content_manifests (
        version INTEGER PRIMARY KEY CHECK (version >= 0),
        key_id TEXT NOT NULL,
        manifest BLOB NOT NULL,
        signature BLOB NOT NULL CHECK (length(signature) = 64),
        source TEXT NOT NULL,
        accepted_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE content_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        active_version INTEGER REFERENCES content_manifests (version),
        activated_at TEXT
      ) STRICT;
      INSERT INTO content_state (id, active_version, activated_at) VALUES (1, NULL, NULL);

      CREATE TABLE content_objects (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        size INTEGER NOT NULL CHECK (size >= 0),
        state TEXT NOT NULL CHECK (state IN ('missing', 'downloading', 'verified', 'corrupt')),
        part_validator TEXT,
        verified_at TEXT,
        retired_at TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
