import type { Migration } from './index.js';
import { chainExisting } from '../../evidence/chain.js';

/**
 * Tamper evidence and hand-over to the county (issue 8):
 * - `evidence_chain`: one row per attendance or play-log record, in the order they were
 *   written: sequence number, which record, and the SHA-256 of its canonical form joined with
 *   the previous hash. Kept beside the records so the shipped tables and their INSERTs stay as
 *   they are; computed in application code (no trigger), so the sqlite3 tool can still edit a
 *   row, and `station evidence verify` then names it. Records already present are chained now,
 *   in id order;
 * - `bundle_exports` / `bundle_imports`: the chain positions handed over or received, so a
 *   bundle carries "everything since the last export" and a replayed bundle is refused;
 * - `trusted_terminals`: public keys of terminals whose bundles this installation accepts;
 * - `api_tokens`: LAN pull API tokens, stored as SHA-256 digests only.
 */
export const m009Evidence: Migration = {
  version: 9,
  name: 'evidence',
  up(db) {
    db.exec(`
      CREATE TABLE evidence_chain (
        seq INTEGER PRIMARY KEY,        -- 1, 2, 3… without gaps
        record_table TEXT NOT NULL CHECK (record_table IN ('attendance_records', 'play_log')),
        record_id INTEGER NOT NULL,
        hash TEXT NOT NULL CHECK (length(hash) = 64),
        UNIQUE (record_table, record_id)
      ) STRICT;

      CREATE TABLE bundle_exports (
        id INTEGER PRIMARY KEY,
        from_seq INTEGER NOT NULL,
        to_seq INTEGER NOT NULL,
        head_hash TEXT NOT NULL,
        file TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE trusted_terminals (
        fingerprint TEXT PRIMARY KEY,   -- SHA-256 (hex) of the SPKI DER public key
        public_key TEXT NOT NULL,       -- SPKI PEM
        name TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE bundle_imports (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL REFERENCES trusted_terminals (fingerprint),
        terminal_id TEXT NOT NULL,
        from_seq INTEGER NOT NULL,
        to_seq INTEGER NOT NULL,
        head_hash TEXT NOT NULL,
        payload_sha256 TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX bundle_imports_by_terminal ON bundle_imports (fingerprint, to_seq);

      CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) > 0),
        token_sha256 TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        last_used_at TEXT
      ) STRICT;
    `);
    chainExisting(db);
  },
};
