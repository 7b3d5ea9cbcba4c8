import type { Migration } from './index.js';

/**
 * The foundation: settings, PINs and the roster. Tables are STRICT so a wrong type is an error,
 * not a silently stored string. Times are ISO 8601 text with offset; dates are YYYY-MM-DD.
 */
export const m001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.pragma(`application_id = ${0x53545354}`);
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,            -- JSON
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE pins (
        role TEXT PRIMARY KEY CHECK (role IN ('organizer', 'technician')),
        hash TEXT NOT NULL,             -- scrypt$N$r$p$salt$key (base64)
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,              -- ISO time; NULL when not locked
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE members (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) > 0),
        gender TEXT CHECK (gender IN ('male', 'female')),
        birth_date TEXT,
        joined_on TEXT,                 -- date joined the party
        status TEXT NOT NULL DEFAULT 'full' CHECK (status IN ('full', 'probationary')),
        role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('secretary', 'committee', 'member')),
        role_title TEXT,                -- the post as the village writes it, e.g. 组织委员
        phone TEXT,
        is_mobile INTEGER NOT NULL DEFAULT 0 CHECK (is_mobile IN (0, 1)),
        works_in TEXT,                  -- where a mobile member works (流入地)
        card_code TEXT UNIQUE,
        state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'left', 'transferred')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX members_state ON members (state);
    `);
  },
};
