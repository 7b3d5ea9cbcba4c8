import type { Migration } from './index.js';

/**
 * The equipment register (设备登记), in the shape of the county's 《远教站点设备现状登记表》: one
 * row per item, and an append-only maintenance log per item. The replacement date is not stored:
 * it follows from the purchase date and the service life (station/domain/equipment-life.ts).
 * A serial is unique within a kind, so re-importing the county's sheet updates rather than
 * duplicates; items without a readable serial (a worn sticker) are allowed and never matched.
 */
export const m004Equipment: Migration = {
  version: 4,
  name: 'equipment',
  up(db) {
    db.exec(`
      CREATE TABLE equipment (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN
          ('terminal', 'display', 'satellite', 'router', 'ups', 'speaker', 'camera', 'other')),
        model TEXT NOT NULL CHECK (length(model) > 0),
        serial TEXT CHECK (serial IS NULL OR length(serial) > 0),
        purchased_on TEXT NOT NULL,     -- YYYY-MM-DD
        supplier TEXT,
        funding TEXT,                   -- funding source (资金来源), as the county writes it
        life_years INTEGER NOT NULL CHECK (life_years BETWEEN 1 AND 50),
        status TEXT NOT NULL DEFAULT 'in_use'
          CHECK (status IN ('in_use', 'faulty', 'under_repair', 'retired')),
        note TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX equipment_serial ON equipment (kind, serial) WHERE serial IS NOT NULL;

      CREATE TABLE equipment_maintenance (
        id INTEGER PRIMARY KEY,
        equipment_id INTEGER NOT NULL REFERENCES equipment (id),
        done_on TEXT NOT NULL,          -- YYYY-MM-DD, the day the work was done
        work TEXT NOT NULL CHECK (length(work) > 0),
        done_by TEXT NOT NULL CHECK (length(done_by) > 0),
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX equipment_maintenance_by_item ON equipment_maintenance (equipment_id, done_on);

      -- The log is evidence for the county: entries are added, never changed or removed.
      CREATE TRIGGER equipment_maintenance_no_update BEFORE UPDATE ON equipment_maintenance
      BEGIN SELECT RAISE(ABORT, 'the maintenance log is append-only'); END;
      CREATE TRIGGER equipment_maintenance_no_delete BEFORE DELETE ON equipment_maintenance
      BEGIN SELECT RAISE(ABORT, 'the maintenance log is append-only'); END;
    `);
  },
};
